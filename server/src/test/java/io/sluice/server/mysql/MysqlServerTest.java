package io.sluice.server.mysql;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.SocketException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server on a real socket: lifecycle, slow and idle clients. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MysqlServerTest
{
    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private MysqlServer server;
    private ExecutorService clientThreads;

    @AfterEach
    void tearDown()
    {
        if (server != null) {
            server.close();
        }
        if (clientThreads != null) {
            clientThreads.shutdownNow();
        }
    }

    @Test
    void startsOnFreePortAndClosesIdempotently()
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).build(), sessions);
        int port = server.start();
        assertThat(port).isPositive();
        assertThat(server.port()).isEqualTo(port);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close();
        server.close();
    }

    @Test
    void portInUseIsAClearError()
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).build(), sessions);
        int port = server.start();
        try (MysqlServer second = new MysqlServer(MysqlServerConfig.builder().port(port).build(), sessions)) {
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot listen for MySQL connections on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void closeDisconnectsClientsAndClosesSessions()
            throws Exception
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).build(), sessions);
        int port = server.start();
        try (RawMysqlClient client = new RawMysqlClient(port)) {
            client.login();
            server.close();
            assertThat(readsEndOfStream(client)).isTrue();
        }
        assertThat(sessions.closedSessions()).isEqualTo(1);
    }

    @Test
    void slowReaderHoldsNoCommandThread()
            throws Exception
    {
        // one command thread: if a client that does not read held it, nobody else could run anything
        server = new MysqlServer(MysqlServerConfig.builder().port(0).commandThreads(1).build(), sessions);
        int port = server.start();
        try (RawMysqlClient slowReader = new RawMysqlClient(port)) {
            slowReader.login();
            // about 40 MB, far more than socket buffers hold
            slowReader.send(0, ClientPackets.query("select * from rows(20000, 2000)"));

            try (Connection connection = DriverManager.getConnection(JdbcClientTest.mysqlUrl(port, ""), "root", "");
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select 'still served' as answer")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString("answer")).isEqualTo("still served");
            }

            // the slow reader finally reads: streaming resumes and every row arrives
            assertThat(slowReader.readResultSetRowCount()).isEqualTo(20000);
            slowReader.send(0, ClientPackets.command(ClientPackets.COM_PING));
            assertThat(slowReader.read().isOk()).isTrue();
        }
    }

    @Test
    void closeWhileStreamingToSlowReaderDoesNotHang()
            throws Exception
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).commandThreads(1).build(), sessions);
        int port = server.start();
        try (RawMysqlClient slowReader = new RawMysqlClient(port)) {
            slowReader.login();
            slowReader.send(0, ClientPackets.query("select * from rows(20000, 2000)"));
            // wait until the stream is suspended: another command can run on the single command thread
            try (Connection connection = DriverManager.getConnection(JdbcClientTest.mysqlUrl(port, ""), "root", "")) {
                assertThat(connection.isValid(10)).isTrue();
            }
            server.close();
        }
        assertThat(sessions.closedSessions()).isEqualTo(sessions.sessions.size());
    }

    @Test
    void idleAndBusyConnectionsDoNotBlockOthers()
            throws Exception
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).commandThreads(2).build(), sessions);
        int port = server.start();
        clientThreads = Executors.newSingleThreadExecutor();
        try (RawMysqlClient idle = new RawMysqlClient(port);
                Connection busy = DriverManager.getConnection(JdbcClientTest.mysqlUrl(port, ""), "root", "");
                Connection other = DriverManager.getConnection(JdbcClientTest.mysqlUrl(port, ""), "root", "")) {
            // "idle" never answers the handshake; "busy" runs a query that waits for the test
            Future<Boolean> blocked = clientThreads.submit(() -> busy.createStatement().execute("select * from block"));
            assertThat(sessions.blocked.await(30, TimeUnit.SECONDS)).isTrue();

            try (Statement statement = other.createStatement();
                    ResultSet resultSet = statement.executeQuery("select 1 as one")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getInt(1)).isEqualTo(1);
            }
            sessions.unblock.countDown();
            assertThat(blocked.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void manyConcurrentConnections()
            throws Exception
    {
        server = new MysqlServer(MysqlServerConfig.builder().port(0).ioThreads(2).commandThreads(3).build(), sessions);
        int port = server.start();
        int clients = 16;
        clientThreads = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> results = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            results.add(clientThreads.submit(() -> {
                String url = id % 2 == 0 ? JdbcClientTest.mysqlUrl(port, "test") : JdbcClientTest.mariadbUrl(port, "test");
                int answered = 0;
                try (Connection connection = DriverManager.getConnection(url, "root", "");
                        Statement statement = connection.createStatement()) {
                    for (int query = 0; query < 25; query++) {
                        String expected = id + "-" + query;
                        try (ResultSet resultSet = statement.executeQuery("select '" + expected + "' as v")) {
                            assertThat(resultSet.next()).isTrue();
                            assertThat(resultSet.getString(1)).isEqualTo(expected);
                        }
                        try (ResultSet resultSet = statement.executeQuery("select * from rows(50, 100)")) {
                            int rows = 0;
                            while (resultSet.next()) {
                                rows++;
                            }
                            assertThat(rows).isEqualTo(50);
                        }
                        answered++;
                    }
                }
                return answered;
            }));
        }
        for (Future<Integer> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(25);
        }
    }

    private static boolean readsEndOfStream(RawMysqlClient client)
            throws Exception
    {
        try {
            return client.isClosedByServer();
        }
        catch (SocketException e) {
            // connection reset: closed as well
            return true;
        }
    }

    static void assertSqlError(SQLException e, int code, String sqlState)
    {
        assertThat(e.getErrorCode()).as("error code of: " + e.getMessage()).isEqualTo(code);
        assertThat(e.getSQLState()).as("SQLSTATE of: " + e.getMessage()).isEqualTo(sqlState);
    }
}
