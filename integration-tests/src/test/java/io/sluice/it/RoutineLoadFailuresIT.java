package io.sluice.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routine load against a real KRaft broker when things go wrong: the broker stops for ten seconds in the middle of a
 * load (UNSTABLE, then RUNNING again by itself, exact totals), retention deletes unread messages (PAUSED with errCode
 * 104, then ALTER and RESUME continue), the topic grows new partitions, and transactional producers abort
 * transactions under read_committed (no lag left, consumer group offsets visible to Kafka's tools).
 */
class RoutineLoadFailuresIT
{
    private static final String DATABASE = "failures";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        sql = new SqlClient(cluster, null);
        sql.execute("create database " + DATABASE);
        sql = new SqlClient(cluster, DATABASE);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void brokerStopAndStartMidLoadKeepsExactTotals()
            throws Exception
    {
        String topic = "outage";
        cluster.createTopic(topic, 2);
        createTables("outage_log", "outage_users");
        createJob("outage_log_load", "outage_log", topic, "");
        createJob("outage_users_load", "outage_users", topic, "");
        produce(topic, 0, 3000);
        SluiceCluster.awaitTrue("3000 rows in both tables", () -> sql.countAndSum("outage_log").equals(SqlClient.expectedCountAndSum(3000))
                && sql.countAndSum("outage_users").equals(SqlClient.expectedCountAndSum(3000)));

        long stoppedAt = System.nanoTime();
        cluster.stopKafka();
        SluiceCluster.awaitTrue("both jobs UNSTABLE", () -> sql.show("outage_log_load").get("State").equals("UNSTABLE")
                && sql.show("outage_users_load").get("State").equals("UNSTABLE"));
        assertThat(sql.show("outage_log_load").get("OtherMsg")).isNotEmpty();
        // The broker stays away for about ten seconds, as in a rolling restart.
        long remaining = TimeUnit.SECONDS.toMillis(10) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        assertThat(sql.show("outage_log_load").get("State")).isEqualTo("UNSTABLE");
        cluster.startKafka();

        produce(topic, 3000, 6000);
        SluiceCluster.awaitTrue("6000 rows in both tables", 120, () -> sql.countAndSum("outage_log").equals(SqlClient.expectedCountAndSum(6000))
                && sql.countAndSum("outage_users").equals(SqlClient.expectedCountAndSum(6000)));
        SluiceCluster.awaitTrue("RUNNING again by itself", () -> sql.show("outage_log_load").get("State").equals("RUNNING")
                && sql.show("outage_users_load").get("State").equals("RUNNING"));
        assertThat(sql.show("outage_log_load").get("Statistic")).contains("\"loadedRows\":6000");
    }

    @Test
    void offsetOutOfRangePausesWith104AndAlterThenResumeContinues()
            throws Exception
    {
        String topic = "retention";
        cluster.createTopic(topic, 1);
        createTables("retention_log", null);
        createJob("retention_load", "retention_log", topic, "\"kafka_partitions\" = \"0\", \"kafka_offsets\" = \"OFFSET_BEGINNING\", ");
        produce(topic, 0, 100);
        SluiceCluster.awaitTrue("100 rows", () -> sql.countAndSum("retention_log").equals(SqlClient.expectedCountAndSum(100)));

        sql.execute("pause routine load for retention_load");
        produce(topic, 100, 200);
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(150))).all().get(30, TimeUnit.SECONDS);
        }
        sql.execute("resume routine load for retention_load");

        SluiceCluster.awaitTrue("PAUSED", () -> sql.show("retention_load").get("State").equals("PAUSED"));
        String reason = sql.show("retention_load").get("ReasonOfStateChanged");
        assertThat(reason)
                .startsWith("ErrorReason{errCode = 104, msg='Offset out of range: partition 0 at offset 100 of topic retention no longer exist")
                .contains("the broker now holds offsets partition 0: 150 to 200")
                .contains("ALTER ROUTINE LOAD FOR failures.retention_load FROM KAFKA (\"kafka_partitions\" = \"0\", \"kafka_offsets\" = \"OFFSET_BEGINNING\") "
                        + "then RESUME ROUTINE LOAD FOR failures.retention_load");

        sql.execute("ALTER ROUTINE LOAD FOR failures.retention_load FROM KAFKA (\"kafka_partitions\" = \"0\", \"kafka_offsets\" = \"OFFSET_BEGINNING\")");
        sql.execute("RESUME ROUTINE LOAD FOR failures.retention_load");
        SluiceCluster.awaitTrue("150 rows: 0..99 and 150..199", () -> sql.value("select count(*) from retention_log").equals("150"));
        assertThat(sql.value("select sum(id) from retention_log")).isEqualTo(Long.toString(99 * 100 / 2 + (150 + 199) * 50 / 2));
        assertThat(sql.show("retention_load").get("State")).isEqualTo("RUNNING");
    }

    @Test
    void newPartitionsOfAGrowingTopicAreLoaded()
            throws Exception
    {
        String topic = "growing";
        cluster.createTopic(topic, 2);
        createTables("growing_log", null);
        createTables("growing_end_log", null);
        createJob("growing_load", "growing_log", topic, "");
        sql.execute("CREATE ROUTINE LOAD growing_end_load ON growing_end_log PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \""
                + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\")");
        SluiceCluster.awaitTrue("OFFSET_END pinned on both partitions", () -> sql.show("growing_end_load").get("Progress").contains("\"1\""));
        produce(topic, 0, 1000);
        SluiceCluster.awaitTrue("1000 rows", () -> sql.countAndSum("growing_log").equals(SqlClient.expectedCountAndSum(1000))
                && sql.countAndSum("growing_end_log").equals(SqlClient.expectedCountAndSum(1000)));

        sql.execute("pause routine load for growing_end_load");
        try (Admin admin = admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (int id = 1000; id < 2000; id++) {
                producer.send(new ProducerRecord<>(topic, id % 4, null, user(id)));
            }
        }
        SluiceCluster.awaitTrue("2000 rows from 4 partitions", () -> sql.countAndSum("growing_log").equals(SqlClient.expectedCountAndSum(2000)));
        assertThat(sql.show("growing_load").get("Progress")).contains("\"2\"").contains("\"3\"");

        // The OFFSET_END job finds partitions 2 and 3 holding 250 messages each: it starts after them and says so.
        sql.execute("resume routine load for growing_end_load");
        SluiceCluster.awaitTrue("the skip reported", () -> sql.show("growing_end_load").get("OtherMsg").contains("partition 2 skips its 250 earlier messages"));
        assertThat(sql.show("growing_end_load").get("OtherMsg")).contains("partition 3 skips its 250 earlier messages");
    }

    @Test
    void readCommittedTransactionsLeaveNoLag()
            throws Exception
    {
        String topic = "transactions";
        cluster.createTopic(topic, 1);
        createTables("transactions_log", null);
        createJob("transactions_load", "transactions_log", topic, "\"property.isolation.level\" = \"read_committed\", \"property.group.id\" = \"sluice_rc\", ");
        long committed = 0;
        long committedSum = 0;
        try (KafkaProducer<String, String> producer = producer("sluice-it-tx")) {
            producer.initTransactions();
            for (int transaction = 0; transaction < 9; transaction++) {
                producer.beginTransaction();
                for (int i = 0; i < 100; i++) {
                    long id = transaction * 100L + i;
                    producer.send(new ProducerRecord<>(topic, 0, null, user(id)));
                    if (transaction % 3 != 1) {
                        committed++;
                        committedSum += id;
                    }
                }
                // Flushed first: an abort would otherwise drop unsent messages, which would then never reach the log.
                producer.flush();
                if (transaction % 3 == 1) {
                    producer.abortTransaction();
                }
                else {
                    producer.commitTransaction();
                }
            }
        }
        String expected = committed + "/" + committedSum;
        SluiceCluster.awaitTrue("the committed transactions' rows", () -> sql.countAndSum("transactions_log").equals(expected));
        // 900 messages and 9 markers: the job must reach offset 909, not stop at the last message.
        Map<String, String> show = sql.awaitShow("transactions_load", "progress past the last marker, no lag",
                row -> row.get("Progress").equals("{\"0\":\"908\"}") && row.get("OffsetLag").equals("{\"0\":\"0\"}")
                        && row.get("LatestSourcePosition").equals("{\"0\":\"909\"}"));
        assertThat(show.get("Statistic")).contains("\"loadedRows\":" + committed).contains("\"errorRows\":0");
        try (Admin admin = admin()) {
            SluiceCluster.awaitTrue("consumer group offsets at the end", () -> groupOffset(admin, "sluice_rc", new TopicPartition(topic, 0)) == 909);
        }
    }

    // ---- helpers

    private static long groupOffset(Admin admin, String group, TopicPartition partition)
    {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
        catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }

    private static void createTables(String duplicateTable, String primaryKeyTable)
    {
        sql.execute("create table " + duplicateTable + " (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        if (primaryKeyTable != null) {
            sql.execute("create table " + primaryKeyTable + " (id bigint NOT NULL, name string NULL) PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        }
    }

    private static void createJob(String job, String table, String topic, String extraSource)
    {
        sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " PROPERTIES (\"format\" = \"json\") FROM KAFKA (" + extraSource
                + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
    }

    static String user(long id)
    {
        return "{\"id\": " + id + ", \"name\": \"user" + id + "\"}";
    }

    /** Messages with ids [from, to), spread over the topic's partitions by the default partitioner. */
    private static void produce(String topic, long from, long to)
    {
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (long id = from; id < to; id++) {
                producer.send(new ProducerRecord<>(topic, Long.toString(id), user(id)));
            }
        }
    }

    private static KafkaProducer<String, String> producer(String transactionalId)
    {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        else {
            // A broker restarted by the test may hand a new idempotent producer the id an earlier one had (its id block
            // was not yet flushed), and then refuses its sequence numbers forever. Nothing is sent while the broker is
            // down, so plain retries cannot duplicate a message here.
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        }
        return new KafkaProducer<>(properties);
    }

    private static Admin admin()
    {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }
}
