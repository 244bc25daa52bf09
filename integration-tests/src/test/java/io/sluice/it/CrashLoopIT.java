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
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash loop: Sluice in a JVM of its own loads one topic into a DUPLICATE KEY, an AGGREGATE KEY and a PRIMARY KEY
 * table at once while a producer keeps writing to it; the test SIGKILLs Sluice again and again (after seeded random
 * delays, and right when the log shows a commit or a compaction in flight, while a DDL statement runs, or while it
 * starts again after a kill) and starts it again on the same data directory. At the end every table must equal what the produced messages say, exactly: count,
 * sums of every column, NULL counts (DUPLICATE and PRIMARY KEY), every group's SUM/MAX/MIN/REPLACE (AGGREGATE KEY),
 * and every job's loadedRows. Meanwhile a DDL thread creates and drops tables and jobs in another database; after each
 * restart that catalog must be consistent (every listed table answers, every live job has its table).
 *
 * <p>Short version (3 kills: commit, compaction, DDL) in {@code mvn verify}; {@code -Dsluice.reliability.long=true}
 * makes it 20 kills, aimed in turn at a random moment, a commit, a compaction, a DDL statement and a restart.
 * {@code -Dsluice.crash.seed=N} and {@code -Dsluice.crash.kills=N} override the seed and the kill count.
 */
class CrashLoopIT
{
    private static final String LONG_PROPERTY = "sluice.reliability.long";
    private static final String TOPIC = "crash_loop";
    private static final String DDL_TOPIC = "crash_loop_ddl";
    private static final int PARTITIONS = 3;
    private static final int GROUPS = 9;
    private static final int DDL_TOPIC_MESSAGES = 10;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    private enum Phase
    {
        RANDOM, COMMIT, COMPACTION, DDL, RECOVERY
    }

    private static final List<Phase> SHORT_PHASES = List.of(Phase.COMMIT, Phase.COMPACTION, Phase.DDL);

    /** One produced message; {@code note} may be null. */
    private record Message(long id, int group, int quantity, String name, BigDecimal price, LocalDateTime timestamp, String note)
    {
        String json()
        {
            return "{\"id\": " + id + ", \"grp\": " + group + ", \"qty\": " + quantity + ", \"name\": \"" + name + "\", \"price\": \"" + price.toPlainString()
                    + "\", \"ts\": \"" + DATETIME.format(timestamp) + "\", \"note\": " + (note == null ? "null" : "\"" + note + "\"") + "}";
        }

        int partition()
        {
            return (int) (id % PARTITIONS);
        }
    }

    @BeforeAll
    static void start()
            throws Exception
    {
        cluster = SluiceCluster.withSluiceProcess(directory, List.of("-Dlogback.configurationFile=crash-loop-logback.xml"));
        cluster.createTopic(TOPIC, PARTITIONS);
        cluster.createTopic(DDL_TOPIC, 1);
        List<String> ddlMessages = new ArrayList<>();
        for (int id = 0; id < DDL_TOPIC_MESSAGES; id++) {
            ddlMessages.add("{\"id\": " + id + ", \"name\": \"d" + id + "\"}");
        }
        cluster.produce(DDL_TOPIC, ddlMessages);
        sql = new SqlClient(cluster, "crash");
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyTableEqualsTheTopicAfterRepeatedKills()
            throws Exception
    {
        boolean longRun = Boolean.getBoolean(LONG_PROPERTY);
        long seed = Long.getLong("sluice.crash.seed", 20261121L);
        int kills = Integer.getInteger("sluice.crash.kills", longRun ? 20 : 3);
        long started = System.nanoTime();
        new SqlClient(cluster, null).execute("create database crash");
        new SqlClient(cluster, null).execute("create database ddl");
        String values = "grp int NOT NULL, qty int NOT NULL, name string NOT NULL, price decimal(12,2) NOT NULL, ts datetime NOT NULL, note string NULL";
        sql.execute("create table acks (id bigint NOT NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        sql.execute("create table dup_t (id bigint NOT NULL, " + values + ") DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        sql.execute("create table pk_t (id bigint NOT NULL, " + values + ") PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        sql.execute("create table agg_t (grp int NOT NULL, total bigint SUM NOT NULL, hi int MAX NOT NULL, lo int MIN NOT NULL, "
                + "top_price decimal(12,2) MAX NOT NULL, first_ts datetime MIN NOT NULL, last_name string REPLACE NOT NULL, last_note string REPLACE NULL) "
                + "AGGREGATE KEY (grp) DISTRIBUTED BY HASH(grp) BUCKETS 2");
        createJob("dup_load", "dup_t", "");
        createJob("pk_load", "pk_t", "");
        createJob("agg_load", "agg_t", "COLUMNS (id, grp, qty, name, price, ts, note, total = qty, hi = qty, lo = qty, top_price = price, "
                + "first_ts = ts, last_name = name, last_note = note) ");

        Random random = new Random(seed);
        Producer producer = new Producer(seed);
        DdlRunner ddl = new DdlRunner(seed);
        Thread producerThread = new Thread(producer, "crash-loop-producer");
        Thread ddlThread = new Thread(ddl, "crash-loop-ddl");
        producerThread.start();
        ddlThread.start();
        List<String> hits = new ArrayList<>();
        try {
            for (int kill = 1; kill <= kills; kill++) {
                Phase phase = kills <= SHORT_PHASES.size() ? SHORT_PHASES.get(kill - 1) : Phase.values()[(kill - 1) % Phase.values().length];
                Thread.sleep(200 + random.nextInt(longRun ? 3000 : 1500));
                String hit = killAt(phase, ddl, random);
                hits.add("kill " + kill + " (" + phase + "): " + hit);
                System.out.println("CrashLoopIT kill " + kill + " aimed at " + phase + ", hit: " + hit + "; " + producer.count() + " messages produced so far");
                cluster.startSluice();
                ddl.gate.lock();
                try {
                    assertCatalogConsistent();
                    ddl.acknowledged.check(new SqlClient(cluster, "ddl"));
                }
                finally {
                    ddl.gate.unlock();
                }
            }
        }
        finally {
            producer.stop();
            ddl.stop();
            producerThread.join();
            ddlThread.join();
        }
        if (producer.failure.get() != null) {
            throw new AssertionError("The producer failed", producer.failure.get());
        }
        List<Message> messages = producer.messages();
        ddl.acknowledged.check(new SqlClient(cluster, "ddl"));
        System.out.println("CrashLoopIT: " + messages.size() + " messages produced, " + ddl.statements + " DDL statements ("
                + ddl.acknowledged.acknowledged() + " acknowledged and checked after every kill, " + ddl.failures + " failed around kills; answered errors: " + ddl.sqlErrors + ")");

        Map<String, String> expectedDuplicate = columnSums(messages);
        Map<String, String> expectedPrimary = columnSums(latestById(messages));
        Map<Integer, Map<String, String>> expectedGroups = groups(messages);
        AtomicReference<String> last = new AtomicReference<>();
        try {
            SluiceCluster.awaitTrue("every table equals the topic", 300, () -> {
                Map<String, String> duplicate = sums("dup_t");
                Map<String, String> primary = sums("pk_t");
                Map<Integer, Map<String, String>> groups = aggregates();
                last.set("dup " + duplicate + " pk " + primary + " agg " + groups);
                return duplicate.equals(expectedDuplicate) && primary.equals(expectedPrimary) && groups.equals(expectedGroups);
            });
        }
        catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nexpected dup " + expectedDuplicate + " pk " + expectedPrimary + " agg " + expectedGroups
                    + "\nlast seen " + last.get() + "\nkills: " + hits, e);
        }
        assertThat(sums("dup_t")).isEqualTo(expectedDuplicate);
        assertThat(sums("pk_t")).isEqualTo(expectedPrimary);
        assertThat(aggregates()).isEqualTo(expectedGroups);
        for (String job : List.of("dup_load", "pk_load", "agg_load")) {
            Map<String, String> show = sql.show(job);
            assertThat(show.get("State")).as(job).isEqualTo("RUNNING");
            assertThat(show.get("Statistic")).as(job).contains("\"loadedRows\":" + messages.size()).contains("\"errorRows\":0");
        }
        assertCatalogConsistent();
        assertDdlJobsLoad();
        System.out.println("CrashLoopIT: seed " + seed + ", " + kills + " kills, " + messages.size() + " messages, "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s; " + String.join("; ", hits));
    }

    // ---- killing

    /** Kills Sluice at the phase (as well as the log lets us aim) and says what was in flight when it died. */
    private static String killAt(Phase phase, DdlRunner ddl, Random random)
            throws Exception
    {
        if (phase == Phase.RECOVERY) {
            // Once more while the new JVM starts: opening the storage, rebuilding the indexes, restarting the jobs.
            cluster.killSluice();
            cluster.launchSluice();
            Thread.sleep(300 + random.nextInt(2500));
        }
        Path log = cluster.sluiceLog();
        String aimed = switch (phase) {
            case RANDOM -> "random moment";
            case RECOVERY -> "restart (killed, started, killed again) " + (Files.readString(log).contains("Sluice is ready") ? "after it was ready" : "before it was ready");
            case COMMIT -> awaitLogLine(log, "Commit of version ", " started") ? "commit started" : "no commit seen in time";
            case COMPACTION -> awaitLogLine(log, "Compaction of ", " started") ? "compaction started" : "no compaction seen in time";
            case DDL -> ddl.awaitInFlight(30) ? "DDL sent" : "no DDL in time";
        };
        String ddlStatement = ddl.inFlight;
        cluster.killSluice();
        List<String> inFlight = new ArrayList<>();
        String commit = unfinished(log, "Commit of version ");
        if (commit != null) {
            inFlight.add("commit in flight (" + commit + ")");
        }
        String compaction = unfinished(log, "Compaction of ");
        if (compaction != null) {
            inFlight.add("compaction in flight (" + compaction + ")");
        }
        if (ddlStatement != null) {
            inFlight.add("DDL sent before the kill: " + ddlStatement);
        }
        return aimed + " -> " + (inFlight.isEmpty() ? "between operations" : String.join(", ", inFlight));
    }

    /** Waits (up to 30 s) for a new line of the log that contains both parts; polls the file every millisecond. */
    private static boolean awaitLogLine(Path log, String prefix, String suffix)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = file.length();
            StringBuilder pending = new StringBuilder();
            byte[] buffer = new byte[65_536];
            while (System.nanoTime() < deadline) {
                file.seek(position);
                int read = file.read(buffer);
                if (read <= 0) {
                    Thread.sleep(1);
                    continue;
                }
                position += read;
                pending.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline);
                    pending.delete(0, newline + 1);
                    if (line.contains(prefix) && line.contains(suffix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The last "... started" line of this kind that has no "... done" after it (killed in flight), or null. */
    private static String unfinished(Path log, String prefix)
            throws IOException
    {
        Map<String, String> open = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int start = line.indexOf(prefix);
            if (start < 0) {
                continue;
            }
            String text = line.substring(start);
            if (text.contains(" started")) {
                open.put(operationKey(text), text);
            }
            else if (text.contains(" done")) {
                open.remove(operationKey(text));
            }
        }
        return open.isEmpty() ? null : String.join(" / ", open.values());
    }

    /** "Commit of version 7 of table t" or "Compaction of 5 segments ... of table t": what a started and a done line share. */
    private static String operationKey(String text)
    {
        if (text.startsWith("Commit")) {
            return text.replace(" started", "").replace(" done", "");
        }
        return "compaction of table " + text.substring(text.indexOf(" of table ") + 10).split("[ :]")[0];
    }

    // ---- expected state, computed from the produced messages

    private static Map<String, String> columnSums(List<Message> messages)
    {
        long ids = 0;
        long groups = 0;
        long quantities = 0;
        long nameCharacters = 0;
        BigDecimal prices = BigDecimal.ZERO;
        long seconds = 0;
        long days = 0;
        long notes = 0;
        long noteCharacters = 0;
        for (Message message : messages) {
            ids += message.id();
            groups += message.group();
            quantities += message.quantity();
            nameCharacters += message.name().codePointCount(0, message.name().length());
            prices = prices.add(message.price());
            seconds += message.timestamp().getHour() * 3600L + message.timestamp().getMinute() * 60L + message.timestamp().getSecond();
            days += message.timestamp().getDayOfMonth();
            if (message.note() != null) {
                notes++;
                noteCharacters += message.note().length();
            }
        }
        Map<String, String> sums = new TreeMap<>();
        sums.put("c", Long.toString(messages.size()));
        sums.put("ids", messages.isEmpty() ? null : Long.toString(ids));
        sums.put("grps", messages.isEmpty() ? null : Long.toString(groups));
        sums.put("qtys", messages.isEmpty() ? null : Long.toString(quantities));
        sums.put("names", messages.isEmpty() ? null : Long.toString(nameCharacters));
        sums.put("prices", messages.isEmpty() ? null : prices.toPlainString());
        sums.put("secs", messages.isEmpty() ? null : Long.toString(seconds));
        sums.put("days", messages.isEmpty() ? null : Long.toString(days));
        sums.put("notes", Long.toString(notes));
        sums.put("notechars", notes == 0 ? null : Long.toString(noteCharacters));
        return sums;
    }

    /** PRIMARY KEY: the last message of each id wins (all messages of an id go to one partition, in order). */
    private static List<Message> latestById(List<Message> messages)
    {
        Map<Long, Message> latest = new HashMap<>();
        for (Message message : messages) {
            latest.put(message.id(), message);
        }
        return new ArrayList<>(latest.values());
    }

    /** AGGREGATE KEY: per group, SUM/MAX/MIN and REPLACE by the last message (a group lives in one partition). */
    private static Map<Integer, Map<String, String>> groups(List<Message> messages)
    {
        Map<Integer, List<Message>> byGroup = new TreeMap<>();
        for (Message message : messages) {
            byGroup.computeIfAbsent(message.group(), group -> new ArrayList<>()).add(message);
        }
        Map<Integer, Map<String, String>> expected = new TreeMap<>();
        for (Map.Entry<Integer, List<Message>> entry : byGroup.entrySet()) {
            long total = 0;
            int high = Integer.MIN_VALUE;
            int low = Integer.MAX_VALUE;
            BigDecimal topPrice = null;
            LocalDateTime firstTimestamp = null;
            for (Message message : entry.getValue()) {
                total += message.quantity();
                high = Math.max(high, message.quantity());
                low = Math.min(low, message.quantity());
                topPrice = topPrice == null || message.price().compareTo(topPrice) > 0 ? message.price() : topPrice;
                firstTimestamp = firstTimestamp == null || message.timestamp().isBefore(firstTimestamp) ? message.timestamp() : firstTimestamp;
            }
            Message last = entry.getValue().get(entry.getValue().size() - 1);
            Map<String, String> row = new TreeMap<>();
            row.put("total", Long.toString(total));
            row.put("hi", Integer.toString(high));
            row.put("lo", Integer.toString(low));
            row.put("top_price", topPrice.toPlainString());
            row.put("first_ts", DATETIME.format(firstTimestamp));
            row.put("last_name", last.name());
            row.put("last_note", last.note());
            expected.put(entry.getKey(), row);
        }
        return expected;
    }

    // ---- actual state, computed in SQL

    private static Map<String, String> sums(String table)
    {
        try {
            Map<String, String> row = sql.rows("select count(*) as c, sum(id) as ids, sum(grp) as grps, sum(qty) as qtys, sum(char_length(name)) as names, "
                    + "sum(price) as prices, sum(hour(ts) * 3600 + minute(ts) * 60 + second(ts)) as secs, sum(day(ts)) as days, "
                    + "count(note) as notes, sum(char_length(note)) as notechars from " + table).get(0);
            return new TreeMap<>(row);
        }
        catch (AssertionError e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private static Map<Integer, Map<String, String>> aggregates()
    {
        try {
            Map<Integer, Map<String, String>> groups = new TreeMap<>();
            for (Map<String, String> row : sql.rows("select grp, total, hi, lo, top_price, date_format(first_ts, '%Y-%m-%d %H:%i:%s') as first_ts, "
                    + "last_name, last_note from agg_t")) {
                Map<String, String> values = new TreeMap<>(row);
                int group = Integer.parseInt(values.remove("grp"));
                groups.put(group, values);
            }
            return groups;
        }
        catch (AssertionError e) {
            return Map.of(-1, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    // ---- the DDL side: after a restart every DDL is either fully done or not at all

    private static void assertCatalogConsistent()
    {
        SqlClient ddlSql = new SqlClient(cluster, "ddl");
        Set<String> shown = new HashSet<>();
        for (Map<String, String> row : ddlSql.rows("show tables")) {
            shown.add(row.values().iterator().next());
        }
        Set<String> informationSchema = new HashSet<>();
        for (Map<String, String> row : ddlSql.rows("select table_name from information_schema.tables where table_schema = 'ddl'")) {
            informationSchema.add(row.values().iterator().next());
        }
        assertThat(informationSchema).as("information_schema.tables vs SHOW TABLES").isEqualTo(shown);
        for (String table : shown) {
            // Every listed table answers a query: its files and its catalog entry agree.
            ddlSql.value("select count(*) from " + table);
        }
        for (Map<String, String> job : ddlSql.rows("show all routine load from ddl")) {
            String state = job.get("State");
            if (!state.equals("STOPPED") && !state.equals("CANCELLED")) {
                assertThat(shown).as("table of live job " + job.get("Name") + " (" + state + ")").contains(job.get("TableName"));
            }
        }
    }

    /** Every live job of the DDL database, resumed if a kill left it paused, loads its topic exactly once. */
    private static void assertDdlJobsLoad()
    {
        SqlClient ddlSql = new SqlClient(cluster, "ddl");
        List<String> tables = new ArrayList<>();
        for (Map<String, String> job : ddlSql.rows("show routine load from ddl")) {
            if (job.get("State").equals("PAUSED")) {
                ddlSql.execute("resume routine load for " + job.get("Name"));
            }
            tables.add(job.get("TableName"));
        }
        String expected = SqlClient.expectedCountAndSum(DDL_TOPIC_MESSAGES);
        for (String table : tables) {
            SluiceCluster.awaitTrue("ddl." + table + " loaded once", 120, () -> {
                try {
                    return ddlSql.countAndSum(table).equals(expected);
                }
                catch (AssertionError e) {
                    return false;
                }
            });
        }
        System.out.println("CrashLoopIT: " + tables.size() + " live jobs in the DDL database, each loaded its " + DDL_TOPIC_MESSAGES + " messages once");
    }

    /** Creates and drops tables and jobs, pauses, alters and resumes them, in the database ddl, until stopped. */
    private static final class DdlRunner
            implements Runnable
    {
        private final Random random;
        /** Held around each statement, and by the catalog check so that it sees no DDL half-way. */
        final ReentrantLock gate = new ReentrantLock();
        private volatile boolean stopped;
        volatile String inFlight;
        volatile int statements;
        volatile int failures;
        final AcknowledgedStatements acknowledged = new AcknowledgedStatements();
        /** Errors Sluice answered (rather than connections it refused), by message with the numbers masked. */
        final Map<String, Integer> sqlErrors = new java.util.concurrent.ConcurrentSkipListMap<>();

        DdlRunner(long seed)
        {
            this.random = new Random(seed ^ 0xDD1L);
        }

        @Override
        public void run()
        {
            SqlClient ddlSql = new SqlClient(cluster, "ddl");
            for (int step = 0; !stopped; step++) {
                List<String> stepStatements = List.of(
                        "create table t" + step + " (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1",
                        "CREATE ROUTINE LOAD j" + step + " ON t" + step + " PROPERTIES (\"format\" = \"json\", \"max_batch_interval\" = \"1\") FROM KAFKA ("
                                + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + DDL_TOPIC + "\", "
                                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")",
                        "pause routine load for j" + step,
                        "alter routine load for j" + step + " PROPERTIES (\"max_batch_rows\" = \"" + (1000 + step) + "\")",
                        "resume routine load for j" + step,
                        // online ALTER TABLE while the job loads
                        "alter table t" + step + " add column c" + step + " int NULL DEFAULT '7'",
                        // every other table is dropped with its job paused
                        step >= 2 && step % 2 == 0 ? "pause routine load for j" + (step - 2) : "select 1",
                        "drop table if exists t" + (step - 2),
                        "insert into crash.acks values (" + step + ")",
                        "create user 'u" + step + "'@'%' identified by 'secret'",
                        "grant select on ddl.* to 'u" + step + "'@'%'");
                for (String statement : stepStatements) {
                    if (stopped) {
                        return;
                    }
                    pause(random.nextInt(150));
                    boolean failed = false;
                    gate.lock();
                    try {
                        inFlight = statement;
                        ddlSql.execute(statement);
                        acknowledged.applied(statement);
                    }
                    catch (AssertionError e) {
                        // Sluice was killed or is restarting (the statement is either fully done or not at all), or an
                        // earlier statement of this step was lost with a kill (e.g. PAUSE of a job never created).
                        failures++;
                        failed = true;
                        if (e.getCause() instanceof SQLException error && error.getErrorCode() > 0) {
                            // answered with an error: nothing changed
                            sqlErrors.merge(error.getErrorCode() + " " + error.getMessage().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                        }
                        else {
                            acknowledged.unknown(statement);
                        }
                    }
                    finally {
                        inFlight = null;
                        statements++;
                        gate.unlock();
                    }
                    if (failed) {
                        awaitSluice(ddlSql);
                    }
                }
            }
        }

        boolean awaitInFlight(long seconds)
                throws InterruptedException
        {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (inFlight == null) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.onSpinWait();
            }
            return true;
        }

        private void awaitSluice(SqlClient ddlSql)
        {
            while (!stopped) {
                try {
                    ddlSql.value("select 1");
                    return;
                }
                catch (AssertionError notYet) {
                    pause(100);
                }
            }
        }

        void stop()
        {
            stopped = true;
        }

        private static void pause(long millis)
        {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- producing

    /** Produces messages continuously (about 1,000 a second), a quarter of them updates of earlier ids, until stopped. */
    private static final class Producer
            implements Runnable
    {
        private final Random random;
        private final List<Message> messages = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stopped;
        private volatile int count;

        Producer(long seed)
        {
            this.random = new Random(seed ^ 0x9E3779B97F4A7C15L);
        }

        @Override
        public void run()
        {
            long nextId = 0;
            try (KafkaProducer<String, String> producer = producer()) {
                while (!stopped) {
                    for (int i = 0; i < 50; i++) {
                        long id = nextId > 10 && random.nextInt(4) == 0 ? random.nextLong(nextId) : nextId++;
                        Message message = message(id);
                        messages.add(message);
                        producer.send(new ProducerRecord<>(TOPIC, message.partition(), Long.toString(id), message.json()), (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                            }
                        });
                    }
                    count = messages.size();
                    Thread.sleep(50);
                }
                producer.flush();
            }
            catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        private Message message(long id)
        {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                // Now and then a two-byte character, so that char_length and the byte length differ.
                name.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
            }
            String note = random.nextInt(10) < 3 ? null : "note" + random.nextInt(1000);
            return new Message(id, (int) (id % GROUPS), random.nextInt(2001) - 1000, name.toString(), BigDecimal.valueOf(random.nextInt(10_000_000), 2),
                    EPOCH.plusSeconds(random.nextInt(30 * 86_400)), note);
        }

        int count()
        {
            return count;
        }

        void stop()
        {
            stopped = true;
        }

        /** After the thread ended. */
        List<Message> messages()
        {
            return List.copyOf(messages);
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

    private static void createJob(String job, String table, String loadProperties)
    {
        sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " " + loadProperties + "PROPERTIES (\"format\" = \"json\", \"desired_concurrent_number\" = \"3\", "
                + "\"max_batch_interval\" = \"1\", \"max_batch_rows\" = \"500\") FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", "
                + "\"kafka_topic\" = \"" + TOPIC + "\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
    }

}
