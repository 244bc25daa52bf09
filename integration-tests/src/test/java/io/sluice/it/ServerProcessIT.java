package io.sluice.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server as operators run it, in a JVM of its own: settings from a configuration file (the command line wins),
 * root's password from it on the first start, a rolling log file under the data directory, and a clean stop on
 * SIGTERM after which everything is there again.
 */
class ServerProcessIT
{
    @TempDir
    Path directory;

    @Test
    void configurationFileLogFileAndSigterm()
            throws Exception
    {
        Path data = directory.resolve("data");
        int port = freePort();
        Path config = directory.resolve("sluice.conf");
        Files.writeString(config, """
                # a comment, then settings
                port = %d
                http-port = 0
                data-dir = %s
                root-password = s3cret
                embedded-kafka = false
                """.formatted(port, data));

        Process first = start(List.of("--config", config.toString()), directory.resolve("first.out"));
        try (Connection root = connect(port, "s3cret"); Statement statement = root.createStatement()) {
            statement.execute("create database ops");
            statement.execute("create table ops.t (id bigint NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("insert into ops.t values (1), (2), (3)");
        }
        assertThatThrownBy(() -> connect(port, "")).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));

        first.destroy(); // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        String log = Files.readString(data.resolve("log").resolve("sluice.log"));
        assertThat(log).contains("Sluice is ready").contains("Sluice stopped");
        assertThat(log).doesNotContain("s3cret");

        // the command line wins over the file; the password stays what the first start set
        int otherPort = freePort();
        Process second = start(List.of("--config", config.toString(), "--port", Integer.toString(otherPort), "--root-password", "ignored"),
                directory.resolve("second.out"));
        try (Connection root = connect(otherPort, "s3cret"); Statement statement = root.createStatement();
                ResultSet resultSet = statement.executeQuery("select count(*), sum(id) from ops.t")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(3);
            assertThat(resultSet.getLong(2)).isEqualTo(6);
        }
        finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(data.resolve("log").resolve("sluice.log"))).contains("Ignoring --root-password");
    }

    @Test
    void badConfigurationFileIsReportedAndNothingStarts()
            throws Exception
    {
        Path config = directory.resolve("bad.conf");
        Files.writeString(config, "port 9030\n");
        Process process = start(List.of("--config", config.toString()), directory.resolve("bad.out"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(directory.resolve("bad.out"))).contains("line 1: expected name = value, got 'port 9030'");
    }

    private static Process start(List<String> arguments, Path output)
            throws IOException
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.sluice.server.Main"));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static Connection connect(int port, String password)
            throws SQLException
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            }
            catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Sluice did not listen on port " + port);
                }
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=" + password + "&useSSL=false&allowPublicKeyRetrieval=true");
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
