package io.sluice.server.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sluice.server.mysql.MysqlServerTest.assertSqlError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** MySQL Connector/J and MariaDB Connector/J against the server with a fake session. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcClientTest
{
    private static final FakeSessionFactory SESSIONS = new FakeSessionFactory();
    private static MysqlServer server;
    private static int port;

    enum Driver
    {
        MYSQL, MARIADB;

        String url(String database)
        {
            return this == MYSQL ? mysqlUrl(port, database) : mariadbUrl(port, database);
        }

        Connection connect(String database)
                throws SQLException
        {
            return DriverManager.getConnection(url(database), "root", "");
        }
    }

    static String mysqlUrl(int port, String database)
    {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?connectTimeout=5000&socketTimeout=30000";
    }

    static String mariadbUrl(int port, String database)
    {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?connectTimeout=5000&socketTimeout=30000";
    }

    @BeforeAll
    static void startServer()
    {
        server = new MysqlServer(
                MysqlServerConfig.builder().port(0).build(),
                new NativePasswordAuthenticator(Map.of("root", "", "alice", "wonderland")),
                SESSIONS);
        port = server.start();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void connectsAndQueries(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("");
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select 1 as one, 'text' as word, null as nothing")) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            assertThat(metadata.getColumnCount()).isEqualTo(3);
            assertThat(metadata.getColumnLabel(1)).isEqualTo("one");
            assertThat(metadata.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(metadata.getColumnLabel(2)).isEqualTo("word");
            assertThat(metadata.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong("one")).isEqualTo(1);
            assertThat(resultSet.getObject("one")).isEqualTo(1L);
            assertThat(resultSet.getString("word")).isEqualTo("text");
            assertThat(resultSet.getString("nothing")).isNull();
            assertThat(resultSet.wasNull()).isTrue();
            assertThat(resultSet.next()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void readsResultSetWithNulls(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("test");
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select * from nulls")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(1);
            assertThat(resultSet.getString(2)).isEqualTo("alice");
            assertThat(resultSet.getDouble(3)).isEqualTo(1.5);
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(2);
            assertThat(resultSet.getString(2)).isNull();
            assertThat(resultSet.getObject(3)).isNull();
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getObject(1)).isNull();
            assertThat(resultSet.getString(2)).isEmpty();
            assertThat(resultSet.getDouble(3)).isEqualTo(-0.25);
            assertThat(resultSet.next()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void errorsCarryCodeAndSqlStateAndConnectionSurvives(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("test");
                Statement statement = connection.createStatement()) {
            SQLException missingTable = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("select * from missing"));
            assertSqlError(missingTable, 1146, "42S02");
            assertThat(missingTable.getMessage()).contains("Table 'test.missing' doesn't exist");

            SQLException syntax = catchThrowableOfType(SQLException.class, () -> statement.execute("bogus statement"));
            assertSqlError(syntax, 1064, "42000");

            SQLException crash = catchThrowableOfType(SQLException.class, () -> statement.execute("crash"));
            assertSqlError(crash, 1105, "HY000");
            assertThat(crash.getMessage()).contains("simulated crash").doesNotContain("Frame.java");

            try (ResultSet resultSet = statement.executeQuery("select 'alive' as state")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).isEqualTo("alive");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void errorWhileStreamingRows(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("");
                Statement statement = connection.createStatement()) {
            SQLException interrupted = catchThrowableOfType(SQLException.class, () -> {
                try (ResultSet resultSet = statement.executeQuery("select * from failing_rows")) {
                    while (resultSet.next()) {
                        resultSet.getLong(1);
                    }
                }
            });
            assertSqlError(interrupted, 1317, "70100");
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void updateCountAndUse(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("")) {
            try (Statement statement = connection.createStatement()) {
                assertThat(statement.executeUpdate("insert into t values (1), (2), (3)")).isEqualTo(3);
            }
            // Connector/J sends USE as a query, MariaDB Connector/J sends COM_INIT_DB
            connection.setCatalog("sluice");
            // a statement runs in the database current when it was created: Connector/J switches back otherwise
            try (Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select database() as db")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).isEqualTo("sluice");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void wrongPasswordIsAccessDenied(Driver driver)
    {
        SQLException denied = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(driver.url(""), "root", "secret").close());
        assertSqlError(denied, 1045, "28000");
        assertThat(denied.getMessage()).contains("Access denied for user 'root'@'127.0.0.1' (using password: YES)");

        SQLException unknownUser = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(driver.url(""), "nobody", "").close());
        assertSqlError(unknownUser, 1045, "28000");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void passwordAuthentication(Driver driver)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(driver.url(""), "alice", "wonderland")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        SQLException denied = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(driver.url(""), "alice", "wonder").close());
        assertSqlError(denied, 1045, "28000");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void unknownDatabaseIsRefused(Driver driver)
    {
        SQLException unknown = catchThrowableOfType(SQLException.class, () -> driver.connect("nope").close());
        assertSqlError(unknown, 1049, "42000");
        assertThat(unknown.getMessage()).contains("Unknown database 'nope'");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void serverSidePreparedStatementsFallBackToText(Driver driver)
            throws SQLException
    {
        String url = driver.url("") + (driver == Driver.MYSQL ? "&useServerPrepStmts=true" : "&useServerPrepStmts=true");
        try (Connection connection = DriverManager.getConnection(url, "root", "");
                PreparedStatement statement = connection.prepareStatement("select ? as v")) {
            statement.setString(1, "it works");
            try (ResultSet resultSet = statement.executeQuery()) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString("v")).isEqualTo("it works");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void valuesAndQueriesLargerThan16Megabytes(Driver driver)
            throws SQLException
    {
        int length = 0xFFFFFF + 1000;
        try (Connection connection = driver.connect("");
                Statement statement = connection.createStatement()) {
            try (ResultSet resultSet = statement.executeQuery("select * from rows(2, " + length + ")")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(2)).hasSize(length);
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getLong(1)).isEqualTo(1);
                assertThat(resultSet.next()).isFalse();
            }
            String large = "y".repeat(length);
            try (ResultSet resultSet = statement.executeQuery("select '" + large + "' as big")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString("big")).isEqualTo(large);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void manyRows(Driver driver)
            throws SQLException
    {
        try (Connection connection = driver.connect("");
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select * from rows(100000, 10)")) {
            long count = 0;
            while (resultSet.next()) {
                assertThat(resultSet.getLong(1)).isEqualTo(count);
                count++;
            }
            assertThat(count).isEqualTo(100000);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void unsupportedCatalogAccessIsAnError(Driver driver)
    {
        assertThatThrownBy(() -> {
            try (Connection connection = driver.connect("")) {
                connection.setCatalog("nope");
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> assertSqlError(e, 1049, "42000"));
    }
}
