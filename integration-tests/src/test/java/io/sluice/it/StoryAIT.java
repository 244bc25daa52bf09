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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story A of the reference, word for word, against a real KRaft broker, through the real mysql client and both JDBC
 * drivers; then a restart of Sluice and more messages, checking that nothing is lost or loaded twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoryAIT
{
    private static final String TOPIC = "example_topic";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        cluster.createTopic(TOPIC, 1);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String storyScript()
    {
        return """
                create database automq_db;
                use automq_db;
                create table users (
                  id bigint NOT NULL,
                  name string NOT NULL,
                  timestamp string NULL,
                  status string NULL
                ) PRIMARY KEY (id)
                DISTRIBUTED BY HASH(id)
                PROPERTIES ("replication_num" = "1", "enable_persistent_index" = "true");

                CREATE ROUTINE LOAD automq_example_load ON users
                COLUMNS(id, name, timestamp, status)
                PROPERTIES ("desired_concurrent_number" = "5", "format" = "json",
                            "jsonpaths" = "[\\"$.id\\",\\"$.name\\",\\"$.timestamp\\",\\"$.status\\"]")
                FROM KAFKA ("kafka_broker_list" = "BROKERS", "kafka_topic" = "example_topic",
                            "kafka_partitions" = "0", "property.kafka_default_offsets" = "OFFSET_BEGINNING");
                """.replace("BROKERS", cluster.bootstrapServers());
    }

    /** Every message also goes to a DUPLICATE KEY table, whose row count must equal the message count exactly. */
    private static String auditScript()
    {
        return """
                create table users_log (
                  id bigint NOT NULL,
                  name string NOT NULL,
                  timestamp string NULL,
                  status string NULL
                ) DUPLICATE KEY (id)
                DISTRIBUTED BY HASH(id) BUCKETS 3;

                CREATE ROUTINE LOAD automq_db.users_log_load ON users_log
                COLUMNS(id, name, timestamp, status)
                PROPERTIES ("format" = "json")
                FROM KAFKA ("kafka_broker_list" = "BROKERS", "kafka_topic" = "example_topic",
                            "property.kafka_default_offsets" = "OFFSET_BEGINNING");
                """.replace("BROKERS", cluster.bootstrapServers());
    }

    private static List<String> messages(int fromId, int toId, String namePrefix)
    {
        List<String> messages = new ArrayList<>();
        for (int id = fromId; id <= toId; id++) {
            messages.add("{\"id\": " + id + ", \"name\": \"" + namePrefix + id + "\", \"timestamp\": \"2023-11-10T12:00:00\", \"status\": \"active\"}");
        }
        return messages;
    }

    private static long count(String table)
    {
        MysqlCli.Result result = cluster.mysql().execute("automq_db", "select count(*) from " + table, "-N", "-B");
        assertThat(result.exitCode()).as(result.error()).isZero();
        return Long.parseLong(result.output().trim());
    }

    @Test
    @Order(1)
    void storyAWithTheMysqlClient()
    {
        MysqlCli.Result created = cluster.mysql().script(null, storyScript());
        assertThat(created.exitCode()).as(created.error()).isZero();
        MysqlCli.Result audit = cluster.mysql().script("automq_db", auditScript());
        assertThat(audit.exitCode()).as(audit.error()).isZero();

        cluster.produce(TOPIC, List.of("{\"id\": 1, \"name\": \"testuser\", \"timestamp\": \"2023-11-10T12:00:00\", \"status\": \"active\"}"));
        cluster.produce(TOPIC, messages(2, 100, "user"));
        cluster.produce(TOPIC, messages(1, 10, "renamed"));

        SluiceCluster.awaitTrue("100 users", () -> count("users") == 100);
        SluiceCluster.awaitTrue("110 audit rows", () -> count("users_log") == 110);

        MysqlCli.Result show = cluster.mysql().execute("automq_db", "show routine load\\G");
        assertThat(show.exitCode()).as(show.error()).isZero();
        assertThat(show.output())
                .contains("Name: automq_example_load")
                .contains("State: RUNNING")
                .contains("DbName: automq_db")
                .contains("TableName: users")
                .contains("\"loadedRows\":110")
                .contains("\"errorRows\":0")
                .contains("Progress: {\"0\":\"109\"}");

        MysqlCli.Result select = cluster.mysql().execute("automq_db", "select * from users where id <= 2 order by id");
        assertThat(select.exitCode()).as(select.error()).isZero();
        assertThat(select.output()).isEqualTo("""
                id\tname\ttimestamp\tstatus
                1\trenamed1\t2023-11-10T12:00:00\tactive
                2\trenamed2\t2023-11-10T12:00:00\tactive
                """);
    }

    @Test
    @Order(2)
    void mysqlConnectorJSeesTheRows()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("mysql", "automq_db"));
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select id, name, status from users where id between 9 and 12 order by id")) {
            List<String> rows = new ArrayList<>();
            while (resultSet.next()) {
                rows.add(resultSet.getLong(1) + "," + resultSet.getString(2) + "," + resultSet.getString(3));
            }
            assertThat(rows).containsExactly("9,renamed9,active", "10,renamed10,active", "11,user11,active", "12,user12,active");
        }
    }

    @Test
    @Order(3)
    void mariadbConnectorJSeesTheRows()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("mariadb", "automq_db"));
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select count(*), sum(id), max(name) from users")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(100);
            assertThat(resultSet.getLong(2)).isEqualTo(5050);
            assertThat(resultSet.getString(3)).isEqualTo("user99");
        }
    }

    @Test
    @Order(4)
    void restartLosesNothingAndLoadsNothingTwice()
    {
        cluster.restartSluice();
        cluster.produce(TOPIC, messages(101, 150, "user"));

        SluiceCluster.awaitTrue("150 users", () -> count("users") == 150);
        SluiceCluster.awaitTrue("160 audit rows", () -> count("users_log") == 160);

        MysqlCli.Result show = cluster.mysql().execute("automq_db", "show routine load for automq_example_load\\G");
        assertThat(show.output()).contains("State: RUNNING").contains("\"loadedRows\":160");
        // Exactly the messages, even after more polling: nothing reloaded from before the restart.
        assertThat(count("users_log")).isEqualTo(160);
        MysqlCli.Result sum = cluster.mysql().execute("automq_db", "select count(distinct id), sum(id) from users_log", "-N", "-B");
        assertThat(sum.output().trim()).isEqualTo("150\t" + (150 * 151 / 2 + 55));
    }

    @Test
    @Order(5)
    void syntaxErrorsGetMysqlError1064WithThePosition()
    {
        MysqlCli.Result result = cluster.mysql().execute("automq_db", "select *\nfrom users\nwher id = 1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.error()).contains("ERROR 1064 (42000)").contains("at line 3");
    }

    @Test
    @Order(6)
    void pauseAndResumeKeepEveryMessage()
    {
        MysqlCli.Result pause = cluster.mysql().execute("automq_db", "PAUSE ROUTINE LOAD FOR automq_example_load");
        assertThat(pause.exitCode()).as(pause.error()).isZero();
        MysqlCli.Result paused = cluster.mysql().execute("automq_db", "show routine load for automq_example_load\\G");
        assertThat(paused.output()).contains("State: PAUSED").contains("ErrorReason{errCode = 100");

        cluster.produce(TOPIC, messages(151, 160, "user"));
        MysqlCli.Result resume = cluster.mysql().execute("automq_db", "RESUME ROUTINE LOAD FOR automq_example_load");
        assertThat(resume.exitCode()).as(resume.error()).isZero();
        SluiceCluster.awaitTrue("160 users", () -> count("users") == 160);
        assertThat(cluster.mysql().execute("automq_db", "show routine load for automq_example_load\\G").output()).contains("State: RUNNING");
    }

    @Test
    @Order(7)
    void stopRoutineLoadEndsTheJob()
    {
        MysqlCli.Result stop = cluster.mysql().execute("automq_db", "STOP ROUTINE LOAD FOR users_log_load");
        assertThat(stop.exitCode()).as(stop.error()).isZero();
        MysqlCli.Result show = cluster.mysql().execute("automq_db", "show all routine load for users_log_load\\G");
        assertThat(show.output()).contains("State: STOPPED");
        MysqlCli.Result hidden = cluster.mysql().execute("automq_db", "show routine load");
        assertThat(hidden.output()).doesNotContain("users_log_load").contains("automq_example_load");
    }
}
