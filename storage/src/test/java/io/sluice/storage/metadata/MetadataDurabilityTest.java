package io.sluice.storage.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every commit H2 acknowledged survives the process being killed right after it, with the store's settings
 * ({@link MetadataStore#URL_SETTINGS}). A child JVM commits and halts; the next one checks what came back. With H2's
 * default settings this fails within a few rounds: once freed space in the middle of the file is reused, a restart
 * comes back some commits earlier. A short retention time makes the reuse start at once instead of after 45 s.
 */
class MetadataDurabilityTest
{
    private static final int ROUNDS = 10;

    @TempDir
    Path directory;

    @Test
    void acknowledgedCommitsSurviveAKill()
            throws Exception
    {
        String url = "jdbc:h2:file:" + directory.resolve("metadata").toAbsolutePath() + MetadataStore.URL_SETTINGS + ";RETENTION_TIME=100";
        long acknowledged = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Committer.class.getName(), url, Long.toString(round))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String[] found = output.split(" ");
            rounds.add(output);
            assertThat(found).as("child output").hasSize(2);
            assertThat(Long.parseLong(found[0])).as("the last acknowledged commit after kill %d (rounds: %s)", round, rounds).isEqualTo(acknowledged);
            acknowledged = Long.parseLong(found[1]);
        }
    }

    /** The child: prints the last commit it finds, commits a few hundred more, prints the last one and halts. */
    public static final class Committer
    {
        public static void main(String[] arguments)
                throws SQLException, IOException
        {
            Random random = new Random(Long.parseLong(arguments[1]));
            // not closed: a clean close would write what a killed process does not
            Connection connection = DriverManager.getConnection(arguments[0], "sluice", "");
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS log (id BIGINT PRIMARY KEY)");
                statement.execute("CREATE TABLE IF NOT EXISTS churn (id BIGINT PRIMARY KEY, pad VARCHAR)");
                connection.commit();
                long last;
                try (ResultSet resultSet = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM log")) {
                    resultSet.next();
                    last = resultSet.getLong(1);
                }
                System.out.print(last + " ");
                try (PreparedStatement log = connection.prepareStatement("INSERT INTO log VALUES (?)");
                        PreparedStatement churn = connection.prepareStatement("MERGE INTO churn VALUES (?, ?)")) {
                    int commits = 100 + random.nextInt(300);
                    for (int commit = 0; commit < commits; commit++) {
                        // rewrites pages all over the file, so that space is freed everywhere
                        for (int row = 0; row < 20; row++) {
                            churn.setLong(1, random.nextInt(3000));
                            churn.setString(2, "x".repeat(random.nextInt(3000)));
                            churn.executeUpdate();
                        }
                        log.setLong(1, ++last);
                        log.executeUpdate();
                        connection.commit();
                    }
                }
                System.out.println(last);
                System.out.flush();
            }
            // as a SIGKILL right after the last commit returned
            Runtime.getRuntime().halt(137);
        }
    }
}
