package io.sluice.bench;

import static java.util.Objects.requireNonNull;

/**
 * One engine's figures for one query: the median time of the warm runs and the result, or why it failed.
 */
record Measurement(double medianMillis, ResultRows result, String failure)
{
    Measurement
    {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("a measurement has either a result or a failure");
        }
    }

    static Measurement succeeded(double medianMillis, ResultRows result)
    {
        return new Measurement(medianMillis, requireNonNull(result, "result is null"), null);
    }

    static final String SKIPPED = "skipped";

    /** Not measured on purpose (a peer that only runs some of the queries). */
    static Measurement skipped()
    {
        return new Measurement(Double.NaN, null, SKIPPED);
    }

    static Measurement failed(String failure)
    {
        return new Measurement(Double.NaN, null, requireNonNull(failure, "failure is null"));
    }

    boolean isFailed()
    {
        return failure != null;
    }

    boolean isSkipped()
    {
        return SKIPPED.equals(failure);
    }

    /** The time, or the failure for a table cell. */
    Object cell()
    {
        if (isSkipped()) {
            return "-";
        }
        return isFailed() ? "failed: " + failure : medianMillis;
    }

    /** A short, single-line reason for a table cell. */
    static String reason(Throwable failure)
    {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).trim();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
