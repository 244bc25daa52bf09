package io.sluice.loader.task;

import java.time.Duration;

/**
 * Exponential backoff between retries after a broker failure, reset by a success.
 */
public final class Backoff
{
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max)
    {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("Invalid backoff " + initial + " .. " + max);
        }
        this.nextMillis = initialMillis;
    }

    /** The wait before the next retry; each call doubles the following one, up to the maximum. */
    public long nextDelayMillis()
    {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    public void reset()
    {
        nextMillis = initialMillis;
    }
}
