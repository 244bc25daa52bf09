package io.sluice.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad messages mixed with good ones against a real broker and Sluice in a JVM of its own (-Xmx1g): every good row
 * loads, every bad message is exactly one rejected record with its partition, offset and reason, errorRows agrees, a
 * small max_error_number pauses the job with errCode 102, and a 10 MB message and a 10,000-deep JSON leave the server
 * up with a bounded heap. The long version ({@code -Dsluice.reliability.long=true}) loads 100,000 messages, 10% bad,
 * over four partitions; see RELIABILITY.md.
 */
class BadInputIT
{
    private static final String DATABASE = "badinput";
    private static final int MAXIMUM_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** Used heap of Sluice's JVM after a full GC, once it has loaded the corpus; it idles at well under half of this. */
    private static final long HEAP_BOUND_BYTES = 256L * 1024 * 1024;
    private static final String LONG_PROPERTY = "sluice.reliability.long";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    /** One message of the corpus: a good row has id >= 0 and no reason; a bad message has the reason it must get. */
    private record Message(String kind, long id, byte[] value, String reason) {}

    /** A produced message: where it landed. */
    private record Placed(Message message, int partition, long offset) {}

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
    void everyGoodRowLoadsAndEveryBadMessageIsOneRejectedRecord()
            throws Exception
    {
        List<Message> json = new ArrayList<>();
        List<Message> jsonBad = jsonBadMessages(true);
        long nextId = 0;
        for (Message bad : jsonBad) {
            for (int i = 0; i < 10; i++) {
                json.add(good(nextId++, jsonRow(nextId - 1)));
            }
            json.add(bad);
        }
        json.add(good(nextId++, jsonRow(nextId - 1)));
        List<Message> csv = new ArrayList<>();
        long csvId = 0;
        for (Message bad : csvBadMessages()) {
            for (int i = 0; i < 10; i++) {
                csv.add(good(csvId++, csvRow(csvId - 1)));
            }
            csv.add(bad);
        }
        csv.add(good(csvId++, csvRow(csvId - 1)));

        cluster.createTopic("bad_json", 2, Map.of("max.message.bytes", Integer.toString(MAXIMUM_MESSAGE_BYTES)));
        cluster.createTopic("bad_csv", 2, Map.of("max.message.bytes", Integer.toString(MAXIMUM_MESSAGE_BYTES)));
        List<Placed> placedJson = produce("bad_json", json, 2);
        List<Placed> placedCsv = produce("bad_csv", csv, 2);

        createTable("json_rows");
        createTable("csv_rows");
        createJob("json_load", "json_rows", "bad_json", "\"format\" = \"json\", \"max_error_number\" = \"1000\"");
        createJob("csv_load", "csv_rows", "bad_csv", "\"format\" = \"csv\", \"max_error_number\" = \"1000\"");

        checkLoaded("json_load", "json_rows", placedJson);
        checkLoaded("csv_load", "csv_rows", placedCsv);

        // The same topic with a small max_error_number: more than 3 rejected records in the window pause the job.
        createTable("json_strict_rows");
        createJob("json_strict_load", "json_strict_rows", "bad_json", "\"format\" = \"json\", \"max_error_number\" = \"3\"");
        Map<String, String> paused = sql.awaitShow("json_strict_load", "PAUSED by errCode 102", row -> row.get("State").equals("PAUSED"));
        assertThat(paused.get("ReasonOfStateChanged"))
                .startsWith("ErrorReason{errCode = 102, msg='Current error rows: ")
                .contains("is more than max error num: 3. Check the 'TrackingSQL' field for detailed information.");

        // The 10 MB message and the 10,000-deep one went through: the server answers and its heap is back down.
        assertThat(sql.value("select 1")).isEqualTo("1");
        long heap = heapUsedAfterGc();
        System.out.printf("BadInputIT short: %d JSON + %d CSV messages (%d + %d bad); Sluice heap used after GC %.1f MB%n",
                json.size(), csv.size(), jsonBad.size(), csvBadMessages().size(), heap / 1048576.0);
        assertThat(heap).isLessThan(HEAP_BOUND_BYTES);
    }

    @Test
    void longCorpus()
            throws Exception
    {
        assumeTrue(Boolean.getBoolean(LONG_PROPERTY), "the long version runs with -D" + LONG_PROPERTY + "=true");
        int total = 100_000;
        List<Message> cheapBad = jsonBadMessages(false);
        List<Message> bigBad = jsonBadMessages(true).stream().filter(message -> message.kind().equals("10 MB") || message.kind().equals("deep")).toList();
        List<Message> messages = new ArrayList<>(total);
        long nextId = 0;
        int bad = 0;
        for (int i = 0; i < total; i++) {
            if (i % 10 == 9) {
                // The two big kinds once each, near the start and in the middle; the cheap kinds in turn otherwise.
                Message message = bad == 3 ? bigBad.get(0) : bad == total / 20 ? bigBad.get(1) : cheapBad.get(bad % cheapBad.size());
                messages.add(message);
                bad++;
            }
            else {
                messages.add(good(nextId++, jsonRow(nextId - 1)));
            }
        }
        cluster.createTopic("long_json", 4, Map.of("max.message.bytes", Integer.toString(MAXIMUM_MESSAGE_BYTES)));
        long started = System.nanoTime();
        List<Placed> placed = produce("long_json", messages, 4);
        createTable("long_rows");
        createJob("long_load", "long_rows", "long_json", "\"format\" = \"json\", \"max_error_number\" = \"1000000\", \"log_rejected_record_num\" = \"-1\"");
        checkLoaded("long_load", "long_rows", placed);
        double seconds = (System.nanoTime() - started) / 1e9;
        long heap = heapUsedAfterGc();
        System.out.printf("BadInputIT long: %d messages over 4 partitions, %d good, %d bad, produced and loaded in %.1f s; Sluice heap used after GC %.1f MB%n",
                total, nextId, bad, seconds, heap / 1048576.0);
        assertThat(heap).isLessThan(HEAP_BOUND_BYTES);
    }

    // ---- the corpus

    private static List<Message> jsonBadMessages(boolean withBigOnes)
    {
        List<Message> bad = new ArrayList<>();
        bad.add(bad("invalid JSON", "not json at all", "Invalid JSON at byte 0"));
        bad.add(bad("truncated JSON", "{\"id\": 1, \"name\": \"cut", "Unexpected end-of-input"));
        bad.add(bad("empty message", "", "Empty message"));
        bad.add(new Message("null value", -1, null, "The message value is null"));
        bad.add(new Message("invalid UTF-8", -1, concat("{\"id\": 2, \"name\": \"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                "\"}".getBytes(StandardCharsets.UTF_8)), "Invalid UTF-8 middle byte 0x28"));
        bad.add(bad("wrong type", "{\"id\": {\"nested\": true}, \"name\": \"x\"}", "is not a valid bigint for column id"));
        bad.add(bad("overflow", "{\"id\": 3, \"name\": \"x\", \"amount\": 99999999999}", "Value 99999999999 is out of range for column amount of type int"));
        bad.add(bad("missing NOT NULL", "{\"name\": \"no id\"}", "NULL value in non-nullable column id"));
        bad.add(bad("array without strip_outer_array", "[{\"id\": 4, \"name\": \"x\"}]", "The JSON message is an array; set strip_outer_array to true"));
        if (withBigOnes) {
            bad.add(bad("10 MB", "{\"id\": 5, \"name\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}", "is longer than 65533 characters for column name"));
            bad.add(bad("10 MB truncated", "{\"id\": 5, \"name\": \"" + "y".repeat(10 * 1024 * 1024), "Unexpected end-of-input"));
            bad.add(bad("deep", "{\"id\": 6, \"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "Document nesting depth (1001) exceeds the maximum allowed (1000"));
        }
        return List.copyOf(bad);
    }

    private static List<Message> csvBadMessages()
    {
        return List.of(
                bad("too few fields", "7,only two", "Target column count: 3 doesn't match source value column count: 2"),
                bad("too many fields", "8,name,1,extra", "Target column count: 3 doesn't match source value column count: 4"),
                bad("CSV wrong type", "nine,name,1", "Value 'nine' is not a valid bigint for column id"));
    }

    private static Message good(long id, String value)
    {
        return new Message("good", id, value.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Message bad(String kind, String value, String reason)
    {
        return new Message(kind, -1, value.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static String jsonRow(long id)
    {
        return "{\"id\": " + id + ", \"name\": \"user" + id + "\", \"amount\": " + (id % 1000) + "}";
    }

    private static String csvRow(long id)
    {
        return id + ",user" + id + "," + (id % 1000);
    }

    private static byte[] concat(byte[]... parts)
    {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return all;
    }

    // ---- checks

    private static void checkLoaded(String job, String table, List<Placed> placed)
    {
        long goodCount = 0;
        long goodSum = 0;
        Map<String, Message> badByPosition = new HashMap<>();
        for (Placed message : placed) {
            if (message.message().reason() == null) {
                goodCount++;
                goodSum += message.message().id();
            }
            else {
                badByPosition.put(message.partition() + "/" + message.offset(), message.message());
            }
        }
        String expected = goodCount + "/" + goodSum;
        long badCount = badByPosition.size();
        SluiceCluster.awaitTrue(job + ": " + expected + " rows and " + badCount + " rejected", 180,
                () -> sql.countAndSum(table).equals(expected) && sql.show(job).get("Statistic").contains("\"errorRows\":" + badCount + ","));
        Map<String, String> show = sql.show(job);
        assertThat(show.get("State")).isEqualTo("RUNNING");
        assertThat(show.get("Statistic")).contains("\"loadedRows\":" + goodCount + ",").contains("\"totalRows\":" + placed.size() + ",");

        List<Map<String, String>> rejected = sql.rows("select `partition`, `offset`, reason, message from information_schema.load_tracking_logs where job_id = "
                + show.get("Id"));
        assertThat(rejected).hasSize(badByPosition.size());
        Map<String, Map<String, String>> rejectedByPosition = new HashMap<>();
        for (Map<String, String> record : rejected) {
            String position = record.get("partition") + "/" + record.get("offset");
            assertThat(rejectedByPosition.put(position, record)).as("a second rejected record at " + position).isNull();
            Message message = badByPosition.get(position);
            assertThat(message).as("a bad message at " + position + ": " + record.get("reason")).isNotNull();
            assertThat(record.get("reason")).as(message.kind()).contains(message.reason());
            if (message.value() == null) {
                assertThat(record.get("message")).as(message.kind()).isNullOrEmpty();
            }
            else {
                // At most 4 KB of a message is kept, however big it was: the 10 MB one keeps exactly that.
                int kept = record.get("message").getBytes(StandardCharsets.UTF_8).length;
                assertThat(kept).as(message.kind()).isLessThanOrEqualTo(4096);
                if (message.value().length > 4096) {
                    assertThat(kept).as(message.kind()).isGreaterThan(4000);
                }
            }
        }
        assertThat(rejectedByPosition.keySet()).isEqualTo(badByPosition.keySet());
    }

    private static long heapUsedAfterGc()
            throws IOException, InterruptedException
    {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(cluster.sluicePid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(gc.exitValue()).as(output).isZero();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.httpPort() + "/metrics")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (long) PrometheusText.parse(response.body()).value("sluice_jvm_memory_heap_used_bytes");
    }

    // ---- Kafka and SQL helpers

    private static void createTable(String table)
    {
        sql.execute("create table " + table + " (id bigint NOT NULL, name string NULL, amount int NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
    }

    private static void createJob(String job, String table, String topic, String properties)
    {
        String columns = properties.contains("csv") ? "COLUMNS TERMINATED BY ',' " : "";
        sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " " + columns + "PROPERTIES (\"strict_mode\" = \"true\", " + properties + ") FROM KAFKA ("
                + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
    }

    /** Message i goes to partition i % partitions; the result says where each one landed. */
    private static List<Placed> produce(String topic, List<Message> messages, int partitions)
            throws Exception
    {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAXIMUM_MESSAGE_BYTES);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAXIMUM_MESSAGE_BYTES);
        // Plain retries, one request in flight: a refused request is sent again in order, nothing twice (see SluiceCluster.createTopic).
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < messages.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, messages.get(i).value())));
            }
            producer.flush();
        }
        List<Placed> placed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            RecordMetadata metadata = sent.get(i).get(60, TimeUnit.SECONDS);
            placed.add(new Placed(messages.get(i), metadata.partition(), metadata.offset()));
        }
        return placed;
    }
}
