package io.sluice.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across crashes: the Sluice JVM is killed with SIGKILL in the middle of ingestion several times (3 here;
 * {@code -Dsluice.kills=N} for more), each time while it loads a fresh chunk of messages, and started again on the
 * same data directory.
 * Then a DUPLICATE KEY table, where a message loaded twice would show as an extra row, and a PRIMARY KEY table must
 * hold exactly the produced ids: count and sum(id).
 */
class RoutineLoadCrashIT
{
    private static final String TOPIC = "crash_events";
    private static final int CHUNK = 30_000;

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = SluiceCluster.withSluiceProcess(directory);
        cluster.createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sigkillDuringIngestionLosesAndDuplicatesNothing()
            throws Exception
    {
        SqlClient setup = new SqlClient(cluster, null);
        setup.execute("create database crash");
        SqlClient sql = new SqlClient(cluster, "crash");
        sql.execute("create table events_log (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        sql.execute("create table events (id bigint NOT NULL, name string NULL) PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        for (String table : new String[] {"events_log", "events"}) {
            sql.execute("CREATE ROUTINE LOAD " + table + "_load ON " + table + " PROPERTIES (\"format\" = \"json\", \"desired_concurrent_number\" = \"3\") "
                    + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + TOPIC + "\", "
                    + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
        }

        int kills = Integer.getInteger("sluice.kills", 3);
        // A fixed seed: the kill points vary between kills, the same way on every run.
        Random random = new Random(42);
        long produced = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int kill = 1; kill <= kills; kill++) {
                long before = rowCount(sql);
                produce(producer, produced, produced + CHUNK);
                produced += CHUNK;
                // Once this chunk is being loaded, kill somewhere inside the next batches: consuming, committing, or between.
                SluiceCluster.awaitTrue("ingestion progress before kill " + kill, 120, () -> rowCount(sql) > before);
                Thread.sleep(random.nextInt(300));
                cluster.killSluice();
                cluster.startSluice();
            }
            produce(producer, produced, produced + CHUNK);
            produced += CHUNK;
        }

        String expected = SqlClient.expectedCountAndSum(produced);
        SluiceCluster.awaitTrue("every message loaded once", 180, () -> sql.countAndSum("events_log").equals(expected)
                && sql.countAndSum("events").equals(expected));
        assertThat(sql.countAndSum("events_log")).isEqualTo(expected);
        assertThat(sql.countAndSum("events")).isEqualTo(expected);
        Map<String, String> show = sql.show("events_log_load");
        assertThat(show.get("State")).isEqualTo("RUNNING");
        assertThat(show.get("Statistic")).contains("\"loadedRows\":" + produced).contains("\"errorRows\":0");
    }

    private static long rowCount(SqlClient sql)
    {
        try {
            return Long.parseLong(sql.value("select count(*) from events_log"));
        }
        catch (AssertionError e) {
            // Sluice is restarting.
            return -1;
        }
    }

    private static KafkaProducer<String, String> producer()
    {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /** Messages with ids [from, to), acknowledged before this returns. */
    private static void produce(KafkaProducer<String, String> producer, long from, long to)
    {
        for (long id = from; id < to; id++) {
            producer.send(new ProducerRecord<>(TOPIC, Long.toString(id), RoutineLoadFailuresIT.user(id)));
        }
        producer.flush();
    }
}
