package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routine load statements against a real broker, through real clients (the mysql CLI and MySQL Connector/J):
 * SHOW with real progress, ALTER while running (nothing lost or doubled), ALTER of offsets on a paused job,
 * rejected records in information_schema, SHOW CREATE whose output recreates the job, state surviving a restart,
 * and DROP TABLE / DROP DATABASE cancelling jobs. The table is DUPLICATE KEY, so every message loaded twice would show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutineLoadStatementsIT
{
    private static final String TOPIC = "rl_events";
    private static final String DATABASE = "rl_it";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        cluster.createTopic(TOPIC, 1);
        mysql(null, """
                create database rl_it;
                use rl_it;
                create table events (id bigint not null, name varchar(32) null, score int null) duplicate key(id) distributed by hash(id) buckets 2;
                CREATE ROUTINE LOAD rl_it.events_load ON events
                COLUMNS(id, name, raw_score, score = raw_score * 10)
                PROPERTIES ("format" = "json", "jsonpaths" = "[\\"$.id\\",\\"$.name\\",\\"$.score\\"]", "max_error_number" = "0")
                FROM KAFKA ("kafka_broker_list" = "BROKERS", "kafka_topic" = "rl_events",
                            "property.kafka_default_offsets" = "OFFSET_BEGINNING", "property.group.id" = "rl_it_group",
                            "property.ssl.key.password" = "hunter2");
                """.replace("BROKERS", cluster.bootstrapServers()));
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void showRoutineLoadHasRealValues()
            throws SQLException
    {
        cluster.produce(TOPIC, messages(1, 100));
        SluiceCluster.awaitTrue("100 rows", () -> count() == 100);
        // The broker's end offset is read every few seconds: wait until it includes the 100 messages.
        SluiceCluster.awaitTrue("end offset 100", () -> show("events_load").get("LatestSourcePosition").equals("{\"0\":\"100\"}"));

        // The rows are visible once committed; the job's own progress follows right after.
        SluiceCluster.awaitTrue("progress 99", () -> show("events_load").get("Progress").equals("{\"0\":\"99\"}"));

        Map<String, String> row = show("events_load");
        assertThat(row.get("State")).isEqualTo("RUNNING");
        assertThat(row.get("DataSourceType")).isEqualTo("KAFKA");
        assertThat(row.get("LatestSourcePosition")).isEqualTo("{\"0\":\"100\"}");
        assertThat(row.get("OffsetLag")).isEqualTo("{\"0\":\"0\"}");
        assertThat(row.get("Statistic")).contains("\"loadedRows\":100", "\"errorRows\":0", "\"totalRows\":100");
        assertThat(row.get("TimestampProgress")).matches("\\{\"0\":\"\\d{13}\"}");
        assertThat(row.get("DataSourceProperties")).isEqualTo("{\"topic\":\"rl_events\",\"currentKafkaPartitions\":\"0\",\"brokerList\":\""
                + cluster.bootstrapServers() + "\"}");
        assertThat(row.get("CustomProperties")).isEqualTo("{\"kafka_default_offsets\":\"OFFSET_BEGINNING\",\"group.id\":\"rl_it_group\","
                + "\"ssl.key.password\":\"******\"}");
        assertThat(row.get("TrackingSQL")).isEmpty();
        assertThat(row.get("PauseTime")).isNull();
        assertThat(mysql(DATABASE, "select sum(score) from events", "-N", "-B").trim()).isEqualTo(Long.toString(10L * 100 * 101 / 2));

        SluiceCluster.awaitTrue("a task row", () -> !rows("show routine load task where JobName = \"events_load\"").isEmpty());
        Map<String, String> task = rows("show routine load task where JobName = \"events_load\"").get(0);
        assertThat(task.keySet()).containsExactly("TaskId", "TxnId", "TxnStatus", "JobId", "CreateTime", "LastScheduledTime", "ExecuteStartTime",
                "Timeout", "BeId", "DataSourceProperties", "Message");
        assertThat(task.get("JobId")).isEqualTo(row.get("Id"));
    }

    @Test
    @Order(2)
    void alterWhileRunningLosesAndDoublesNothing()
    {
        cluster.produce(TOPIC, messages(101, 150));
        String result = mysql(DATABASE, """
                alter routine load for events_load properties ("max_batch_rows" = "1000", "desired_concurrent_number" = "1",
                  "max_error_number" = "5", "max_batch_interval" = "2", "max_filter_ratio" = "0.9");
                """);
        assertThat(result).isEmpty();
        cluster.produce(TOPIC, messages(151, 200));

        SluiceCluster.awaitTrue("200 rows", () -> count() == 200);
        Map<String, String> row = show("events_load");
        assertThat(row.get("State")).isEqualTo("RUNNING");
        assertThat(row.get("JobProperties")).contains("\"maxBatchRows\":\"1000\"", "\"desireTaskConcurrentNum\":\"1\"", "\"maxErrorNum\":\"5\"",
                "\"maxBatchIntervalS\":\"2\"", "\"maxFilterRatio\":\"0.9\"");
        assertThat(mysql(DATABASE, "select count(distinct id), sum(id) from events", "-N", "-B").trim()).isEqualTo("200\t" + (200 * 201 / 2));

        MysqlCli.Result refused = cluster.mysql().execute(DATABASE, "alter routine load for events_load properties (\"strict_mode\" = \"true\")");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.error()).contains("Only supports modification of PAUSED jobs");
    }

    @Test
    @Order(3)
    void alteredOffsetsOfAPausedJobSayWhereItContinues()
    {
        mysql(DATABASE, "pause routine load for events_load");
        assertThat(show("events_load").get("State")).isEqualTo("PAUSED");
        assertThat(show("events_load").get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 100, msg='User root pauses routine load job'}");

        mysql(DATABASE, """
                alter routine load for events_load FROM KAFKA ("kafka_partitions" = "0", "kafka_offsets" = "190");
                resume routine load for events_load;
                """);
        SluiceCluster.awaitTrue("the last 10 messages again", () -> count() == 210);

        mysql(DATABASE, """
                pause routine load for events_load;
                alter routine load for events_load FROM KAFKA ("kafka_partitions" = "0", "kafka_offsets" = "OFFSET_BEGINNING");
                """);
        assertThat(show("events_load").get("Progress")).isEqualTo("{\"0\":\"OFFSET_ZERO\"}");
        mysql(DATABASE, "resume routine load for events_load");
        SluiceCluster.awaitTrue("every message again", () -> count() == 410);
        SluiceCluster.awaitTrue("progress 199", () -> show("events_load").get("Progress").equals("{\"0\":\"199\"}"));
    }

    @Test
    @Order(4)
    void rejectedRecordsAreQueryable()
    {
        cluster.produce(TOPIC, List.of("this is not json", "{\"id\": 1000, \"name\": \"ok\", \"score\": 1}"));
        SluiceCluster.awaitTrue("the good row", () -> count() == 411);
        SluiceCluster.awaitTrue("the rejected record counted", () -> show("events_load").get("Statistic").contains("\"errorRows\":1"));

        Map<String, String> row = show("events_load");
        assertThat(row.get("State")).isEqualTo("RUNNING");
        String trackingSql = row.get("TrackingSQL");
        assertThat(trackingSql).isEqualTo("select tracking_log from information_schema.load_tracking_logs where job_id=" + row.get("Id"));
        assertThat(mysql(DATABASE, trackingSql, "-N", "-B")).contains("Partition: 0, offset: 200. Message: this is not json");
        assertThat(mysql(null, "select job_id, label, database_name, type, `offset`, message from information_schema.load_tracking_logs where job_id = "
                + row.get("Id"), "-N", "-B")).isEqualTo(row.get("Id") + "\tevents_load\trl_it\tROUTINE_LOAD\t200\tthis is not json\n");
    }

    @Test
    @Order(5)
    void showCreateOutputRecreatesTheJob()
            throws SQLException
    {
        String create = rows("show create routine load events_load").get(0).get("Create Job");
        assertThat(create).contains("\"property.ssl.key.password\" = \"******\"").doesNotContain("hunter2");

        mysql(DATABASE, "stop routine load for events_load");
        assertThat(show("events_load", true).get("State")).isEqualTo("STOPPED");
        mysql(DATABASE, create);

        Map<String, String> copy = show("events_load");
        assertThat(copy.get("State")).isIn("NEED_SCHEDULE", "RUNNING");
        assertThat(rows("show create routine load events_load").get(0).get("Create Job")).isEqualTo(create);
        // A new job from OFFSET_BEGINNING: every message of the topic once more.
        SluiceCluster.awaitTrue("the copy loaded the topic", () -> count() == 411 + 201);
        assertThat(rows("show all routine load for events_load")).hasSize(2);
    }

    @Test
    @Order(6)
    void stateAndAlteredPropertiesSurviveARestart()
    {
        mysql(DATABASE, """
                pause routine load for events_load;
                alter routine load for events_load properties ("max_error_number" = "7", "strict_mode" = "true");
                """);

        cluster.restartSluice();

        Map<String, String> row = show("events_load");
        assertThat(row.get("State")).isEqualTo("PAUSED");
        assertThat(row.get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 100, msg='User root pauses routine load job'}");
        assertThat(row.get("JobProperties")).contains("\"maxErrorNum\":\"7\"", "\"strict_mode\":\"true\"");
        assertThat(row.get("Progress")).isEqualTo("{\"0\":\"201\"}");
        mysql(DATABASE, "resume routine load for events_load");
        assertThat(show("events_load").get("State")).isIn("NEED_SCHEDULE", "RUNNING");
    }

    @Test
    @Order(7)
    void droppedTableAndDatabaseCancelTheirJobs()
    {
        mysql(DATABASE, "drop table events");
        Map<String, String> cancelled = show("events_load", true);
        assertThat(cancelled.get("State")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 6, msg='table events not exist'}");
        assertThat(cancelled.get("EndTime")).isNotNull();

        mysql(DATABASE, """
                create table other (id bigint null) duplicate key(id) distributed by hash(id) buckets 1;
                CREATE ROUTINE LOAD other_load ON other PROPERTIES ("format" = "json") FROM KAFKA ("kafka_broker_list" = "BROKERS", "kafka_topic" = "rl_events");
                drop database rl_it;
                """.replace("BROKERS", cluster.bootstrapServers()));
        assertThat(mysql(null, "use information_schema; select name, state, reasons_of_state_changed from routine_load_jobs where name = 'other_load'",
                "-N", "-B")).isEqualTo("other_load\tCANCELLED\tErrorReason{errCode = 5, msg='db rl_it not exist'}\n");
        assertThat(mysql(null, "use information_schema; show tables", "-N", "-B")).contains("load_tracking_logs\n").contains("routine_load_jobs\n");
    }

    private static List<String> messages(int fromId, int toId)
    {
        List<String> messages = new ArrayList<>();
        for (int id = fromId; id <= toId; id++) {
            messages.add("{\"id\": " + id + ", \"name\": \"n" + id + "\", \"score\": " + id + "}");
        }
        return messages;
    }

    private static long count()
    {
        return Long.parseLong(mysql(DATABASE, "select count(*) from events", "-N", "-B").trim());
    }

    /** Runs a script with the mysql client; it must succeed. Returns its output. */
    private static String mysql(String database, String script, String... flags)
    {
        MysqlCli.Result result = cluster.mysql().script(database, script, flags);
        assertThat(result.exitCode()).as(script + ": " + result.error()).isZero();
        return result.output();
    }

    private static Map<String, String> show(String job)
    {
        return show(job, false);
    }

    /** The SHOW [ALL] ROUTINE LOAD row of a job, read with MySQL Connector/J (the latest job of that name). */
    private static Map<String, String> show(String job, boolean all)
    {
        List<Map<String, String>> rows = rows("show " + (all ? "all " : "") + "routine load for " + job + " order by Id desc");
        assertThat(rows).isNotEmpty();
        return rows.get(0);
    }

    private static List<Map<String, String>> rows(String sql)
    {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("mysql", DATABASE));
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= metadata.getColumnCount(); column++) {
                    row.put(metadata.getColumnLabel(column), resultSet.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
