package io.sluice.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements over a fresh Connector/J connection each time, so that a test survives Sluice restarts and kills.
 */
final class SqlClient
{
    private final SluiceCluster cluster;
    private final String database;

    SqlClient(SluiceCluster cluster, String database)
    {
        this.cluster = cluster;
        this.database = database;
    }

    void execute(String sql)
    {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new AssertionError("Failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    List<Map<String, String>> rows(String sql)
    {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    row.put(metaData.getColumnLabel(column), resultSet.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (SQLException e) {
            throw new AssertionError("Failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the only row. */
    String value(String sql)
    {
        List<Map<String, String>> rows = rows(sql);
        if (rows.size() != 1) {
            throw new AssertionError(sql + " returned " + rows.size() + " rows");
        }
        return rows.get(0).values().iterator().next();
    }

    /** count(*) and sum(id) of a table, as "count/sum". */
    String countAndSum(String table)
    {
        Map<String, String> row = rows("select count(*) as c, sum(id) as s from " + table).get(0);
        return row.get("c") + "/" + row.get("s");
    }

    /** SHOW ROUTINE LOAD FOR the job: its row, column by column. */
    Map<String, String> show(String job)
    {
        List<Map<String, String>> rows = rows("show routine load for " + job);
        if (rows.isEmpty()) {
            throw new AssertionError("No routine load job " + job);
        }
        return rows.get(0);
    }

    /** Waits until the job's SHOW ROUTINE LOAD row satisfies the condition; the timeout's message shows the last row. */
    Map<String, String> awaitShow(String job, String what, java.util.function.Predicate<Map<String, String>> condition)
    {
        java.util.concurrent.atomic.AtomicReference<Map<String, String>> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            SluiceCluster.awaitTrue(what, () -> {
                Map<String, String> row = showOrNull(job);
                last.set(row);
                return row != null && condition.test(row);
            });
        }
        catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last SHOW ROUTINE LOAD row: " + last.get(), e);
        }
        return last.get();
    }

    /** Like {@link #show}, but null while Sluice does not answer (restarting, killed). */
    Map<String, String> showOrNull(String job)
    {
        try {
            return show(job);
        }
        catch (AssertionError e) {
            return null;
        }
    }

    static String expectedCountAndSum(long count)
    {
        return count + "/" + (count * (count - 1) / 2);
    }
}
