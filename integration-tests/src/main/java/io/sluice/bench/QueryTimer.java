package io.sluice.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Times a query the way a client feels it: a plain JDBC Statement per run (parse and plan every time, as an ad-hoc
 * query is), the whole result read. Untimed warm-up runs first (the first one's result is the one compared across
 * engines): as many as fit in {@link #WARM_UP_NANOS}, at most {@link #MAXIMUM_WARM_UP_RUNS}, so that a query's code
 * is compiled by the JIT, as it is in a server that has answered it before, without making slow queries slower to
 * measure. The same rule for every engine.
 */
final class QueryTimer
{
    static final int MAXIMUM_WARM_UP_RUNS = 300;
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private QueryTimer() {}

    /** Runs {@code sql.apply(0)} untimed (see above), then {@code sql.apply(1..runs)} timed; the median of the timed runs. */
    static Measurement measure(Connection connection, IntFunction<String> sql, int runs)
    {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        try {
            long warmUpStart = System.nanoTime();
            ResultRows result = execute(connection, sql.apply(0));
            for (int warmUp = 1; warmUp < MAXIMUM_WARM_UP_RUNS && System.nanoTime() - warmUpStart < WARM_UP_NANOS; warmUp++) {
                execute(connection, sql.apply(0));
            }
            double[] millis = new double[runs];
            for (int run = 1; run <= runs; run++) {
                String text = sql.apply(run);
                long start = System.nanoTime();
                execute(connection, text);
                millis[run - 1] = (System.nanoTime() - start) / 1e6;
            }
            return Measurement.succeeded(median(millis), result);
        }
        catch (SQLException | RuntimeException e) {
            return Measurement.failed(Measurement.reason(e));
        }
    }

    private static ResultRows execute(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            return ResultRows.read(resultSet);
        }
    }

    static double median(double[] values)
    {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
