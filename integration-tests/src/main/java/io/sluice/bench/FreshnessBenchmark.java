package io.sluice.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.sql.Connection;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Freshness: a producer writes Story A messages with increasing ids at a fixed rate while a client polls
 * {@code select max(id)}; an id is visible when max(id) reaches it, and its latency is the time from its send to
 * the poll that first saw it. Reports the latency percentiles under default job properties.
 */
final class FreshnessBenchmark
        implements Benchmark
{
    private static final String TOPIC = "freshness";

    @Override
    public String name()
    {
        return "freshness";
    }

    @Override
    public String method()
    {
        return "a producer sends Story A messages with increasing ids at a fixed rate for a fixed time to an empty topic loaded by a "
                + "routine load (default job properties) into a PRIMARY KEY table; one JDBC client polls select max(id) back to back; "
                + "latency of an id = time of the first poll that returned max(id) >= id minus its send time (includes the poll's own duration).";
    }

    @Override
    public void run(BenchContext context)
            throws Exception
    {
        BenchOptions options = context.options();
        int total = Math.multiplyExact(options.freshnessRate(), options.freshnessSeconds());
        TopicLoader.createTopic(context.bootstrapServers(), TOPIC, options.partitions());
        try (SluiceProcess sluice = context.startSluice("freshness");
                Connection connection = sluice.connect(null)) {
            SluiceJobs.execute(connection, "create database bench");
            SluiceJobs.execute(connection, "use bench");
            SluiceJobs.execute(connection, SluiceJobs.usersTable("users", "PRIMARY KEY"));
            SluiceJobs.execute(connection, SluiceJobs.jsonJob("load_users", "users", context.bootstrapServers(), TOPIC));
            // The job is ready once its task has pinned a start offset on every partition.
            awaitJobStarted(connection, options.partitions());

            // Warm the poll query (planner, JIT) so the first polls do not count a cold start as latency.
            for (int i = 0; i < 5; i++) {
                SluiceJobs.queryLong(connection, "select max(id) from users");
            }

            long[] sentNanos = new long[total + 1];
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    produce(context.bootstrapServers(), options, total, sentNanos);
                }
                catch (Throwable e) {
                    producerFailure.set(e);
                }
            }, "freshness-producer");
            long start = System.nanoTime();
            producer.start();

            long[] latencies = new long[total];
            long[] pollNanos = new long[1 << 16];
            int polls = 0;
            long lastSeen = 0;
            long deadline = start + (options.freshnessSeconds() + 120L) * 1_000_000_000L;
            while (lastSeen < total && System.nanoTime() < deadline && producerFailure.get() == null) {
                long pollStart = System.nanoTime();
                long maximum = SluiceJobs.queryLong(connection, "select max(id) from users");
                long now = System.nanoTime();
                if (polls < pollNanos.length) {
                    pollNanos[polls] = now - pollStart;
                }
                polls++;
                for (long id = lastSeen + 1; id <= Math.min(maximum, total); id++) {
                    latencies[(int) id - 1] = now - sentNanos[(int) id];
                }
                lastSeen = Math.max(lastSeen, Math.min(maximum, total));
            }
            producer.join();
            if (producerFailure.get() != null) {
                throw new IllegalStateException("The freshness producer failed", producerFailure.get());
            }
            if (lastSeen < total) {
                throw new IllegalStateException("Only " + lastSeen + " of " + total + " messages became visible");
            }
            double producedSeconds = (sentNanos[total] - start) / 1e9;
            Arrays.sort(latencies);
            long[] pollDurations = Arrays.copyOf(pollNanos, Math.min(polls, pollNanos.length));
            Arrays.sort(pollDurations);
            context.report().add(BenchResult.builder("freshness", "sluice: primary key, json, default job properties")
                    .add("messages", (long) total)
                    .add("rate msg/s", total / producedSeconds)
                    .add("p50 ms", percentile(latencies, 0.50) / 1e6)
                    .add("p95 ms", percentile(latencies, 0.95) / 1e6)
                    .add("p99 ms", percentile(latencies, 0.99) / 1e6)
                    .add("max ms", latencies[latencies.length - 1] / 1e6)
                    .add("polls", (long) polls)
                    .add("median poll ms", percentile(pollDurations, 0.50) / 1e6)
                    .add("target p99 ms", 1000L)
                    .build());
        }
    }

    private static void awaitJobStarted(Connection connection, int partitions)
            throws Exception
    {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (SluiceJobs.positionedPartitions(connection, "load_users") < partitions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The freshness job did not start within 120 s");
            }
            SluiceProcess.sleep(50);
        }
    }

    /** Sends ids 1..total at the configured rate, pacing every millisecond, recording each send time. */
    private static void produce(String bootstrapServers, BenchOptions options, int total, long[] sentNanos)
    {
        double perNano = options.freshnessRate() / 1e9;
        int partitions = options.partitions();
        try (KafkaProducer<byte[], byte[]> producer = TopicLoader.producer(bootstrapServers)) {
            long start = System.nanoTime();
            int sent = 0;
            while (sent < total) {
                long due = Math.min(total, (long) ((System.nanoTime() - start) * perNano) + 1);
                while (sent < due) {
                    sent++;
                    sentNanos[sent] = System.nanoTime();
                    producer.send(new ProducerRecord<>(TOPIC, sent % partitions, null, Messages.user(sent)));
                }
                LockSupport.parkNanos(1_000_000);
            }
            producer.flush();
        }
    }

    private static double percentile(long[] sorted, double fraction)
    {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
