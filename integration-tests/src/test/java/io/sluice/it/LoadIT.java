package io.sluice.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained mixed load against Sluice in a JVM of its own (-Xmx1g): four routine load jobs (DUPLICATE JSON, PRIMARY
 * KEY JSON upserts, AGGREGATE KEY CSV, DUPLICATE CSV) load continuously from a producer thread while 64 connections
 * (MySQL Connector/J and MariaDB Connector/J, half of them with server-prepared statements) run point lookups,
 * aggregates, filters, joins, SHOW ROUTINE LOAD, information_schema, SHOW PROCESSLIST and small INSERTs. Every answer
 * is checked (counts never decrease, bounds hold), no statement may fail, the heap after a full GC stays within a
 * bound of where it started, and at the end every job's totals are exact. Latency p50/p99/max per query kind is
 * printed. {@code -Dsluice.load.seconds=N} sets the duration (25 s after a warm-up round; 600 with {@code -Dsluice.reliability.long=true}).
 * See RELIABILITY.md#load.
 */
class LoadIT
{
    private static final String DATABASE = "load";
    private static final int CONNECTIONS = Integer.getInteger("sluice.load.connections", 64);
    private static final long SECONDS = Long.getLong("sluice.load.seconds", Boolean.getBoolean("sluice.reliability.long") ? 600 : 25);
    /**
     * Growth of Sluice's used heap after a full GC, from after the warm-up to the end of the run, besides the rows
     * themselves: segments keep their decoded columns in the heap, 24 to 34 bytes a row of these tables were measured
     * (a 10-minute run: 4.4 million rows, 103 MB), so the bound allows twice that per loaded row.
     */
    private static final long HEAP_GROWTH_BOUND_BYTES = 96L * 1024 * 1024;
    private static final long HEAP_BYTES_PER_ROW = 48;
    private static final int PK_KEYS = 1000;
    private static final int AGG_KEYS = 50;
    private static final int USER_IDS = 20;

    private static final String[] KINDS = {"point", "count", "group_by", "filter", "join", "aggregate_key", "show_routine_load", "information_schema",
            "processlist", "insert"};

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
    void mixedQueriesWhileFourJobsLoad()
            throws Exception
    {
        cluster.createTopic("events_json", 2);
        cluster.createTopic("users_json", 2);
        cluster.createTopic("agg_csv", 1);
        cluster.createTopic("lines_csv", 2);
        sql.execute("create table events (id bigint NOT NULL, user_id int NOT NULL, amount int NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        sql.execute("create table users (id bigint NOT NULL, version bigint NULL, name string NULL) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        sql.execute("create table agg (k int NOT NULL, n bigint SUM NULL, top bigint MAX NULL) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
        sql.execute("create table lines (id bigint NOT NULL, word varchar(32) NULL) DUPLICATE KEY(id) DISTRIBUTED BY RANDOM BUCKETS 2");
        sql.execute("create table scratch (id bigint NOT NULL, worker int NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        createJob("events_load", "events", "COLUMNS(id, user_id, amount)", "json", "events_json");
        createJob("users_load", "users", "COLUMNS(id, version, name)", "json", "users_json");
        createJob("agg_load", "agg", "COLUMNS TERMINATED BY ',', COLUMNS(k, n, top)", "csv", "agg_csv");
        createJob("lines_load", "lines", "COLUMNS TERMINATED BY '|', COLUMNS(id, word)", "csv", "lines_csv");

        Producer producer = new Producer();
        Thread producerThread = new Thread(producer, "load-producer");
        producerThread.start();
        SluiceCluster.awaitTrue("the first rows of every job", 120, () -> !sql.value("select count(*) from events").equals("0")
                && !sql.value("select count(*) from users").equals("0") && !sql.value("select count(*) from agg").equals("0")
                && !sql.value("select count(*) from lines").equals("0"));
        long heapBefore = heapUsedAfterGc();
        long producedBefore = producer.produced;

        Queue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong inserted = new AtomicLong();
        // Every connection first runs each kind once (plans are cached per session: the first run of a statement
        // pays for Calcite's planning and code generation), then all start the timed run together.
        AtomicLong deadline = new AtomicLong();
        CyclicBarrier warmedUp = new CyclicBarrier(CONNECTIONS, () -> deadline.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS)));
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<Worker>> futures = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            futures.add(pool.submit(new Worker(i, warmedUp, deadline, errors, inserted)));
        }
        List<Worker> workers = new ArrayList<>();
        for (Future<Worker> future : futures) {
            workers.add(future.get(SECONDS + 300, TimeUnit.SECONDS));
        }
        pool.shutdown();
        producer.stop();
        producerThread.join(120_000);
        assertThat(producer.failure).as("the producer").isNull();

        // the jobs' totals are exact once they caught up
        long produced = producer.produced;
        SluiceCluster.awaitTrue("every produced row loaded (" + produced + " per topic)", 300, () ->
                sql.value("select count(*) from events").equals(Long.toString(produced))
                        && sql.value("select count(*) from lines").equals(Long.toString(produced))
                        && sql.value("select sum(n) from agg").equals(Long.toString(produced))
                        && sql.value("select max(version) from users").equals(Long.toString(produced - 1)));
        assertThat(sql.countAndSum("events")).isEqualTo(SqlClient.expectedCountAndSum(produced));
        assertThat(sql.countAndSum("lines")).isEqualTo(SqlClient.expectedCountAndSum(produced));
        assertThat(sql.value("select count(*) from agg")).isEqualTo(Long.toString(Math.min(AGG_KEYS, produced)));
        assertThat(sql.value("select max(top) from agg")).isEqualTo(Long.toString(produced - 1));
        assertThat(sql.value("select count(*) from users")).isEqualTo(Long.toString(Math.min(PK_KEYS, produced)));
        // each key holds its last version: the versions are the last min(1000, produced) numbers
        long lowest = Math.max(0, produced - PK_KEYS);
        assertThat(sql.value("select sum(version) from users")).isEqualTo(Long.toString((lowest + produced - 1) * (produced - lowest) / 2));
        assertThat(sql.value("select count(*) from users where version % " + PK_KEYS + " <> id")).isEqualTo("0");
        for (String job : List.of("events_load", "users_load", "agg_load", "lines_load")) {
            Map<String, String> show = sql.show(job);
            assertThat(show.get("State")).as(job).isEqualTo("RUNNING");
            assertThat(show.get("Statistic")).as(job).contains("\"loadedRows\":" + produced + ",").contains("\"errorRows\":0,");
        }
        assertThat(sql.value("select count(*) from scratch")).isEqualTo(Long.toString(inserted.get()));

        long heapAfter = heapUsedAfterGc();
        // rows of the four loaded tables plus the INSERTs, since the first heap sample
        long rowsAfterWarmUp = 4 * (produced - producedBefore) + inserted.get();
        // what the heap holds at the end, for when the growth bound fails
        System.out.println("LoadIT: Sluice's largest classes after the run:\n" + classHistogram(25));
        long queries = 0;
        StringBuilder report = new StringBuilder();
        report.append(String.format("LoadIT: %d connections for %d s, 4 jobs, %d messages per topic (%d in all) loaded exactly; %d INSERTs; "
                        + "Sluice heap used after GC %.1f MB -> %.1f MB (growth bound %.1f MB); errors %d%n",
                CONNECTIONS, SECONDS, produced, 4 * produced, inserted.get(), heapBefore / 1048576.0, heapAfter / 1048576.0,
                (HEAP_GROWTH_BOUND_BYTES + HEAP_BYTES_PER_ROW * rowsAfterWarmUp) / 1048576.0, errors.size()));
        for (int kind = 0; kind < KINDS.length; kind++) {
            long[] all = merged(workers, kind);
            queries += all.length;
            Arrays.sort(all);
            report.append(String.format("  %-20s %8d queries  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", KINDS[kind], all.length,
                    percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6));
        }
        report.append(String.format("  %d queries in all, %.0f per second%n", queries, queries / (double) SECONDS));
        System.out.print(report);
        List<String> firstErrors = errors.stream().limit(20).toList();
        assertThat(errors).as("failed or wrong answers (first 20): " + firstErrors).isEmpty();
        assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(HEAP_GROWTH_BOUND_BYTES + HEAP_BYTES_PER_ROW * rowsAfterWarmUp);
    }

    private static long[] merged(List<Worker> workers, int kind)
    {
        int total = 0;
        for (Worker worker : workers) {
            total += worker.counts[kind];
        }
        long[] all = new long[total];
        int position = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies[kind], 0, all, position, worker.counts[kind]);
            position += worker.counts[kind];
        }
        return all;
    }

    private static double percentile(long[] sorted, double fraction)
    {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** One connection running the mix until the deadline; it keeps what it saw to check that counts never decrease. */
    private static final class Worker
            implements java.util.concurrent.Callable<Worker>
    {
        private final int number;
        private final CyclicBarrier warmedUp;
        private final AtomicLong deadline;
        private final Queue<String> errors;
        private final AtomicLong inserted;
        private final SplittableRandom random;
        final long[][] latencies = new long[KINDS.length][1024];
        final int[] counts = new int[KINDS.length];
        private long lastEvents;
        private long lastAggSum;
        private long lastLoaded;
        private long lastVersion;
        private long nextInsert;

        Worker(int number, CyclicBarrier warmedUp, AtomicLong deadline, Queue<String> errors, AtomicLong inserted)
        {
            this.number = number;
            this.warmedUp = warmedUp;
            this.deadline = deadline;
            this.errors = errors;
            this.inserted = inserted;
            this.random = new SplittableRandom(number);
        }

        @Override
        public Worker call()
        {
            boolean mariadb = number % 2 == 1;
            boolean serverPrepared = number % 4 >= 2;
            String url = "jdbc:" + (mariadb ? "mariadb" : "mysql") + "://127.0.0.1:" + cluster.port() + "/" + DATABASE
                    + "?user=root&password=&useSSL=false&connectTimeout=10000&socketTimeout=120000&useServerPrepStmts=" + serverPrepared;
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                    PreparedStatement point = connection.prepareStatement("select id, version, name from users where id = ?");
                    PreparedStatement filter = connection.prepareStatement("select count(*), min(id), max(id) from lines where id >= ? and id < ? and word like 'w%'");
                    PreparedStatement insert = connection.prepareStatement("insert into scratch values (?, ?)")) {
                long connectionId = single(statement, "select connection_id()");
                String client = (mariadb ? " (MariaDB" : " (Connector/J") + (serverPrepared ? ", server-prepared): " : "): ");
                for (int kind = 0; kind < KINDS.length; kind++) {
                    try {
                        run(kind, statement, point, filter, insert, connectionId);
                    }
                    catch (SQLException | RuntimeException e) {
                        errors.add("warm-up " + KINDS[kind] + " on connection " + number + client + e);
                    }
                }
                warmedUp.await(300, TimeUnit.SECONDS);
                long end = deadline.get();
                int iteration = number;
                while (System.nanoTime() < end) {
                    int kind = iteration++ % KINDS.length;
                    long started = System.nanoTime();
                    try {
                        run(kind, statement, point, filter, insert, connectionId);
                    }
                    catch (SQLException | RuntimeException e) {
                        errors.add(KINDS[kind] + " on connection " + number + client + e);
                    }
                    record(kind, System.nanoTime() - started);
                }
            }
            catch (SQLException | InterruptedException | BrokenBarrierException | TimeoutException e) {
                errors.add("connection " + number + ": " + e);
            }
            return this;
        }

        private void record(int kind, long nanos)
        {
            if (counts[kind] == latencies[kind].length) {
                latencies[kind] = Arrays.copyOf(latencies[kind], counts[kind] * 2);
            }
            latencies[kind][counts[kind]++] = nanos;
        }

        private void run(int kind, Statement statement, PreparedStatement point, PreparedStatement filter, PreparedStatement insert, long connectionId)
                throws SQLException
        {
            switch (KINDS[kind]) {
                case "point" -> {
                    long id = random.nextInt(PK_KEYS);
                    point.setLong(1, id);
                    try (ResultSet resultSet = point.executeQuery()) {
                        if (resultSet.next()) {
                            long version = resultSet.getLong(2);
                            check(resultSet.getLong(1) == id && version % PK_KEYS == id && ("u" + version).equals(resultSet.getString(3)),
                                    "point lookup of " + id + " gave " + resultSet.getLong(1) + "/" + version + "/" + resultSet.getString(3));
                            check(!resultSet.next(), "two rows for key " + id);
                        }
                    }
                }
                case "count" -> {
                    long events = single(statement, "select count(*) from events");
                    check(events >= lastEvents, "count(*) of events went down from " + lastEvents + " to " + events);
                    lastEvents = events;
                }
                case "group_by" -> {
                    long total = 0;
                    int groups = 0;
                    try (ResultSet resultSet = statement.executeQuery("select user_id, count(*), sum(amount), max(id) from events group by user_id")) {
                        while (resultSet.next()) {
                            groups++;
                            long count = resultSet.getLong(2);
                            check(resultSet.getInt(1) >= 0 && resultSet.getInt(1) < USER_IDS && count > 0 && resultSet.getLong(3) <= 100 * count,
                                    "group " + resultSet.getInt(1) + ": " + count + " rows, sum " + resultSet.getLong(3));
                            total += count;
                        }
                    }
                    check(groups <= USER_IDS && total >= lastEvents, "group by: " + groups + " groups, " + total + " rows after a count of " + lastEvents);
                    lastEvents = total;
                }
                case "filter" -> {
                    long from = random.nextInt(100_000);
                    filter.setLong(1, from);
                    filter.setLong(2, from + 1000);
                    try (ResultSet resultSet = filter.executeQuery()) {
                        check(resultSet.next(), "no row from an aggregate");
                        long count = resultSet.getLong(1);
                        check(count <= 1000 && (count == 0 || (resultSet.getLong(2) >= from && resultSet.getLong(3) < from + 1000)),
                                "filter [" + from + ", " + (from + 1000) + "): " + count + " rows, " + resultSet.getLong(2) + " to " + resultSet.getLong(3));
                    }
                }
                case "join" -> {
                    long joined = single(statement, "select count(*) from agg a join users u on u.id = a.k where u.version >= 0");
                    check(joined >= 0 && joined <= AGG_KEYS, "join gave " + joined + " rows");
                }
                case "aggregate_key" -> {
                    try (ResultSet resultSet = statement.executeQuery("select count(*), sum(n), max(top) from agg")) {
                        resultSet.next();
                        long keys = resultSet.getLong(1);
                        long sum = resultSet.getLong(2);
                        check(keys <= AGG_KEYS && sum >= lastAggSum && resultSet.getLong(3) < sum, "agg: " + keys + " keys, sum " + sum + " after " + lastAggSum);
                        lastAggSum = sum;
                    }
                }
                case "show_routine_load" -> {
                    int jobs = 0;
                    long loaded = 0;
                    try (ResultSet resultSet = statement.executeQuery("show routine load")) {
                        while (resultSet.next()) {
                            jobs++;
                            check(resultSet.getString("State").equals("RUNNING"), resultSet.getString("Name") + " is " + resultSet.getString("State")
                                    + ": " + resultSet.getString("ReasonOfStateChanged") + " " + resultSet.getString("OtherMsg"));
                            String statistic = resultSet.getString("Statistic");
                            int at = statistic.indexOf("\"loadedRows\":");
                            loaded += Long.parseLong(statistic.substring(at + 13, statistic.indexOf(',', at)));
                        }
                    }
                    check(jobs == 4 && loaded >= lastLoaded, "show routine load: " + jobs + " jobs, " + loaded + " loaded rows after " + lastLoaded);
                    lastLoaded = loaded;
                }
                case "information_schema" -> {
                    int tables = 0;
                    try (ResultSet resultSet = statement.executeQuery("select t.table_name, t.table_rows, j.state from information_schema.tables t "
                            + "left join information_schema.routine_load_jobs j on j.table_name = t.table_name and j.db_name = t.table_schema "
                            + "where t.table_schema = '" + DATABASE + "' order by t.table_name")) {
                        while (resultSet.next()) {
                            tables++;
                            check(resultSet.getLong(2) >= 0 && (resultSet.getString(1).equals("scratch") ? resultSet.getString(3) == null : "RUNNING".equals(resultSet.getString(3))),
                                    "information_schema: " + resultSet.getString(1) + " " + resultSet.getLong(2) + " " + resultSet.getString(3));
                        }
                    }
                    check(tables == 5, "information_schema.tables listed " + tables + " tables");
                    long version = single(statement, "select coalesce(max(version), 0) from users");
                    check(version >= lastVersion, "max(version) went down from " + lastVersion + " to " + version);
                    lastVersion = version;
                }
                case "processlist" -> {
                    boolean self = false;
                    int rows = 0;
                    try (ResultSet resultSet = statement.executeQuery("show processlist")) {
                        while (resultSet.next()) {
                            rows++;
                            self |= resultSet.getLong("Id") == connectionId;
                        }
                    }
                    check(self && rows <= CONNECTIONS + 10, "processlist: " + rows + " rows, own connection " + (self ? "listed" : "missing"));
                }
                case "insert" -> {
                    insert.setLong(1, (long) number * 10_000_000 + nextInsert++);
                    insert.setInt(2, number);
                    check(insert.executeUpdate() == 1, "insert did not count one row");
                    inserted.incrementAndGet();
                }
                default -> throw new IllegalStateException(KINDS[kind]);
            }
        }

        private static void check(boolean condition, String message)
        {
            if (!condition) {
                throw new IllegalStateException(message);
            }
        }

        private static long single(Statement statement, String sql)
                throws SQLException
        {
            try (ResultSet resultSet = statement.executeQuery(sql)) {
                if (!resultSet.next()) {
                    throw new IllegalStateException(sql + ": no row");
                }
                return resultSet.getLong(1);
            }
        }
    }

    /** Writes message i of every topic as one row: all four topics get the same number of messages. */
    private static final class Producer
            implements Runnable
    {
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile long produced;
        private volatile Exception failure;

        void stop()
        {
            stopped.set(true);
        }

        @Override
        public void run()
        {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            // Plain retries, one request in flight: a refused request is sent again in order, nothing twice.
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
                long next = 0;
                while (!stopped.get()) {
                    // 200 messages per topic a round, then a pause: a steady stream, not a flood that starves the queries
                    for (int i = 0; i < 200; i++, next++) {
                        int partition = (int) (next % 2);
                        producer.send(new ProducerRecord<>("events_json", partition, null,
                                "{\"id\": " + next + ", \"user_id\": " + (next % USER_IDS) + ", \"amount\": " + (next % 100) + "}"));
                        producer.send(new ProducerRecord<>("users_json", (int) (next % PK_KEYS % 2), null,
                                "{\"id\": " + (next % PK_KEYS) + ", \"version\": " + next + ", \"name\": \"u" + next + "\"}"));
                        producer.send(new ProducerRecord<>("agg_csv", 0, null, (next % AGG_KEYS) + ",1," + next));
                        producer.send(new ProducerRecord<>("lines_csv", partition, null, next + "|w" + next));
                    }
                    producer.flush();
                    produced = next;
                    Thread.sleep(100);
                }
            }
            catch (Exception e) {
                failure = e;
            }
        }
    }

    private static void createJob(String job, String table, String loadProperties, String format, String topic)
    {
        sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " " + loadProperties + " PROPERTIES (\"format\" = \"" + format + "\", "
                + "\"max_batch_interval\" = \"1\", \"desired_concurrent_number\" = \"2\") FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers()
                + "\", \"kafka_topic\" = \"" + topic + "\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
    }

    private static String classHistogram(int lines)
            throws IOException, InterruptedException
    {
        Process histogram = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(cluster.sluicePid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String output = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        histogram.waitFor(120, TimeUnit.SECONDS);
        return String.join("\n", output.lines().limit(lines + 3).toList());
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
}
