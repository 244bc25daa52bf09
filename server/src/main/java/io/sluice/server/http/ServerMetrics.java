package io.sluice.server.http;

import io.sluice.loader.metrics.Histogram;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters of the MySQL endpoint: statements by outcome with their latency, and connections. Updated by
 * {@link MeteredSessionFactory}; read by /metrics.
 */
public final class ServerMetrics
{
    private final long startMillis = System.currentTimeMillis();
    private final LongAdder okQueries = new LongAdder();
    private final LongAdder failedQueries = new LongAdder();
    private final Histogram querySeconds = new Histogram(Histogram.SECONDS);
    private final AtomicLong openConnections = new AtomicLong();
    private final LongAdder totalConnections = new LongAdder();

    public long startMillis()
    {
        return startMillis;
    }

    void recordQuery(boolean ok, long nanos)
    {
        (ok ? okQueries : failedQueries).increment();
        querySeconds.observeNanos(nanos);
    }

    void connectionOpened()
    {
        openConnections.incrementAndGet();
        totalConnections.increment();
    }

    void connectionClosed()
    {
        openConnections.decrementAndGet();
    }

    public long okQueries()
    {
        return okQueries.sum();
    }

    public long failedQueries()
    {
        return failedQueries.sum();
    }

    public Histogram.Snapshot querySeconds()
    {
        return querySeconds.snapshot();
    }

    public long openConnections()
    {
        return openConnections.get();
    }

    public long totalConnections()
    {
        return totalConnections.sum();
    }
}
