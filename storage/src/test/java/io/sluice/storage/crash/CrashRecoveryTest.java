package io.sluice.storage.crash;

import io.sluice.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM with SIGKILL at random points while it commits to DUPLICATE, AGGREGATE and PRIMARY KEY tables and
 * compacts them, reopens the store each time, and checks that every table holds exactly a prefix of the batches:
 * every acknowledged batch, at most one more (the commit in flight may have reached the metadata before the kill),
 * never a partial or repeated one. Files of unpublished commits and compactions must be gone after reopening.
 */
class CrashRecoveryTest
{
    private static final String END = "<end>";
    private static final int KILLS = Integer.getInteger("sluice.crash.kills", 4);

    @TempDir
    Path directory;

    @Test
    void exactlyTheCommittedBatchesSurviveSigkill()
            throws Exception
    {
        long seed = Long.getLong("sluice.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Long> acknowledged = new HashMap<>(Map.of("dup", 0L, "agg", 0L, "pk", 0L));
        for (int kill = 0; kill < KILLS; kill++) {
            Process worker = start(Long.MAX_VALUE);
            // A reader thread drains the output continuously; after SIGKILL it still reads what the pipe holds.
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader output = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        lines.add(line);
                    }
                }
                catch (IOException ignored) {
                    // the pipe ends with the process
                }
                lines.add(END);
            });
            reader.start();
            assertThat(lines.poll(60, TimeUnit.SECONDS)).as("seed %s", seed).startsWith("ready");
            // Let it run a random number of commits, then kill it mid-stream (the next commit is under way).
            int commits = 3 + random.nextInt(40);
            for (int i = 0; i < commits; i++) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("worker output (seed %s)", seed).isNotNull().isNotEqualTo(END);
                record(acknowledged, line);
            }
            if (random.nextBoolean()) {
                Thread.sleep(random.nextInt(15));
            }
            new ProcessBuilder("kill", "-9", Long.toString(worker.pid())).start().waitFor();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(30_000);
            // Acknowledgements printed before the kill landed still count.
            for (String line = lines.poll(); line != null && !line.equals(END); line = lines.poll()) {
                record(acknowledged, line);
            }
            verify(acknowledged, seed);
        }
        // A clean run to the end still works on the recovered store.
        Process worker = start(5);
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isZero();
    }

    private Process start(long rounds)
            throws IOException
    {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(), directory.toString(), Long.toString(rounds))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void record(Map<String, Long> acknowledged, String line)
    {
        if (line.startsWith("ack ")) {
            String[] parts = line.split(" ");
            acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
        }
    }

    private void verify(Map<String, Long> acknowledged, long seed)
    {
        try (Storage storage = Storage.open(directory)) {
            Map<Long, Integer> duplicate = CrashWorkload.duplicateBatches(storage);
            long lastDuplicate = CrashWorkload.lastDuplicateBatch(storage);
            assertThat(lastDuplicate).as("dup batches (seed %s)", seed).isBetween(acknowledged.get("dup"), acknowledged.get("dup") + 1);
            assertThat(duplicate).as("dup holds each batch once, whole (seed %s)", seed).hasSize((int) lastDuplicate);
            for (long batch = 1; batch <= lastDuplicate; batch++) {
                assertThat(duplicate.get(batch)).as("rows of dup batch %s (seed %s)", batch, seed).isEqualTo(CrashWorkload.ROWS);
            }

            long lastAggregate = CrashWorkload.lastAggregateBatch(storage);
            assertThat(lastAggregate).as("agg batches (seed %s)", seed).isBetween(acknowledged.get("agg"), acknowledged.get("agg") + 1);
            Map<Long, long[]> aggregate = CrashWorkload.aggregateContent(storage);
            if (lastAggregate > 0) {
                assertThat(aggregate).hasSize(CrashWorkload.AGGREGATE_KEYS);
                for (long key = 0; key < CrashWorkload.AGGREGATE_KEYS; key++) {
                    long[] row = aggregate.get(key);
                    long expectedTotal = 1000 * lastAggregate * (lastAggregate + 1) / 2 + key * lastAggregate;
                    assertThat(List.of(row[0], row[1], row[2])).as("agg key %s (seed %s)", key, seed).containsExactly(lastAggregate, expectedTotal, lastAggregate);
                }
            }

            long lastPrimary = CrashWorkload.lastPrimaryBatch(storage);
            assertThat(lastPrimary).as("pk batches (seed %s)", seed).isBetween(acknowledged.get("pk"), acknowledged.get("pk") + 1);
            assertThat(CrashWorkload.primaryContent(storage)).as("pk content (seed %s)", seed).isEqualTo(CrashWorkload.expectedPrimary(lastPrimary));
        }
    }
}
