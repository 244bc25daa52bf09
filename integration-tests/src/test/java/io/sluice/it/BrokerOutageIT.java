package io.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KRaft broker stops for 30 s in the middle of a load and starts again, with Sluice in a JVM of its own and four
 * jobs (DUPLICATE and PRIMARY KEY tables, from a JSON and a CSV topic) while a producer keeps producing. During the
 * outage every job shows UNSTABLE with the broker's message in OtherMsg and ReasonOfStateChanged; afterwards each is
 * RUNNING again without a RESUME, and each table holds exactly what the topic holds: the same count and sum of ids,
 * no duplicates, loadedRows equal to the topic's messages, errorRows 0. Messages the producer sent during the outage
 * may or may not have reached the topic, so the truth is read back from the topic itself, and every message the broker
 * acknowledged must be in it. The long version ({@code -Dsluice.reliability.long=true}) has three outages and more data.
 */
class BrokerOutageIT
{
    private static final String DATABASE = "outage";
    private static final boolean LONG = Boolean.getBoolean("sluice.reliability.long");
    private static final int OUTAGES = LONG ? 3 : 1;
    private static final long OUTAGE_MILLIS = TimeUnit.SECONDS.toMillis(Long.getLong("sluice.outage.seconds", 30));
    /** Messages per topic produced at once right before each outage, so that the broker stops while they are loading. */
    private static final int BURST = LONG ? 300_000 : 100_000;
    private static final String JSON_TOPIC = "outage_json";
    private static final String CSV_TOPIC = "outage_csv";
    private static final List<String> JOBS = List.of("json_log_load", "json_users_load", "csv_log_load", "csv_users_load");

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    @BeforeAll
    static void start()
    {
        cluster = SluiceCluster.withSluiceProcess(directory);
        new SqlClient(cluster, null).execute("create database " + DATABASE);
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
    void jobsAreUnstableDuringTheOutageAndRecoverWithExactTotals()
            throws Exception
    {
        cluster.createTopic(JSON_TOPIC, 3);
        cluster.createTopic(CSV_TOPIC, 2);
        for (String prefix : List.of("json", "csv")) {
            sql.execute("create table " + prefix + "_log (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
            sql.execute("create table " + prefix + "_users (id bigint NOT NULL, name string NULL) PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        }
        createJob("json_log_load", "json_log", JSON_TOPIC, "json", "");
        createJob("json_users_load", "json_users", JSON_TOPIC, "json", "");
        createJob("csv_log_load", "csv_log", CSV_TOPIC, "csv", "COLUMNS TERMINATED BY ',' ");
        createJob("csv_users_load", "csv_users", CSV_TOPIC, "csv", "COLUMNS TERMINATED BY ',' ");

        try (SteadyProducer steady = new SteadyProducer()) {
            steady.start();
            SluiceCluster.awaitTrue("every job loading the steady messages", 120, () -> loadedRows().values().stream().allMatch(loaded -> loaded > 0));
            for (int outage = 1; outage <= OUTAGES; outage++) {
                steady.burst(BURST);
                Map<String, Long> loadedBefore = loadedRows();
                long stoppedAt = System.nanoTime();
                cluster.stopKafka();
                Map<String, Long> loadedAtStop = loadedRows();
                // Mid-load: the broker's shutdown began while the jobs were still loading the acknowledged burst (they go on
                // reading while it winds down, for a second or two).
                long acknowledgedJson = steady.acknowledged(JSON_TOPIC);
                assertThat(loadedBefore.values().stream().anyMatch(loaded -> loaded < acknowledgedJson))
                        .as("some job still loading when the broker stopped: %s of about %s acknowledged per topic", loadedBefore, acknowledgedJson)
                        .isTrue();

                int polls = 0;
                int unstablePolls = 0;
                String shown = null;
                while (System.nanoTime() - stoppedAt < TimeUnit.MILLISECONDS.toNanos(OUTAGE_MILLIS)) {
                    boolean allUnstable = true;
                    for (String job : JOBS) {
                        Map<String, String> row = sql.show(job);
                        if (row.get("State").equals("UNSTABLE")) {
                            assertThat(row.get("OtherMsg")).startsWith("UNSTABLE since ").contains("(kafka_broker_list " + cluster.bootstrapServers() + "): Kafka: ")
                                    .endsWith("The job retries by itself; no RESUME is needed.");
                            assertThat(row.get("ReasonOfStateChanged")).startsWith("Kafka: ");
                            shown = row.get("OtherMsg");
                        }
                        else {
                            assertThat(row.get("State")).as("%s during the outage", job).isEqualTo("RUNNING");
                            allUnstable = false;
                        }
                    }
                    polls++;
                    if (allUnstable) {
                        unstablePolls++;
                    }
                    Thread.sleep(1000);
                }
                // The jobs need a few seconds to notice (a metadata call has to time out); after that they say so.
                assertThat(unstablePolls).as("polls (of %s) with every job UNSTABLE", polls).isGreaterThanOrEqualTo(polls / 2);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
                cluster.startKafka();
                System.out.printf("BrokerOutageIT outage %d: %d s, loaded before %s, at stop %s; %d of %d polls all UNSTABLE; OtherMsg: %s%n",
                        outage, seconds, loadedBefore, loadedAtStop, unstablePolls, polls, shown);

                for (String job : JOBS) {
                    sql.awaitShow(job, job + " RUNNING again by itself", row -> row.get("State").equals("RUNNING"));
                }
                awaitRowsLoaded();
                // RUNNING again without a RESUME, and nothing else changed its state meanwhile.
                assertThat(sql.show(JOBS.get(0)).get("OtherMsg")).startsWith("Kafka answers again after ");
            }
            steady.stopProducing();
            System.out.printf("BrokerOutageIT: %d outages of %d s, %d + %d messages acknowledged (JSON + CSV), %d failed sends during the outages%n",
                    OUTAGES, OUTAGE_MILLIS / 1000, steady.acknowledged(JSON_TOPIC), steady.acknowledged(CSV_TOPIC), steady.failed());
            checkTablesEqualTopics(steady);
        }
    }

    private static void checkTablesEqualTopics(SteadyProducer steady)
    {
        for (String prefix : List.of("json", "csv")) {
            String topic = prefix.equals("json") ? JSON_TOPIC : CSV_TOPIC;
            TopicContent content = readTopic(topic, prefix.equals("csv"));
            assertThat(content.duplicates()).as("the producer never writes a message twice (no retries)").isZero();
            Set<Long> missing = new HashSet<>(steady.acknowledgedIds(topic));
            missing.removeAll(content.ids());
            assertThat(missing).as("acknowledged messages missing from the topic").isEmpty();
            String expected = content.count() + "/" + content.sum();
            for (String table : List.of(prefix + "_log", prefix + "_users")) {
                SluiceCluster.awaitTrue(table + " holds what the topic holds: " + expected, 120, () -> sql.countAndSum(table).equals(expected));
                assertThat(sql.value("select count(distinct id) from " + table)).isEqualTo(Long.toString(content.count()));
                Map<String, String> show = sql.show(table + "_load");
                assertThat(show.get("State")).isEqualTo("RUNNING");
                assertThat(show.get("Statistic")).contains("\"loadedRows\":" + content.count() + ",").contains("\"errorRows\":0,");
            }
        }
    }

    private static void createJob(String job, String table, String topic, String format, String loadProperties)
    {
        sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " " + loadProperties + "PROPERTIES (\"format\" = \"" + format + "\") FROM KAFKA (\"kafka_broker_list\" = \""
                + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
    }

    private static Map<String, Long> loadedRows()
    {
        Map<String, Long> loaded = new java.util.TreeMap<>();
        for (String job : JOBS) {
            String statistic = sql.show(job).get("Statistic");
            int start = statistic.indexOf("\"loadedRows\":") + "\"loadedRows\":".length();
            int end = statistic.indexOf(',', start);
            loaded.put(job, Long.parseLong(statistic.substring(start, end)));
        }
        return loaded;
    }

    /** Waits until every job caught up with its topic (OffsetLag 0 everywhere) and nothing moves any more. */
    private static void awaitRowsLoaded()
    {
        for (String job : JOBS) {
            sql.awaitShow(job, job + " caught up", row -> row.get("State").equals("RUNNING") && !row.get("OffsetLag").isEmpty()
                    && row.get("OffsetLag").replaceAll("\"\\d+\":\"0\"", "").replaceAll("[{},]", "").isEmpty());
        }
    }

    private record TopicContent(long count, long sum, long duplicates, Set<Long> ids) {}

    /** Everything the topic holds, read back with a plain consumer: the truth each table must equal. */
    private static TopicContent readTopic(String topic, boolean csv)
    {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Set<Long> ids = new HashSet<>();
            long count = 0;
            long sum = 0;
            long duplicates = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime() - deadline).as("topic read back within 120 s").isNegative();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    long id = csv ? Long.parseLong(record.value().substring(0, record.value().indexOf(',')))
                            : Long.parseLong(record.value().substring("{\"id\": ".length(), record.value().indexOf(',')));
                    count++;
                    sum += id;
                    if (!ids.add(id)) {
                        duplicates++;
                    }
                }
            }
            return new TopicContent(count, sum, duplicates, ids);
        }
    }

    /**
     * Produces to both topics all the time (a few hundred messages a second each, plus bursts on request), the same
     * ids to each. No retries, so a message is never written twice; sends that fail during the outage are counted.
     */
    private static final class SteadyProducer
            implements AutoCloseable
    {
        private final KafkaProducer<String, String> producer;
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicLong nextId = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Map<String, Set<Long>> acknowledgedIds = Map.of(JSON_TOPIC, ConcurrentHashMap.newKeySet(), CSV_TOPIC, ConcurrentHashMap.newKeySet());
        private final Thread thread = new Thread(this::run, "steady-producer");

        SteadyProducer()
        {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            // See RoutineLoadFailuresIT: a restarted broker may refuse an idempotent producer's sequence numbers.
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            properties.put(ProducerConfig.RETRIES_CONFIG, 0);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            producer = new KafkaProducer<>(properties);
        }

        void start()
        {
            thread.setDaemon(true);
            thread.start();
        }

        private void run()
        {
            while (producing.get()) {
                send(50);
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Sends count ids to both topics and waits until the broker acknowledged them. */
        synchronized void burst(int count)
        {
            send(count);
            producer.flush();
        }

        private synchronized void send(int count)
        {
            for (int i = 0; i < count; i++) {
                long id = nextId.getAndIncrement();
                for (String topic : List.of(JSON_TOPIC, CSV_TOPIC)) {
                    String value = topic.equals(JSON_TOPIC) ? RoutineLoadFailuresIT.user(id) : id + ",user" + id;
                    try {
                        producer.send(new ProducerRecord<>(topic, Long.toString(id), value), (metadata, exception) -> {
                            if (exception == null) {
                                acknowledgedIds.get(topic).add(id);
                            }
                            else {
                                failed.incrementAndGet();
                            }
                        });
                    }
                    catch (org.apache.kafka.common.KafkaException e) {
                        failed.incrementAndGet();
                    }
                }
            }
        }

        void stopProducing()
                throws InterruptedException
        {
            producing.set(false);
            thread.join();
            producer.flush();
        }

        long acknowledged(String topic)
        {
            return acknowledgedIds.get(topic).size();
        }

        Set<Long> acknowledgedIds(String topic)
        {
            return Set.copyOf(acknowledgedIds.get(topic));
        }

        long failed()
        {
            return failed.get();
        }

        @Override
        public void close()
                throws InterruptedException
        {
            producing.set(false);
            thread.join();
            producer.close(Duration.ofSeconds(10));
        }
    }
}
