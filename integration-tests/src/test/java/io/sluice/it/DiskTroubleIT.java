package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Disk trouble at commit time, on real file systems: Sluice (a JVM of its own) keeps its data directory (the H2
 * metadata and the log) on one tmpfs and its tables directory on another, mounted inside it. The tables' disk becomes
 * full, then read-only; then the metadata's disk becomes full. Each time the jobs pause with the reason (errCode and the
 * operating system's message), SELECT keeps answering with exactly the committed rows, a restart keeps them, and RESUME
 * once the disk is fine loads the rest exactly once. Mounting needs root (CI runs as root); otherwise the class is
 * skipped. The long version ({@code -Dsluice.reliability.long=true}) runs more rounds with more messages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskTroubleIT
{
    private static final String DATABASE = "disk";
    private static final String LONG_PROPERTY = "sluice.reliability.long";
    private static final boolean LONG = Boolean.getBoolean(LONG_PROPERTY);
    /** Messages per step; the long version adds rounds too. */
    private static final int STEP = LONG ? 20_000 : 1000;
    private static final int ROUNDS = LONG ? 3 : 1;

    @TempDir
    static Path directory;

    private static Path dataMount;
    private static Path tablesMount;
    private static SluiceCluster cluster;
    private static SqlClient sql;

    @BeforeAll
    static void start()
            throws Exception
    {
        assumeTrue(isRoot(), "DiskTroubleIT mounts tmpfs file systems and needs root (CI runs as root); skipped as " + System.getProperty("user.name"));
        dataMount = directory.resolve("sluice");
        tablesMount = dataMount.resolve("tables");
        Files.createDirectories(dataMount);
        run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", dataMount.toString());
        Files.createDirectories(tablesMount);
        run("mount", "-t", "tmpfs", "-o", "size=" + (LONG ? 64 : 16) + "m", "tmpfs", tablesMount.toString());
        cluster = SluiceCluster.withSluiceProcess(directory);
        new SqlClient(cluster, null).execute("create database " + DATABASE);
        sql = new SqlClient(cluster, DATABASE);
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        try {
            if (cluster != null) {
                cluster.close();
            }
        }
        finally {
            if (tablesMount != null) {
                unmount(tablesMount);
            }
            if (dataMount != null) {
                unmount(dataMount);
            }
        }
    }

    @Test
    @Order(1)
    void tablesDiskFullAtCommitTime()
            throws Exception
    {
        Loads loads = new Loads("full");
        for (int round = 0; round < ROUNDS; round++) {
            Path filler = fill(tablesMount);
            loads.produceAndExpectPause("No space left on device");
            // Restarted while the disk is still full: the committed rows come back, nothing half-written with them.
            cluster.restartSluice();
            loads.checkCommitted();
            Files.delete(filler);
            loads.resumeAndExpectEverything();
        }
        if (LONG) {
            cluster.restartSluice();
            loads.checkCommitted();
        }
    }

    @Test
    @Order(2)
    void tablesDiskReadOnlyAtCommitTime()
            throws Exception
    {
        Loads loads = new Loads("readonly");
        for (int round = 0; round < ROUNDS; round++) {
            remount(tablesMount, "ro");
            try {
                loads.produceAndExpectPause("Read-only file system");
                if (LONG) {
                    cluster.restartSluice();
                    loads.checkCommitted();
                }
            }
            finally {
                remount(tablesMount, "rw");
            }
            loads.resumeAndExpectEverything();
        }
        cluster.restartSluice();
        loads.checkCommitted();
    }

    /** H2 closes its database when a write fails; Sluice must pause the jobs, keep answering, and open it again later. */
    @Test
    @Order(3)
    void metadataDiskFullAtCommitTime()
            throws Exception
    {
        Loads loads = new Loads("metadata");
        for (int round = 0; round < ROUNDS; round++) {
            Path filler = fill(dataMount);
            try {
                // H2 may still find room inside its file for a while: messages keep coming until a commit fails.
                loads.produceUntilPaused();
                Map<String, String> paused = sql.show(loads.duplicateJob);
                assertThat(paused.get("ReasonOfStateChanged")).startsWith("ErrorReason{errCode = 104, msg='").contains("Metadata store failed");
                System.out.printf("DiskTroubleIT %s: %s%n", loads.duplicateJob, paused.get("ReasonOfStateChanged"));
                loads.checkCommitted();
                assertThat(sql.value("select 1")).isEqualTo("1");
                // DDL needs the metadata: a clean error, not a dead server.
                try {
                    sql.execute("create table " + loads.prefix + "_other (id bigint NOT NULL) DUPLICATE KEY (id)");
                }
                catch (AssertionError expected) {
                    assertThat(expected.getMessage()).contains("Metadata store failed");
                    System.out.printf("DiskTroubleIT DDL: %s%n", expected.getMessage());
                }
            }
            finally {
                Files.deleteIfExists(filler);
            }
            loads.resumeAndExpectEverything();
        }
        cluster.restartSluice();
        loads.checkCommitted();
    }

    /** Two tables (DUPLICATE and PRIMARY KEY) loaded from one topic by two JSON jobs, with what was produced so far. */
    private static final class Loads
    {
        private final String prefix;
        private final String topic;
        private final String duplicateJob;
        private final String primaryJob;
        private long produced;

        Loads(String prefix)
        {
            this.prefix = prefix;
            this.topic = prefix + "_events";
            this.duplicateJob = prefix + "_log_load";
            this.primaryJob = prefix + "_users_load";
            cluster.createTopic(topic, 2);
            sql.execute("create table " + prefix + "_log (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
            sql.execute("create table " + prefix + "_users (id bigint NOT NULL, name string NULL) PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
            createJob(duplicateJob, prefix + "_log");
            createJob(primaryJob, prefix + "_users");
            produce(STEP);
            awaitAll();
        }

        private void createJob(String job, String table)
        {
            sql.execute("CREATE ROUTINE LOAD " + job + " ON " + table + " PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \""
                    + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")");
        }

        private void produce(int count)
        {
            List<String> messages = new ArrayList<>(count);
            for (long id = produced; id < produced + count; id++) {
                messages.add(RoutineLoadFailuresIT.user(id));
            }
            cluster.produce(topic, messages);
            produced += count;
        }

        private void awaitAll()
        {
            String expected = SqlClient.expectedCountAndSum(produced);
            SluiceCluster.awaitTrue(produced + " rows in both tables", 120,
                    () -> sql.countAndSum(prefix + "_log").equals(expected) && sql.countAndSum(prefix + "_users").equals(expected));
        }

        void produceAndExpectPause(String osMessage)
        {
            produce(STEP);
            for (String job : List.of(duplicateJob, primaryJob)) {
                Map<String, String> paused = sql.awaitShow(job, job + " PAUSED", row -> row.get("State").equals("PAUSED"));
                assertThat(paused.get("ReasonOfStateChanged")).startsWith("ErrorReason{errCode = 104, msg='Task ").contains(osMessage);
                System.out.printf("DiskTroubleIT %s: %s%n", job, paused.get("ReasonOfStateChanged"));
            }
            checkCommitted();
        }

        void produceUntilPaused()
        {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!isPaused(duplicateJob) || !isPaused(primaryJob)) {
                assertThat(System.nanoTime() - deadline).as("both jobs paused within 120 s").isNegative();
                produce(STEP / 10);
                SluiceCluster.awaitTrue("a commit or a pause", () -> isPaused(duplicateJob) && isPaused(primaryJob) || caughtUp(duplicateJob) && caughtUp(primaryJob));
            }
        }

        private boolean isPaused(String job)
        {
            return sql.show(job).get("State").equals("PAUSED");
        }

        private boolean caughtUp(String job)
        {
            return sql.show(job).get("Statistic").contains("\"loadedRows\":" + produced + ",");
        }

        /** SELECT sees exactly what each job says it committed: a prefix of each partition, never part of a batch. */
        void checkCommitted()
        {
            for (String job : List.of(duplicateJob, primaryJob)) {
                String table = job.equals(duplicateJob) ? prefix + "_log" : prefix + "_users";
                Map<String, String> show = sql.show(job);
                long loaded = loadedRows(show.get("Statistic"));
                assertThat(show.get("Statistic")).contains("\"errorRows\":0,");
                assertThat(sql.value("select count(*) from " + table)).isEqualTo(Long.toString(loaded));
                assertThat(sql.value("select count(distinct id) from " + table)).isEqualTo(Long.toString(loaded));
                assertThat(loaded).isLessThanOrEqualTo(produced);
            }
        }

        void resumeAndExpectEverything()
        {
            sql.execute("RESUME ROUTINE LOAD FOR " + duplicateJob);
            sql.execute("RESUME ROUTINE LOAD FOR " + primaryJob);
            produce(STEP);
            awaitAll();
            for (String job : List.of(duplicateJob, primaryJob)) {
                Map<String, String> show = sql.awaitShow(job, job + " RUNNING", row -> row.get("State").equals("RUNNING"));
                assertThat(show.get("Statistic")).contains("\"loadedRows\":" + produced + ",").contains("\"errorRows\":0,");
            }
            checkCommitted();
        }
    }

    private static long loadedRows(String statistic)
    {
        int start = statistic.indexOf("\"loadedRows\":") + "\"loadedRows\":".length();
        int end = start;
        while (end < statistic.length() && Character.isDigit(statistic.charAt(end))) {
            end++;
        }
        return Long.parseLong(statistic.substring(start, end));
    }

    /** Fills the file system until it refuses a write; returns the filler to delete. */
    private static Path fill(Path mount)
            throws IOException
    {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        }
        catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        // The last partial block may have left a few KB: fill them too.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block, 0, 512);
            }
        }
        catch (IOException full) {
            // Full to the byte.
        }
        return filler;
    }

    private static void remount(Path mount, String mode)
            throws Exception
    {
        // A file open for writing (a segment being written by compaction) makes a read-only remount busy for a moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                run("mount", "-o", "remount," + mode, mount.toString());
                return;
            }
            catch (IllegalStateException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void unmount(Path mount)
            throws Exception
    {
        try {
            run("umount", mount.toString());
        }
        catch (IllegalStateException busy) {
            run("umount", "-l", mount.toString());
        }
    }

    private static boolean isRoot()
    {
        try {
            Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && output.equals("0");
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String... command)
            throws Exception
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
