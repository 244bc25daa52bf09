package io.sluice.it;

import io.sluice.server.SluiceConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MySQL protocol with real clients: server-side prepared statements (Connector/J, MariaDB Connector/J), binary
 * results, multi-statements, payloads over 16 MB, max_allowed_packet, KILL, SHOW PROCESSLIST, wait_timeout,
 * max_connections, COM_CHANGE_USER and the auth switch. Sluice runs in the test JVM, without Kafka.
 */
class MysqlProtocolIT
{
    @TempDir
    static Path directory;

    private static SluiceServer server;

    @BeforeAll
    static void start()
            throws SQLException
    {
        server = SluiceServer.start(new SluiceConfig("127.0.0.1", 0, directory.resolve("sluice"), Optional.empty()));
        try (Connection connection = connect("", ""); Statement statement = connection.createStatement()) {
            statement.execute("create database p");
            statement.execute("""
                    create table p.all_types (id bigint, ti tinyint, si smallint, i int, f float, d double, m decimal(10,2),
                      s varchar(200), dt date, ts datetime, b boolean) duplicate key(id)""");
            statement.execute("create table p.numbers (n bigint) duplicate key(n)");
            StringBuilder values = new StringBuilder("insert into p.numbers values (0)");
            for (int i = 1; i < 3000; i++) {
                values.append(", (").append(i).append(')');
            }
            statement.execute(values.toString());
        }
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    static String url(String driver, String database, String properties)
    {
        return "jdbc:" + driver + "://127.0.0.1:" + server.port() + "/" + database + "?user=root&password=&useSSL=false&socketTimeout=120000"
                + (properties.isEmpty() ? "" : "&" + properties);
    }

    static Connection connect(String database, String properties)
            throws SQLException
    {
        return DriverManager.getConnection(url("mysql", database, properties));
    }

    @Test
    void connectorJServerPreparedStatementsWithEveryParameterType()
            throws Exception
    {
        try (Connection connection = connect("p", "useServerPrepStmts=true")) {
            try (PreparedStatement insert = connection.prepareStatement("insert into all_types values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, 1);
                insert.setByte(2, (byte) -7);
                insert.setShort(3, (short) 300);
                insert.setInt(4, -70000);
                insert.setFloat(5, 1.5f);
                insert.setDouble(6, -2.25);
                insert.setBigDecimal(7, new BigDecimal("12345.67"));
                insert.setString(8, "it's a \\ 'quoted' \"string\" -- ? ; é");
                insert.setDate(9, Date.valueOf("2024-02-15"));
                insert.setTimestamp(10, Timestamp.valueOf("2024-02-15 13:42:07"));
                insert.setBoolean(11, true);
                assertThat(insert.executeUpdate()).isEqualTo(1);

                // every parameter NULL, re-executed with the types bound before
                insert.setLong(1, 2);
                for (int i = 2; i <= 11; i++) {
                    insert.setNull(i, Types.NULL);
                }
                assertThat(insert.executeUpdate()).isEqualTo(1);

                // batch
                for (long id = 10; id < 13; id++) {
                    insert.setLong(1, id);
                    insert.setString(8, "batch " + id);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
            }
            // long data: COM_STMT_SEND_LONG_DATA
            try (PreparedStatement insert = connection.prepareStatement("insert into all_types (id, s) values (?, ?)")) {
                insert.setLong(1, 20);
                insert.setCharacterStream(2, new StringReader("streamed characters ü"));
                insert.executeUpdate();
                insert.setLong(1, 21);
                insert.setBinaryStream(2, new ByteArrayInputStream("streamed bytes".getBytes(StandardCharsets.UTF_8)));
                insert.executeUpdate();
            }

            try (PreparedStatement select = connection.prepareStatement("select id, ti, si, i, f, d, m, s, dt, ts, b from all_types where id = ?")) {
                select.setLong(1, 1);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getLong("id")).isEqualTo(1);
                    assertThat(resultSet.getByte("ti")).isEqualTo((byte) -7);
                    assertThat(resultSet.getShort("si")).isEqualTo((short) 300);
                    assertThat(resultSet.getInt("i")).isEqualTo(-70000);
                    assertThat(resultSet.getFloat("f")).isEqualTo(1.5f);
                    assertThat(resultSet.getDouble("d")).isEqualTo(-2.25);
                    assertThat(resultSet.getBigDecimal("m")).isEqualByComparingTo("12345.67");
                    assertThat(resultSet.getString("s")).isEqualTo("it's a \\ 'quoted' \"string\" -- ? ; é");
                    assertThat(resultSet.getDate("dt")).isEqualTo(Date.valueOf("2024-02-15"));
                    assertThat(resultSet.getTimestamp("ts")).isEqualTo(Timestamp.valueOf("2024-02-15 13:42:07"));
                    assertThat(resultSet.getBoolean("b")).isTrue();
                    assertThat(resultSet.next()).isFalse();

                    ResultSetMetaData metaData = resultSet.getMetaData();
                    assertThat(metaData.getColumnCount()).isEqualTo(11);
                    assertThat(metaData.getColumnName(1)).isEqualTo("id");
                    assertThat(metaData.getColumnType(1)).isEqualTo(Types.BIGINT);
                    assertThat(metaData.getColumnType(8)).isEqualTo(Types.VARCHAR);
                    assertThat(metaData.getColumnType(9)).isEqualTo(Types.DATE);
                }
                // the same statement re-executed with new parameters
                select.setLong(1, 2);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    for (int column = 2; column <= 11; column++) {
                        assertThat(resultSet.getObject(column)).as("column %s", column).isNull();
                    }
                }
                select.setLong(1, 12);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getString("s")).isEqualTo("batch 12");
                }
                select.setLong(1, 20);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getString("s")).isEqualTo("streamed characters ü");
                }
                select.setLong(1, 21);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getString("s")).isEqualTo("streamed bytes");
                }
            }
            // an error at execute leaves the connection usable
            try (PreparedStatement broken = connection.prepareStatement("select * from no_such_table where id = ?")) {
                broken.setLong(1, 1);
                assertThatThrownBy(broken::executeQuery).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146));
            }
            try (PreparedStatement constant = connection.prepareStatement("select ? + 1 as v")) {
                constant.setInt(1, 41);
                try (ResultSet resultSet = constant.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getLong(1)).isEqualTo(42);
                }
            }
        }
    }

    @Test
    void mariadbServerPreparedStatements()
            throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url("mariadb", "p", "useServerPrepStmts=true"))) {
            try (PreparedStatement insert = connection.prepareStatement("insert into all_types (id, i, d, s, dt, ts) values (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, 100);
                insert.setInt(2, 5);
                insert.setDouble(3, 0.5);
                insert.setString(4, "maria 'db'");
                insert.setDate(5, Date.valueOf("2023-12-31"));
                insert.setTimestamp(6, Timestamp.valueOf("2023-12-31 23:59:59"));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = connection.prepareStatement("select i, d, s, dt, ts from all_types where id = ? and s = ?")) {
                select.setLong(1, 100);
                select.setString(2, "maria 'db'");
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isTrue();
                    assertThat(resultSet.getInt(1)).isEqualTo(5);
                    assertThat(resultSet.getDouble(2)).isEqualTo(0.5);
                    assertThat(resultSet.getString(3)).isEqualTo("maria 'db'");
                    assertThat(resultSet.getDate(4)).isEqualTo(Date.valueOf("2023-12-31"));
                    assertThat(resultSet.getTimestamp(5)).isEqualTo(Timestamp.valueOf("2023-12-31 23:59:59"));
                }
                select.setLong(1, 101);
                try (ResultSet resultSet = select.executeQuery()) {
                    assertThat(resultSet.next()).isFalse();
                }
            }
        }
    }

    @Test
    void multiStatements()
            throws Exception
    {
        try (Connection connection = connect("p", "allowMultiQueries=true"); Statement statement = connection.createStatement()) {
            assertThat(statement.execute("select 1 as a; select 'two' as b; insert into numbers values (5000)")).isTrue();
            assertThat(single(statement.getResultSet())).isEqualTo("1");
            assertThat(statement.getMoreResults()).isTrue();
            assertThat(single(statement.getResultSet())).isEqualTo("two");
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(1);
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);

            // a failing statement stops the rest
            assertThatThrownBy(() -> {
                statement.execute("select 1; select * from no_such_table; insert into numbers values (5001)");
                while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                    // read every result
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146));
            assertThat(single(statement.executeQuery("select count(*) from numbers where n = 5001"))).isEqualTo("0");
        }
        try (Connection connection = connect("p", ""); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("select 1; select 2"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1064));
            assertThat(single(statement.executeQuery("select 3"))).isEqualTo("3");
        }
    }

    @Test
    void valuesOverSixteenMegabytesBothWays()
            throws Exception
    {
        String large = "x".repeat(17 * 1024 * 1024 + 5);
        try (Connection connection = connect("", "useServerPrepStmts=true"); PreparedStatement select = connection.prepareStatement("select ? as v")) {
            select.setString(1, large);
            try (ResultSet resultSet = select.executeQuery()) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).hasSize(large.length()).isEqualTo(large);
            }
        }
        try (Connection connection = connect("", ""); Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select '" + large + "' as v")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getString(1)).isEqualTo(large);
        }
    }

    @Test
    void maxAllowedPacketRefusesLargerPacketsAndCloses()
            throws Exception
    {
        try (Connection admin = connect("", ""); Statement statement = admin.createStatement()) {
            statement.execute("set global max_allowed_packet = 1048576");
            try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
                assertThat(RawMysqlSocket.isOk(client.login(0, "mysql_native_password", new byte[0]))).isTrue();
                // the header of a 2 MB COM_QUERY: the server refuses it before its payload arrives (sending the payload
                // too would race the server's close, which resets a connection with unread data)
                client.writeRaw(new byte[] {0, 0, 0x20, 0, 0x03});
                byte[] answer = client.readPacket();
                assertThat(RawMysqlSocket.errorCode(answer)).isEqualTo(1153);
                assertThat(RawMysqlSocket.errorText(answer)).isEqualTo("08S01 Got a packet bigger than 'max_allowed_packet' bytes");
                assertThat(client.closedByServer()).isTrue();
            }
            finally {
                statement.execute("set global max_allowed_packet = 67108864");
            }
            assertThat(single(statement.executeQuery("select @@max_allowed_packet"))).isEqualTo("67108864");
        }
    }

    @Test
    void killQueryStopsALongQueryAndShowProcesslistShowsIt()
            throws Exception
    {
        String padding = " /*" + "p".repeat(120) + "*/";
        // the filter spans all three sides, so the planner cannot count each side and multiply (it sometimes did)
        String longQuery = "select count(*) from numbers a, numbers b, numbers c where a.n + b.n + c.n >= 0" + padding;
        try (Connection victim = connect("p", ""); Connection killer = connect("p", ""); Statement killerStatement = killer.createStatement()) {
            long victimId = Long.parseLong(single(victim.createStatement().executeQuery("select connection_id()")));
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try (Statement statement = victim.createStatement()) {
                    statement.executeQuery(longQuery);
                    return null;
                }
                catch (SQLException e) {
                    return e;
                }
            });
            SluiceCluster.awaitTrue("the long query in the process list", () -> {
                if (outcome.isDone()) {
                    throw new AssertionError("The long query ended before it was killed: " + outcome.join(), outcome.join());
                }
                return processInfo(killerStatement, "show processlist", victimId) != null;
            });
            String shortInfo = processInfo(killerStatement, "show processlist", victimId);
            assertThat(shortInfo).hasSize(100).isEqualTo(longQuery.substring(0, 100));
            assertThat(processInfo(killerStatement, "show full processlist", victimId)).isEqualTo(longQuery);

            killerStatement.execute("kill query " + victimId);
            SQLException failure = outcome.get(60, TimeUnit.SECONDS);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getErrorCode()).isEqualTo(1317);
            assertThat(failure.getSQLState()).isEqualTo("70100");
            assertThat(failure.getMessage()).isEqualTo("Query execution was interrupted");
            // the connection stays usable
            assertThat(single(victim.createStatement().executeQuery("select 7"))).isEqualTo("7");

            assertThatThrownBy(() -> killerStatement.execute("kill 999999"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1094);
                        assertThat(e.getMessage()).isEqualTo("Unknown thread id: 999999");
                    });
            killerStatement.execute("kill connection " + victimId);
            SluiceCluster.awaitTrue("the killed connection to leave the process list", () -> !processIds(killerStatement).contains(victimId));
            assertThatThrownBy(() -> victim.createStatement().executeQuery("select 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void showProcesslistRows()
            throws Exception
    {
        try (Connection first = connect("p", ""); Connection second = connect("", ""); Statement statement = first.createStatement()) {
            long firstId = Long.parseLong(single(statement.executeQuery("select connection_id()")));
            long secondId = Long.parseLong(single(second.createStatement().executeQuery("select connection_id()")));
            assertThat(secondId).isGreaterThan(firstId);
            try (ResultSet resultSet = statement.executeQuery("show processlist")) {
                ResultSetMetaData metaData = resultSet.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    names.add(metaData.getColumnName(i));
                }
                assertThat(names).containsExactly("Id", "User", "Host", "db", "Command", "Time", "State", "Info");
                boolean sawFirst = false;
                boolean sawSecond = false;
                while (resultSet.next()) {
                    if (resultSet.getLong("Id") == firstId) {
                        sawFirst = true;
                        assertThat(resultSet.getString("User")).isEqualTo("root");
                        assertThat(resultSet.getString("Host")).isEqualTo("127.0.0.1");
                        assertThat(resultSet.getString("db")).isEqualTo("p");
                        assertThat(resultSet.getString("Command")).isEqualTo("Query");
                        assertThat(resultSet.getString("Info")).isEqualTo("show processlist");
                    }
                    if (resultSet.getLong("Id") == secondId) {
                        sawSecond = true;
                        assertThat(resultSet.getString("Command")).isEqualTo("Sleep");
                        assertThat(resultSet.getString("db")).isNull();
                        assertThat(resultSet.getString("Info")).isNull();
                    }
                }
                assertThat(sawFirst).isTrue();
                assertThat(sawSecond).isTrue();
            }
        }
    }

    @Test
    void maxConnectionsRefusesOneMoreWith1040()
            throws Exception
    {
        try (Connection admin = connect("", ""); Statement statement = admin.createStatement()) {
            int open = processIds(statement).size();
            statement.execute("set global max_connections = " + open);
            try {
                assertThatThrownBy(() -> connect("", "").close())
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1040);
                            assertThat(e.getSQLState()).isEqualTo("08004");
                            assertThat(e.getMessage()).contains("Too many connections");
                        });
            }
            finally {
                statement.execute("set global max_connections = 151");
            }
            connect("", "").close();
        }
    }

    @Test
    void waitTimeoutClosesIdleConnections()
            throws Exception
    {
        try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
            assertThat(RawMysqlSocket.isOk(client.login(0, "mysql_native_password", new byte[0]))).isTrue();
            client.query("set wait_timeout = 1");
            assertThat(RawMysqlSocket.isOk(client.readPacket())).isTrue();
            // nothing more is sent: the server closes the connection after a second of idleness
            long started = System.nanoTime();
            assertThat(client.closedByServer()).isTrue();
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(50));
        }
    }

    @Test
    void netReadTimeoutClosesAConnectionStalledInAPacket()
            throws Exception
    {
        try (Connection admin = connect("", ""); Statement statement = admin.createStatement()) {
            statement.execute("set global net_read_timeout = 1");
            try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
                assertThat(RawMysqlSocket.isOk(client.login(0, "mysql_native_password", new byte[0]))).isTrue();
                // a COM_QUERY that declares 100 bytes and sends 5, then nothing: closed after a second, not wait_timeout
                client.writeRaw(new byte[] {100, 0, 0, 0, 0x03, 's', 'e', 'l', 'e'});
                long started = System.nanoTime();
                assertThat(client.closedByServer()).isTrue();
                assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(50));
            }
            finally {
                statement.execute("set global net_read_timeout = 30");
            }
            assertThat(single(statement.executeQuery("select @@global.net_read_timeout"))).isEqualTo("30");
        }
    }

    @Test
    void changeUserResetsTheSessionOrClosesOnBadCredentials()
            throws Exception
    {
        try (Connection connection = connect("p", "")) {
            com.mysql.cj.jdbc.JdbcConnection jdbc = connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
            connection.createStatement().execute("set time_zone = '+05:00'");
            jdbc.changeUser("root", "");
            assertThat(single(connection.createStatement().executeQuery("select @@time_zone"))).isEqualTo("SYSTEM");
            assertThat(single(connection.createStatement().executeQuery("select count(*) from numbers where n < 10"))).isEqualTo("10");
            assertThatThrownBy(() -> jdbc.changeUser("nobody", "secret"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        }
    }

    @Test
    void authSwitchFromCachingSha2()
            throws Exception
    {
        try (Connection connection = connect("", "defaultAuthenticationPlugin=caching_sha2_password")) {
            assertThat(single(connection.createStatement().executeQuery("select 1"))).isEqualTo("1");
        }
        try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
            byte[] answer = client.login(0, "caching_sha2_password", new byte[32]);
            assertThat(answer[0] & 0xFF).isEqualTo(0xFE);
            assertThat(new String(answer, 1, "mysql_native_password".length(), StandardCharsets.US_ASCII)).isEqualTo("mysql_native_password");
            client.writePacket(new byte[0]);
            assertThat(RawMysqlSocket.isOk(client.readPacket())).isTrue();
        }
        try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
            byte[] answer = client.login(0, "mysql_native_password", new byte[20]);
            assertThat(RawMysqlSocket.errorCode(answer)).isEqualTo(1045);
            assertThat(RawMysqlSocket.errorText(answer)).isEqualTo("28000 Access denied for user 'root'@'127.0.0.1' (using password: YES)");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void badPreparedStatementCommandsGetCleanErrors()
            throws Exception
    {
        try (RawMysqlSocket client = new RawMysqlSocket(server.port(), 60_000)) {
            assertThat(RawMysqlSocket.isOk(client.login(RawMysqlSocket.CLIENT_DEPRECATE_EOF, "mysql_native_password", new byte[0]))).isTrue();
            client.command(0x17, new byte[] {(byte) 0xe7, 3, 0, 0, 0, 1, 0, 0, 0});
            byte[] answer = client.readPacket();
            assertThat(RawMysqlSocket.errorCode(answer)).isEqualTo(1243);
            assertThat(RawMysqlSocket.errorText(answer)).isEqualTo("HY000 Unknown prepared statement handler (999) given to mysqld_stmt_execute");

            client.command(0x16, "select ?, ?".getBytes(StandardCharsets.UTF_8));
            byte[] prepared = client.readPacket();
            assertThat(prepared[0]).isEqualTo((byte) 0);
            int statementId = (prepared[1] & 0xFF) | (prepared[2] & 0xFF) << 8;
            assertThat(prepared[7] & 0xFF).isEqualTo(2);
            client.readPacket();
            client.readPacket();
            // parameters announced but missing
            client.command(0x17, new byte[] {(byte) statementId, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 8, 0});
            answer = client.readPacket();
            assertThat(RawMysqlSocket.errorCode(answer)).isEqualTo(1210);

            client.command(0x1a, new byte[] {5, 5, 0, 0});
            assertThat(RawMysqlSocket.errorCode(client.readPacket())).isEqualTo(1243);
            client.command(0x0e, new byte[0]);
            assertThat(RawMysqlSocket.isOk(client.readPacket())).isTrue();
        }
    }

    @Test
    void nodeMysql2QueryExecuteAndMultiStatement()
            throws Exception
    {
        Path project = Path.of("target", "node-mysql2").toAbsolutePath();
        java.nio.file.Files.createDirectories(project);
        if (!java.nio.file.Files.isDirectory(project.resolve("node_modules/mysql2"))) {
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", project.toString(), "mysql2@3")
                    .redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = install.waitFor(300, TimeUnit.SECONDS);
            org.junit.jupiter.api.Assumptions.assumeTrue(finished && install.exitValue() == 0,
                    "npm could not install mysql2 (registry unreachable?), skipping the Node.js client test: " + log);
        }
        Path script = project.resolve("client.js");
        java.nio.file.Files.writeString(script, """
                const mysql = require('mysql2/promise');
                (async () => {
                  const connection = await mysql.createConnection({host: '127.0.0.1', port: Number(process.argv[2]), user: 'root',
                    password: '', database: 'p', multipleStatements: true});
                  const [queried] = await connection.query('select 1 + 1 as two');
                  const [executed] = await connection.execute('select ? as v, ? as s, n from numbers where n = ?', [42, "it's", 7]);
                  const [executedAgain] = await connection.execute('select ? as v, ? as s, n from numbers where n = ?', [43, 'again', 8]);
                  const [multi] = await connection.query('select 1 as a; select 2 as b');
                  console.log(JSON.stringify({queried, executed, executedAgain, multi}));
                  await connection.end();
                })().catch(e => { console.error(e); process.exit(1); });
                """);
        Process node = new ProcessBuilder("node", script.toString(), Integer.toString(server.port())).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("""
                {"queried":[{"two":2}],"executed":[{"v":42,"s":"it's","n":7}],"executedAgain":[{"v":43,"s":"again","n":8}],\
                "multi":[[{"a":1}],[{"b":2}]]}""");
    }

    private static String single(ResultSet resultSet)
            throws SQLException
    {
        try (resultSet) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getString(1);
        }
    }

    private static String processInfo(Statement statement, String sql, long id)
    {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                if (resultSet.getLong("Id") == id && "Query".equals(resultSet.getString("Command"))) {
                    return resultSet.getString("Info");
                }
            }
            return null;
        }
        catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> processIds(Statement statement)
    {
        try (ResultSet resultSet = statement.executeQuery("show processlist")) {
            List<Long> ids = new ArrayList<>();
            while (resultSet.next()) {
                ids.add(resultSet.getLong("Id"));
            }
            return ids;
        }
        catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
