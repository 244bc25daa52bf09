package io.sluice.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies in nanoseconds, recorded by one thread into a growing primitive array (no per-request objects), merged
 * and sorted afterwards for nearest-rank percentiles.
 */
final class Latencies
{
    private long[] nanos = new long[4096];
    private int count;
    private boolean sorted = true;

    void record(long latencyNanos)
    {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[count++] = latencyNanos;
        sorted = false;
    }

    int count()
    {
        return count;
    }

    static Latencies merge(List<Latencies> parts)
    {
        Latencies merged = new Latencies();
        int total = 0;
        for (Latencies part : parts) {
            total += part.count;
        }
        merged.nanos = new long[Math.max(total, 1)];
        for (Latencies part : parts) {
            System.arraycopy(part.nanos, 0, merged.nanos, merged.count, part.count);
            merged.count += part.count;
        }
        merged.sorted = false;
        return merged;
    }

    /** The nearest-rank percentile (0 < percentile <= 100) in milliseconds; NaN when nothing was recorded. */
    double percentileMillis(double percentile)
    {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (count == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100 * count);
        return nanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
