package io.sluice.server.http;

import java.util.Arrays;

/**
 * The last {@code capacity} samples of one job for the console's graphs, in primitive arrays written round-robin:
 * a sample costs no allocation, and an hour of 5 second samples is 720 slots. Thread-safe.
 */
final class SampleRing
{
    private final long[] timesMillis;
    private final double[] rowsPerSecond;
    private final long[] offsetLag;
    private final double[] lagSeconds;
    private int next;
    private int size;

    SampleRing(int capacity)
    {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        timesMillis = new long[capacity];
        rowsPerSecond = new double[capacity];
        offsetLag = new long[capacity];
        lagSeconds = new double[capacity];
    }

    synchronized void add(long timeMillis, double rate, long lag, double lagAgeSeconds)
    {
        timesMillis[next] = timeMillis;
        rowsPerSecond[next] = rate;
        offsetLag[next] = lag;
        lagSeconds[next] = lagAgeSeconds;
        next = (next + 1) % timesMillis.length;
        size = Math.min(size + 1, timesMillis.length);
    }

    /** The samples oldest first. */
    synchronized Samples snapshot()
    {
        int start = size < timesMillis.length ? 0 : next;
        long[] times = new long[size];
        double[] rates = new double[size];
        long[] lags = new long[size];
        double[] ages = new double[size];
        for (int i = 0; i < size; i++) {
            int slot = (start + i) % timesMillis.length;
            times[i] = timesMillis[slot];
            rates[i] = rowsPerSecond[slot];
            lags[i] = offsetLag[slot];
            ages[i] = lagSeconds[slot];
        }
        return new Samples(times, rates, lags, ages);
    }

    /** Parallel arrays, oldest sample first. */
    record Samples(long[] timesMillis, double[] rowsPerSecond, long[] offsetLag, double[] lagSeconds)
    {
        int size()
        {
            return timesMillis.length;
        }

        @Override
        public boolean equals(Object other)
        {
            return other instanceof Samples samples
                    && Arrays.equals(timesMillis, samples.timesMillis)
                    && Arrays.equals(rowsPerSecond, samples.rowsPerSecond)
                    && Arrays.equals(offsetLag, samples.offsetLag)
                    && Arrays.equals(lagSeconds, samples.lagSeconds);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(timesMillis);
        }
    }
}
