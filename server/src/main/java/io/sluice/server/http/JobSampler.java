package io.sluice.server.http;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Samples every routine load job at a fixed interval (rows/s since the previous sample, offset lag, lag in seconds)
 * into a {@link SampleRing} per job, for the console's graphs of the last hour. Jobs that disappear are forgotten.
 */
public final class JobSampler
        implements AutoCloseable
{
    public static final long DEFAULT_INTERVAL_MILLIS = 5_000;
    public static final int DEFAULT_CAPACITY = 720;

    private static final Logger log = LoggerFactory.getLogger(JobSampler.class);

    private final RoutineLoadManager manager;
    private final long serverStartMillis;
    private final long intervalMillis;
    private final int capacity;
    private final Map<Long, JobHistory> histories = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public JobSampler(RoutineLoadManager manager, long serverStartMillis, long intervalMillis, int capacity)
    {
        this.manager = requireNonNull(manager, "manager is null");
        this.serverStartMillis = serverStartMillis;
        if (intervalMillis <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("interval and capacity must be positive");
        }
        this.intervalMillis = intervalMillis;
        this.capacity = capacity;
    }

    public synchronized void start()
    {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-http-sampler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::sampleQuietly, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public long intervalMillis()
    {
        return intervalMillis;
    }

    private void sampleQuietly()
    {
        try {
            sample(System.currentTimeMillis());
        }
        catch (RuntimeException e) {
            // A failed sample must not end the schedule (a scheduled task that throws is never run again).
            log.warn("Sampling routine load jobs failed", e);
        }
    }

    /** Takes one sample of every job, as of {@code nowMillis}. */
    void sample(long nowMillis)
    {
        List<RoutineLoadJob> jobs = manager.jobs();
        Set<Long> present = new HashSet<>();
        for (RoutineLoadJob job : jobs) {
            present.add(job.id());
            histories.computeIfAbsent(job.id(), id -> new JobHistory(capacity)).sample(job, nowMillis, serverStartMillis);
        }
        histories.keySet().retainAll(present);
    }

    /** The samples of one job, oldest first; empty before its first sample. */
    Optional<SampleRing.Samples> samples(long jobId)
    {
        return Optional.ofNullable(histories.get(jobId)).map(history -> history.ring.snapshot());
    }

    @Override
    public synchronized void close()
    {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private static final class JobHistory
    {
        private final SampleRing ring;
        private long previousRows = -1;
        private long previousMillis;

        JobHistory(int capacity)
        {
            ring = new SampleRing(capacity);
        }

        // Called by the one sampler thread (or a test): no locking beyond the ring's.
        synchronized void sample(RoutineLoadJob job, long nowMillis, long serverStartMillis)
        {
            long rows = job.counters().loadedRows();
            double rate = 0;
            // The first sample has nothing to compare with; a restored job's counters may go back.
            if (previousRows >= 0 && nowMillis > previousMillis && rows >= previousRows) {
                rate = (rows - previousRows) * 1000.0 / (nowMillis - previousMillis);
            }
            previousRows = rows;
            previousMillis = nowMillis;
            JobLag lag = JobLag.of(job, nowMillis, serverStartMillis);
            ring.add(nowMillis, rate, lag.totalOffsetLag(), lag.lagSeconds());
        }
    }
}
