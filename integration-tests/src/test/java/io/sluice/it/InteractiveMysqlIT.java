package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mysql client in interactive mode (on a pseudo-terminal, through util-linux `script`): with a database it
 * reads `show databases`, `show tables` and the columns of every table (COM_FIELD_LIST) for completion, `use db`
 * sends SELECT DATABASE() and COM_INIT_DB, and `status` reads variables and COM_STATISTICS.
 */
class InteractiveMysqlIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        MysqlCli.Result created = cluster.mysql().script(null, """
                create database shop;
                create table shop.orders (id bigint, amount double) duplicate key(id);
                create database other;
                """);
        assertThat(created.exitCode()).as(created.error()).isZero();
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void interactiveSessionWithCompletionUseAndStatus()
            throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        String mysql = MysqlCli.binary() + " -h127.0.0.1 -P" + cluster.port() + " -uroot shop";
        Process process = new ProcessBuilder("/usr/bin/script", "-qec", mysql, "/dev/null").redirectErrorStream(true).start();
        try (OutputStream input = process.getOutputStream()) {
            input.write("""
                    show tables;
                    use other
                    select database();
                    status
                    select 1+1;
                    quit
                    """.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mysql exits").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Tables_in_shop")
                .contains("orders")
                .contains("Database changed")
                .contains("| other      |")
                .contains("Server version:")
                .contains("Sluice")
                .contains("| 1+1 |")
                .doesNotContain("ERROR");
        assertThat(List.of(output.split("\n"))).anyMatch(line -> line.contains("Current database:") && line.contains("other"));
    }
}
