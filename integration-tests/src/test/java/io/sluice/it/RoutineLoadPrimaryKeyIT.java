package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRIMARY KEY loads through the SQL statements and a real broker: {@code __op} from a message field (through a
 * temporary column) and as a constant, partial_update and merge_condition. One job at a time, each on its own topic,
 * so the order of the changes is known.
 */
class RoutineLoadPrimaryKeyIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        new SqlClient(cluster, null).execute("create database pk");
        sql = new SqlClient(cluster, "pk");
        sql.execute("create table scores (id bigint NOT NULL, name string NULL, score bigint NULL, version bigint NULL) "
                + "PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void operationsPartialUpdatesAndMergeConditions()
    {
        load("upserts", "COLUMNS(id, name, score, version, temp, __op = temp)", "", List.of(
                "{\"id\": 1, \"name\": \"a\", \"score\": 10, \"version\": 1, \"temp\": 0}",
                "{\"id\": 2, \"name\": \"b\", \"score\": 20, \"version\": 1, \"temp\": 0}",
                "{\"id\": 3, \"name\": \"c\", \"score\": 30, \"version\": 1, \"temp\": 0}",
                "{\"id\": 4, \"name\": \"d\", \"score\": 40, \"version\": 1}",
                "{\"id\": 2, \"temp\": 1}"));
        assertThat(rows()).containsExactly("1 a 10 1", "3 c 30 1", "4 d 40 1");

        // Only score changes; the new key 5 takes NULL for the columns the load does not write.
        load("scores", "COLUMNS(id, score)", ", \"partial_update\" = \"true\"", List.of(
                "{\"id\": 1, \"score\": 11}",
                "{\"id\": 5, \"score\": 50}"));
        assertThat(rows()).containsExactly("1 a 11 1", "3 c 30 1", "4 d 40 1", "5 null 50 null");

        // A row replaces the current one only if its version is not lower.
        load("versions", "COLUMNS(id, name, score, version)", ", \"merge_condition\" = \"version\"", List.of(
                "{\"id\": 1, \"name\": \"older\", \"score\": 0, \"version\": 0}",
                "{\"id\": 3, \"name\": \"newer\", \"score\": 33, \"version\": 2}",
                "{\"id\": 4, \"name\": \"same\", \"score\": 44, \"version\": 1}"));
        assertThat(rows()).containsExactly("1 a 11 1", "3 newer 33 2", "4 same 44 1", "5 null 50 null");

        load("deletes", "COLUMNS(id, __op = 'delete')", "", List.of("{\"id\": 4}", "{\"id\": 42}"));
        assertThat(rows()).containsExactly("1 a 11 1", "3 newer 33 2", "5 null 50 null");
    }

    /** Creates a job for a fresh topic, produces the messages, waits until they are all loaded and stops the job. */
    private static void load(String topic, String columns, String properties, List<String> messages)
    {
        cluster.createTopic(topic, 1);
        cluster.produce(topic, messages);
        sql.execute("CREATE ROUTINE LOAD " + topic + "_load ON scores " + columns + " PROPERTIES (\"format\" = \"json\"" + properties + ") "
                + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
        Map<String, String> show = sql.awaitShow(topic + "_load", "all messages of " + topic,
                row -> row.get("Progress").equals("{\"0\":\"" + (messages.size() - 1) + "\"}"));
        assertThat(show.get("Statistic")).contains("\"errorRows\":0").contains("\"loadedRows\":" + messages.size());
        sql.execute("STOP ROUTINE LOAD FOR " + topic + "_load");
    }

    private static List<String> rows()
    {
        return sql.rows("select * from scores order by id").stream()
                .map(row -> row.get("id") + " " + row.get("name") + " " + row.get("score") + " " + row.get("version"))
                .toList();
    }
}
