package io.sluice.loader.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

import static java.util.Objects.requireNonNull;

/**
 * A fixed-bucket histogram of non-negative values, cheap enough for a commit path or every statement: one
 * {@link #observe} is a short scan of the bounds and two atomic additions, and allocates nothing. Readers take a
 * {@link #snapshot()} with cumulative counts, as Prometheus' {@code _bucket{le="..."}} series want them.
 */
public final class Histogram
{
    /** Seconds from 1 ms to 5 minutes: commit latency, query latency and freshness all fall in this range. */
    public static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final double[] upperBounds;
    // Not cumulative: bucket i counts values in (upperBounds[i - 1], upperBounds[i]]; the last one is +Inf.
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();

    public Histogram(double[] upperBounds)
    {
        requireNonNull(upperBounds, "upperBounds is null");
        if (upperBounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i])) {
                throw new IllegalArgumentException("bucket bounds must be finite (+Inf is implied): " + upperBounds[i]);
            }
            if (i > 0 && upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new AtomicLongArray(upperBounds.length + 1);
    }

    public void observe(double value)
    {
        if (Double.isNaN(value)) {
            return;
        }
        int bucket = 0;
        while (bucket < upperBounds.length && value > upperBounds[bucket]) {
            bucket++;
        }
        counts.incrementAndGet(bucket);
        sum.add(value);
    }

    public void observeNanos(long nanos)
    {
        observe(nanos / 1e9);
    }

    public Snapshot snapshot()
    {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return new Snapshot(upperBounds.clone(), cumulative, sum.sum());
    }

    /**
     * A copy of the histogram at one moment (sum and counts are read one after the other, so a concurrent observation
     * may be in one and not yet in the other).
     *
     * @param cumulativeCounts per bound, how many values were at most that bound; the last entry (+Inf) is the count
     */
    public record Snapshot(double[] upperBounds, long[] cumulativeCounts, double sum)
    {
        public Snapshot
        {
            requireNonNull(upperBounds, "upperBounds is null");
            requireNonNull(cumulativeCounts, "cumulativeCounts is null");
            if (cumulativeCounts.length != upperBounds.length + 1) {
                throw new IllegalArgumentException("one count per bound plus +Inf expected");
            }
        }

        public long count()
        {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }
}
