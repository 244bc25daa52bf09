package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DatabaseMetaData of MySQL Connector/J and MariaDB Connector/J against Sluice: the calls DBeaver and DataGrip make
 * to browse a server, on tables of each key model with nullable and NOT NULL columns, defaults and comments.
 */
class DatabaseMetaDataIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
            throws SQLException
    {
        cluster = new SluiceCluster(directory);
        try (Connection connection = cluster.connect(null); Statement statement = connection.createStatement()) {
            statement.execute("create database meta");
            statement.execute("create table meta.orders (id bigint not null comment 'order id', customer varchar(32) default 'anonymous' comment 'who', "
                    + "amount decimal(10, 2), created datetime) primary key(id) distributed by hash(id) buckets 2");
            statement.execute("create table meta.events (day date, kind int, note string) duplicate key(day, kind)");
            statement.execute("create table meta.totals (region varchar(10), product int, sold bigint sum) aggregate key(region, product)");
            statement.execute("create table meta.latest (k int, v double) unique key(k)");
            statement.execute("insert into meta.orders values (1, 'ann', 10.5, '2024-01-01 00:00:00'), (2, 'bob', 3, null)");
        }
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection connect(String driver)
            throws SQLException
    {
        return DriverManager.getConnection(cluster.jdbcUrl(driver, "meta"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void productCatalogsAndTables(String driver)
            throws SQLException
    {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(metadata.getDatabaseProductName()).isEqualTo("MySQL");
            assertThat(metadata.getDatabaseProductVersion()).startsWith("8.0.33");
            assertThat(column(metadata.getCatalogs(), "TABLE_CAT")).contains("information_schema", "meta");
            assertThat(column(metadata.getTables("meta", null, "%", null), "TABLE_NAME")).containsExactly("events", "latest", "orders", "totals");
            assertThat(column(metadata.getTables("meta", null, "o%", null), "TABLE_TYPE")).containsExactly("TABLE");
            assertThat(column(metadata.getTables("meta", null, "t_tals", null), "TABLE_NAME")).containsExactly("totals");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void tablesOfType(String driver)
            throws SQLException
    {
        try (Connection connection = connect(driver)) {
            assertThat(column(connection.getMetaData().getTables("meta", null, "%", new String[] {"TABLE"}), "TABLE_NAME"))
                    .containsExactly("events", "latest", "orders", "totals");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void columns(String driver)
            throws SQLException
    {
        try (Connection connection = connect(driver)) {
            List<List<String>> columns = rows(connection.getMetaData().getColumns("meta", null, "orders", "%"),
                    "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "REMARKS", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE");
            assertThat(columns).containsExactly(
                    List.of("id", String.valueOf(Types.BIGINT), "BIGINT", "19", "order id", "null", "1", "NO"),
                    List.of("customer", String.valueOf(Types.VARCHAR), "VARCHAR", "32", "who", "anonymous", "2", "YES"),
                    List.of("amount", String.valueOf(Types.DECIMAL), "DECIMAL", "10", "", "null", "3", "YES"),
                    List.of("created", String.valueOf(Types.TIMESTAMP), "DATETIME", "19", "", "null", "4", "YES"));
            // MariaDB's driver computes NULLABLE as IS_NULLABLE = 'yes', true under MySQL's information_schema collation
            assertThat(rows(connection.getMetaData().getColumns("meta", null, "orders", "%"), "NULLABLE"))
                    .containsExactly(List.of("0"), List.of("1"), List.of("1"), List.of("1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void primaryKeysAndIndexes(String driver)
            throws SQLException
    {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(rows(metadata.getPrimaryKeys("meta", null, "orders"), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"))
                    .containsExactly(List.of("id", "1", "PRIMARY"));
            assertThat(rows(metadata.getPrimaryKeys("meta", null, "totals"), "COLUMN_NAME", "KEY_SEQ"))
                    .containsExactlyInAnyOrder(List.of("region", "1"), List.of("product", "2"));
            assertThat(rows(metadata.getPrimaryKeys("meta", null, "latest"), "COLUMN_NAME")).containsExactly(List.of("k"));
            // a DUPLICATE KEY only orders rows: no unique key
            assertThat(rows(metadata.getPrimaryKeys("meta", null, "events"), "COLUMN_NAME")).isEmpty();
            assertThat(rows(metadata.getIndexInfo("meta", null, "orders", false, false), "INDEX_NAME", "COLUMN_NAME", "NON_UNIQUE"))
                    .containsExactly(List.of("PRIMARY", "id", "0"));
            assertThat(rows(metadata.getImportedKeys("meta", null, "orders"), "FK_NAME")).isEmpty();
            assertThat(metadata.getTypeInfo().next()).isTrue();
        }
    }

    @Test
    void showStatementsConnectorJReads()
            throws SQLException
    {
        try (Connection connection = connect("mysql"); Statement statement = connection.createStatement()) {
            assertThat(rows(statement.executeQuery("show full columns from orders where `Key` = 'PRI'"), "Field", "Type", "Null", "Comment"))
                    .containsExactly(List.of("id", "bigint(20)", "NO", "order id"));
            assertThat(rows(statement.executeQuery("show keys from totals"), "Key_name", "Seq_in_index", "Column_name"))
                    .containsExactly(List.of("PRIMARY", "1", "region"), List.of("PRIMARY", "2", "product"));
            assertThat(rows(statement.executeQuery("show table status like 'orders'"), "Name", "Engine", "Rows", "Collation"))
                    .containsExactly(List.of("orders", "OLAP", "2", "utf8mb4_general_ci"));
            try (ResultSet status = statement.executeQuery("show table status from meta like 'orders'")) {
                assertThat(status.getMetaData().getColumnCount()).isEqualTo(18);
                assertThat(status.next()).isTrue();
                assertThat(status.getLong("Data_length")).isPositive();
                assertThat(status.getString("Create_time")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            }
            assertThat(rows(statement.executeQuery("select table_name, table_rows from information_schema.tables where table_schema = 'meta' and table_name = 'orders'"),
                    "table_name", "table_rows")).containsExactly(List.of("orders", "2"));
            assertThat(rows(statement.executeQuery("show variables where variable_name = 'version_comment'"), "Variable_name"))
                    .containsExactly(List.of("version_comment"));
        }
    }

    private static List<String> column(ResultSet result, String name)
            throws SQLException
    {
        List<String> values = new ArrayList<>();
        for (List<String> row : rows(result, name)) {
            values.add(row.get(0));
        }
        return values;
    }

    private static List<List<String>> rows(ResultSet result, String... names)
            throws SQLException
    {
        List<List<String>> rows = new ArrayList<>();
        try (result) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (String name : names) {
                    row.add(String.valueOf(result.getString(name)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
