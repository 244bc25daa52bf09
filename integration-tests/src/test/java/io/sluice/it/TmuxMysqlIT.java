package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mysql client as a person uses it, typed into a real terminal (tmux): {@code use db}, tab completion of a
 * table name after {@code rehash}, a {@code \G} query, {@code status}. CI installs tmux (.ci/run).
 */
class TmuxMysqlIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static final String SOCKET = "sluice-it-" + ProcessHandle.current().pid();
    private static final String SESSION = "mysql";

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        MysqlCli.Result created = cluster.mysql().script(null, """
                create database shop;
                create table shop.customer_orders (id bigint, amount double) duplicate key(id);
                insert into shop.customer_orders values (1, 2.5), (2, 4.0);
                """);
        assertThat(created.exitCode()).as(created.error()).isZero();
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        tmux("kill-server");
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void useTabCompletionVerticalOutputAndStatus()
            throws Exception
    {
        tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "60",
                MysqlCli.binary() + " -h127.0.0.1 -P" + cluster.port() + " -uroot");
        awaitScreen(" [(none)]>");

        type("use shop", "Enter");
        awaitScreen("Database changed");
        type("rehash", "Enter");
        // the prompt again, below the one before `rehash`: the client is ready for the next line
        awaitScreen(" [shop]>", 2);
        // a unique prefix completes to the table name: the client learned it from SHOW TABLES and COM_FIELD_LIST
        type("select count(*), sum(amount) from customer_o", "Tab");
        awaitScreen("from customer_orders");
        type("\\G", "Enter");
        awaitScreen("1. row");
        type("status", "Enter");
        awaitScreen("Uptime:");
        String screen = capture();
        type("quit", "Enter");

        assertThat(screen)
                .contains("select count(*), sum(amount) from customer_orders")
                .contains("*************************** 1. row ***************************")
                .containsPattern("count\\(\\*\\): 2")
                .containsPattern("sum\\(amount\\): 6\\.5")
                .containsPattern("Current database:\\s+shop")
                .containsPattern("Server version:\\s+.*Sluice")
                .doesNotContain("ERROR");
    }

    private static void type(String... keys)
            throws Exception
    {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        for (String key : keys) {
            arguments.add(key);
        }
        tmux(arguments.toArray(new String[0]));
    }

    private static void awaitScreen(String text)
    {
        awaitScreen(text, 1);
    }

    private static void awaitScreen(String text, int times)
    {
        try {
            SluiceCluster.awaitTrue("'" + text + "' " + times + " times on the terminal", 30, () -> occurrences(capture(), text) >= times);
        }
        catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the terminal shows:\n" + capture(), e);
        }
    }

    private static int occurrences(String screen, String text)
    {
        int count = 0;
        for (int at = screen.indexOf(text); at >= 0; at = screen.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }

    private static String capture()
    {
        try {
            return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", SESSION);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tmux(String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tmux " + arguments[0] + " did not finish");
        }
        return output;
    }
}
