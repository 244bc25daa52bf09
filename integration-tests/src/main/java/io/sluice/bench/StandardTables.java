package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The query benchmark's tables in plain SQL for the embedded peers (and Story A's users for MariaDB), and loading
 * them with batched INSERTs, one transaction per batch.
 */
final class StandardTables
{
    static final String CREATE_SALES = "create table sales (id bigint not null, store_id int not null, customer varchar(32) not null, "
            + "category varchar(16) not null, quantity int not null, price double not null, sale_date date not null)";
    static final String CREATE_USERS = "create table users (id bigint not null primary key, name varchar(64) not null, "
            + "timestamp varchar(32), status varchar(16))";
    static final String CREATE_STORES = "create table stores (id int not null primary key, name varchar(32) not null, region varchar(16) not null)";
    static final List<String> CREATE_ALL = List.of(CREATE_SALES, CREATE_USERS, CREATE_STORES);

    private static final int BATCH_ROWS = 10_000;

    private StandardTables() {}

    static void insertSales(Connection connection, QueryData data)
            throws SQLException
    {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into sales values (?, ?, ?, ?, ?, ?, ?)")) {
            for (long id = 1; id <= data.rows(); id++) {
                insert.setLong(1, id);
                insert.setInt(2, data.storeId(id));
                insert.setString(3, data.customer(id));
                insert.setString(4, data.category(id));
                insert.setInt(5, data.quantity(id));
                insert.setDouble(6, data.price(id));
                insert.setObject(7, data.saleDate(id));
                addToBatch(connection, insert, id, data.rows());
            }
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static void insertUsers(Connection connection, long rows)
            throws SQLException
    {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into users values (?, ?, ?, ?)")) {
            for (long id = 1; id <= rows; id++) {
                insert.setLong(1, id);
                insert.setString(2, QueryData.userName(id));
                insert.setString(3, QueryData.userTimestamp(id));
                insert.setString(4, QueryData.userStatus(id));
                addToBatch(connection, insert, id, rows);
            }
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static void insertStores(Connection connection)
            throws SQLException
    {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into stores values (?, ?, ?)")) {
            for (int id = 1; id <= QueryData.STORES; id++) {
                insert.setInt(1, id);
                insert.setString(2, QueryData.storeName(id));
                insert.setString(3, QueryData.storeRegion(id));
                addToBatch(connection, insert, id, QueryData.STORES);
            }
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void addToBatch(Connection connection, PreparedStatement insert, long id, long lastId)
            throws SQLException
    {
        insert.addBatch();
        if (id % BATCH_ROWS == 0 || id == lastId) {
            insert.executeBatch();
            connection.commit();
        }
    }
}
