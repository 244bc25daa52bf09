package io.sluice.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Times a query the way a client feels it: a plain JDBC Statement per run (parse and plan every time, as an ad-hoc
 * query is), the whole result read. One untimed warm-up run first, whose result is the one compared across engines.
 */
final class QueryTimer
{
    private QueryTimer() {}

    /** Runs {@code sql.apply(0)} untimed, then {@code sql.apply(1..runs)} timed; the median of the timed runs. */
    static Measurement measure(Connection connection, IntFunction<String> sql, int runs)
    {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        try {
            ResultRows result = execute(connection, sql.apply(0));
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
