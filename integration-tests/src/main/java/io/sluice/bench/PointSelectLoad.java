package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * The point-select client, the same code for every server: N threads, each with its own connection and prepared
 * statement ({@code SELECT * FROM users WHERE id = ?}, Connector/J's client-side prepare), random ids from 1..rows,
 * every answer checked. A warm-up period first; then requests that start inside the measured period are timed.
 */
final class PointSelectLoad
{
    static final String QUERY = "SELECT * FROM users WHERE id = ?";
    private static final long SEED = 20231110;
    /** How long past the end a thread may still be finishing its last request before the run is abandoned. */
    private static final long STRAGGLER_SECONDS = 600;

    /** Opens one client connection to the server under test. */
    interface Connector
    {
        Connection connect()
                throws SQLException;
    }

    record Result(long queries, double seconds, Latencies latencies, int failedThreads, String firstFailure)
    {
        Result
        {
            requireNonNull(latencies, "latencies is null");
        }

        double queriesPerSecond()
        {
            return seconds > 0 ? queries / seconds : 0;
        }
    }

    private PointSelectLoad() {}

    static Result run(Connector connector, long rows, int threads, double warmupSeconds, double seconds)
            throws InterruptedException
    {
        if (rows < 1 || threads < 1 || seconds <= 0 || warmupSeconds < 0) {
            throw new IllegalArgumentException("rows, threads and seconds must be positive");
        }
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Schedule schedule = new Schedule();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Worker>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                Worker worker = new Worker(connector, rows, new SplittableRandom(SEED + thread), ready, go, schedule);
                futures.add(executor.submit(worker::call));
            }
            if (!ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The point-select clients did not connect within 120 s");
            }
            long now = System.nanoTime();
            schedule.measureFrom = now + (long) (warmupSeconds * 1e9);
            schedule.end = schedule.measureFrom + (long) (seconds * 1e9);
            // The latch publishes the schedule to the workers.
            go.countDown();

            List<Latencies> latencies = new ArrayList<>();
            long lastFinish = schedule.measureFrom;
            int failedThreads = 0;
            String firstFailure = null;
            long waitUntil = schedule.end + TimeUnit.SECONDS.toNanos(STRAGGLER_SECONDS);
            for (Future<Worker> future : futures) {
                Worker worker = future.get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
                latencies.add(worker.latencies);
                lastFinish = Math.max(lastFinish, worker.lastFinish);
                if (worker.failure != null) {
                    failedThreads++;
                    firstFailure = firstFailure == null ? worker.failure : firstFailure;
                }
            }
            Latencies merged = Latencies.merge(latencies);
            return new Result(merged.count(), (lastFinish - schedule.measureFrom) / 1e9, merged, failedThreads, firstFailure);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("A point-select client failed: " + Measurement.reason(e.getCause()), e.getCause());
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("The point-select clients did not finish within " + STRAGGLER_SECONDS + " s after the end");
        }
        finally {
            go.countDown();
            executor.shutdownNow();
        }
    }

    private static final class Schedule
    {
        private long measureFrom;
        private long end;
    }

    private static final class Worker
    {
        private final Connector connector;
        private final long rows;
        private final SplittableRandom random;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final Schedule schedule;
        private final Latencies latencies = new Latencies();
        private long lastFinish;
        private String failure;

        private Worker(Connector connector, long rows, SplittableRandom random, CountDownLatch ready, CountDownLatch go, Schedule schedule)
        {
            this.connector = connector;
            this.rows = rows;
            this.random = random;
            this.ready = ready;
            this.go = go;
            this.schedule = schedule;
        }

        private Worker call()
                throws InterruptedException
        {
            boolean connected = false;
            try (Connection connection = connector.connect();
                    PreparedStatement statement = connection.prepareStatement(QUERY)) {
                connected = true;
                ready.countDown();
                go.await();
                long measureFrom = schedule.measureFrom;
                long end = schedule.end;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return this;
                    }
                    long id = 1 + random.nextLong(rows);
                    statement.setLong(1, id);
                    try (ResultSet resultSet = statement.executeQuery()) {
                        check(resultSet, id);
                    }
                    long finish = System.nanoTime();
                    if (start >= measureFrom) {
                        latencies.record(finish - start);
                        lastFinish = finish;
                    }
                }
            }
            catch (SQLException | RuntimeException e) {
                // One failed request stops this client: the figures of a server that returns errors are not comparable.
                failure = Measurement.reason(e);
                if (!connected) {
                    ready.countDown();
                }
                return this;
            }
        }

        private static void check(ResultSet resultSet, long id)
                throws SQLException
        {
            if (!resultSet.next()) {
                throw new IllegalStateException("no row for id " + id);
            }
            if (resultSet.getLong(1) != id || resultSet.getString(2) == null) {
                throw new IllegalStateException("wrong row for id " + id + ": " + resultSet.getLong(1));
            }
            resultSet.getString(3);
            resultSet.getString(4);
            if (resultSet.next()) {
                throw new IllegalStateException("more than one row for id " + id);
            }
        }
    }
}
