package io.sluice.server.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The mysql command-line client (MariaDB 10.11) against the server with a fake session. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MysqlCliTest
{
    private static final Path MYSQL = Path.of("/usr/bin/mysql");

    private static final FakeSessionFactory SESSIONS = new FakeSessionFactory();
    private static MysqlServer server;
    private static int port;

    @BeforeAll
    static void startServer()
    {
        assumeTrue(Files.isExecutable(MYSQL), "the mysql command-line client is not installed");
        server = new MysqlServer(MysqlServerConfig.builder().port(0).build(), SESSIONS);
        port = server.start();
    }

    @AfterAll
    static void stopServer()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void batchQuery()
            throws Exception
    {
        Result result = mysql("-e", "select 1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("1\n1\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void batchQueryWithNulls()
            throws Exception
    {
        Result result = mysql("-e", "select * from nulls");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("id\tname\tscore\n1\talice\t1.5\n2\tNULL\tNULL\nNULL\t\t-0.25\n");
    }

    @Test
    void errorGoesToStderrWithExitCode1()
            throws Exception
    {
        Result result = mysql("-e", "bogus");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        // the MariaDB client echoes the failing statement between dashed lines before the error
        assertThat(result.stderr()).contains("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax");
    }

    @Test
    void verticalOutput()
            throws Exception
    {
        Result result = mysql("-e", "select 1 as a, 'x' as b, null as c\\G");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                *************************** 1. row ***************************
                a: 1
                b: x
                c: NULL
                """);
    }

    @Test
    void tableOutput()
            throws Exception
    {
        // a nullable column is at least 4 wide, for "NULL"
        Result result = mysql("-t", "-e", "select 'x' as b");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +------+
                | b    |
                +------+
                | x    |
                +------+
                """);
    }

    @Test
    void useDatabaseAndStatus()
            throws Exception
    {
        Result result = mysql("-D", "test", "-e", "use sluice; select database(); \\s");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("database()\nsluice\n");
        // status: SELECT DATABASE(), USER(), character sets, then COM_STATISTICS
        assertThat(result.stdout()).contains("Current database:\tsluice").contains("Uptime:");
    }

    @Test
    void wrongPassword()
            throws Exception
    {
        Result result = mysql("-psecret", "-e", "select 1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("ERROR 1045 (28000): Access denied for user 'root'@'127.0.0.1' (using password: YES)\n");
    }

    @Test
    void unknownDatabase()
            throws Exception
    {
        Result result = mysql("-D", "nope", "-e", "select 1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("ERROR 1049 (42000): Unknown database 'nope'\n");
    }

    private static Result mysql(String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(
                MYSQL.toString(),
                // ignore any my.cnf on the machine
                "--no-defaults",
                "--protocol=TCP",
                "--connect-timeout=5",
                "-h127.0.0.1",
                "-P" + port,
                "-uroot"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mysql did not finish within 30 s: " + command);
        }
        return new Result(process.exitValue(), stdout.join(), stderr.join());
    }

    private static CompletableFuture<String> readAsync(InputStream stream)
    {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
