package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storage failure in the middle of a load (the table's directory cannot take new segment files, as on a full or
 * read-only disk): the job pauses with the reason, nothing of the failed batch is published, and once the disk is
 * back, RESUME loads every message exactly once.
 */
class RoutineLoadStorageFailureIT
{
    private static final String TOPIC = "disk_events";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        cluster.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void storageFailurePausesAndResumeLoadsEverythingOnce()
            throws IOException
    {
        new SqlClient(cluster, null).execute("create database disk");
        SqlClient sql = new SqlClient(cluster, "disk");
        sql.execute("create table events (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        sql.execute("CREATE ROUTINE LOAD events_load ON events PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \""
                + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + TOPIC + "\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
        cluster.produce(TOPIC, messages(0, 500));
        SluiceCluster.awaitTrue("500 rows", () -> sql.countAndSum("events").equals(SqlClient.expectedCountAndSum(500)));

        // The only table's directory becomes a plain file: no segment file can be created in it any more.
        Path tableDirectory = onlyTableDirectory();
        Path moved = tableDirectory.resolveSibling(tableDirectory.getFileName() + ".moved");
        Files.move(tableDirectory, moved);
        Files.writeString(tableDirectory, "not a directory");
        cluster.produce(TOPIC, messages(500, 1000));

        Map<String, String> paused = sql.awaitShow("events_load", "PAUSED", row -> row.get("State").equals("PAUSED"));
        assertThat(paused.get("ReasonOfStateChanged")).startsWith("ErrorReason{errCode = 104, msg='Task ").contains("Cannot write segment file");
        assertThat(sql.countAndSum("events")).isEqualTo(SqlClient.expectedCountAndSum(500));
        assertThat(paused.get("Statistic")).contains("\"loadedRows\":500");

        Files.delete(tableDirectory);
        Files.move(moved, tableDirectory);
        sql.execute("RESUME ROUTINE LOAD FOR events_load");
        SluiceCluster.awaitTrue("1000 rows", () -> sql.countAndSum("events").equals(SqlClient.expectedCountAndSum(1000)));
        assertThat(sql.awaitShow("events_load", "RUNNING", row -> row.get("State").equals("RUNNING")).get("Statistic")).contains("\"loadedRows\":1000");
    }

    private static Path onlyTableDirectory()
            throws IOException
    {
        try (Stream<Path> tables = Files.list(directory.resolve("sluice").resolve("tables"))) {
            List<Path> all = tables.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static List<String> messages(int from, int to)
    {
        List<String> messages = new ArrayList<>();
        for (int id = from; id < to; id++) {
            messages.add(RoutineLoadFailuresIT.user(id));
        }
        return messages;
    }
}
