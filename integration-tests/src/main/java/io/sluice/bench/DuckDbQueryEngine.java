package io.sluice.bench;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * DuckDB embedded in this JVM, in memory, loaded through its Appender (its fastest bulk path from Java).
 */
final class DuckDbQueryEngine
        implements QueryEngine
{
    private final DuckDBConnection connection;

    private DuckDbQueryEngine(DuckDBConnection connection)
    {
        this.connection = connection;
    }

    static DuckDbQueryEngine open()
            throws SQLException
    {
        return new DuckDbQueryEngine(DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class));
    }

    @Override
    public String name()
    {
        return "duckdb";
    }

    @Override
    public String loadMethod()
    {
        return "embedded, in memory, Appender";
    }

    @Override
    public void load(QueryData data)
            throws SQLException
    {
        for (String statement : StandardTables.CREATE_ALL) {
            SluiceJobs.execute(connection, statement);
        }
        try (DuckDBAppender appender = connection.createAppender("sales")) {
            for (long id = 1; id <= data.rows(); id++) {
                appender.beginRow()
                        .append(id)
                        .append(data.storeId(id))
                        .append(data.customer(id))
                        .append(data.category(id))
                        .append(data.quantity(id))
                        .append(data.price(id))
                        .appendEpochDays(data.saleEpochDay(id))
                        .endRow();
            }
        }
        try (DuckDBAppender appender = connection.createAppender("users")) {
            for (long id = 1; id <= data.rows(); id++) {
                appender.beginRow()
                        .append(id)
                        .append(QueryData.userName(id))
                        .append(QueryData.userTimestamp(id))
                        .append(QueryData.userStatus(id))
                        .endRow();
            }
        }
        try (DuckDBAppender appender = connection.createAppender("stores")) {
            for (int id = 1; id <= QueryData.STORES; id++) {
                appender.beginRow()
                        .append(id)
                        .append(QueryData.storeName(id))
                        .append(QueryData.storeRegion(id))
                        .endRow();
            }
        }
    }

    @Override
    public Connection connection()
    {
        return connection;
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // an in-memory database has nothing to lose on close
        }
    }
}
