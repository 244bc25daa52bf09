package io.sluice.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements the benchmarks send to Sluice over JDBC, and reading a job's counters from SHOW ROUTINE LOAD.
 */
final class SluiceJobs
{
    private static final Pattern LOADED_ROWS = Pattern.compile("\"loadedRows\":(\\d+)");
    private static final Pattern ERROR_ROWS = Pattern.compile("\"errorRows\":(\\d+)");

    private SluiceJobs() {}

    static void execute(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long queryLong(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    /** The job's loadedRows; fails when it reports error rows (a benchmark must load clean data). */
    static long loadedRows(Connection connection, String job)
            throws SQLException
    {
        return statistic(connection, job, LOADED_ROWS);
    }

    /** How many partitions the job has positioned itself on (the entries of its Progress). */
    static int positionedPartitions(Connection connection, String job)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SHOW ROUTINE LOAD FOR " + job)) {
            if (!resultSet.next()) {
                throw new IllegalStateException("Job " + job + " not found");
            }
            String progress = resultSet.getString("Progress");
            return progress.equals("{}") ? 0 : progress.split(",").length;
        }
    }

    private static long statistic(Connection connection, String job, Pattern figure)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SHOW ROUTINE LOAD FOR " + job)) {
            if (!resultSet.next()) {
                throw new IllegalStateException("Job " + job + " not found");
            }
            String state = resultSet.getString("State");
            String statistic = resultSet.getString("Statistic");
            // UNSTABLE (Kafka slow or briefly unreachable) recovers by itself, so keep waiting; the timeout still bounds it.
            if (!state.equals("RUNNING") && !state.equals("UNSTABLE")) {
                throw new IllegalStateException("Job " + job + " is " + state + ": " + resultSet.getString("ReasonOfStateChanged"));
            }
            if (number(ERROR_ROWS, statistic) > 0) {
                throw new IllegalStateException("Job " + job + " rejected rows: " + statistic + " " + resultSet.getString("OtherMsg"));
            }
            return number(figure, statistic);
        }
    }

    /** Waits until the job loaded at least this many rows; returns the nanoTime when it had. */
    static long awaitLoadedRows(Connection connection, String job, long rows, long timeoutSeconds)
            throws SQLException
    {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            long loaded = loadedRows(connection, job);
            long now = System.nanoTime();
            if (loaded >= rows) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("Job " + job + " loaded " + loaded + " of " + rows + " rows within " + timeoutSeconds + " s");
            }
            SluiceProcess.sleep(20);
        }
    }

    private static long number(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    static String usersTable(String name, String keys)
    {
        return "create table " + name + " (id bigint NOT NULL, name string NOT NULL, timestamp string NULL, status string NULL) "
                + keys + "(id) DISTRIBUTED BY HASH(id) PROPERTIES (\"replication_num\" = \"1\")";
    }

    static String jsonJob(String job, String table, String bootstrapServers, String topic)
    {
        return "CREATE ROUTINE LOAD " + job + " ON " + table + " COLUMNS(id, name, timestamp, status) "
                + "PROPERTIES (\"format\" = \"json\", \"jsonpaths\" = \"[\\\"$.id\\\",\\\"$.name\\\",\\\"$.timestamp\\\",\\\"$.status\\\"]\") "
                + "FROM KAFKA (\"kafka_broker_list\" = \"" + bootstrapServers + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")";
    }
}
