package io.sluice.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Point selects: the same users table in Sluice (loaded by routine load) and in a private MariaDB 10.11 (InnoDB,
 * loaded with batched INSERTs), hammered by the same JDBC client code, one server at a time.
 */
final class PointSelectBenchmark
        implements Benchmark
{
    static final long ROWS = 1_000_000;
    static final long SMOKE_ROWS = 10_000;
    private static final String TOPIC = "point_users";
    private static final long LOAD_TIMEOUT_SECONDS = 3600;

    @Override
    public String name()
    {
        return "point";
    }

    @Override
    public String method()
    {
        return "Story A's users table (" + ROWS + " rows; smoke " + SMOKE_ROWS + ") in Sluice (a fresh `bin/sluice` JVM, routine load) and in "
                + "MariaDB (Debian mariadb-server, InnoDB, 1 GiB buffer pool, own data dir, loaded with batched INSERTs); T client threads, "
                + "each with its own Connector/J connection, run `" + PointSelectLoad.QUERY + "` (client-side prepare) with uniformly random "
                + "ids, each answer checked; after a warm-up of a tenth of the period (at least 1 s), requests started within the period "
                + "are counted and timed; QPS = requests / period, p50/p99 = nearest-rank latency percentiles; ratios are taken so that above 1 "
                + "Sluice is worse (MariaDB QPS / Sluice QPS, Sluice latency / MariaDB latency).";
    }

    @Override
    public void run(BenchContext context)
            throws InterruptedException
    {
        BenchOptions options = context.options();
        long rows = options.smoke() ? SMOKE_ROWS : ROWS;
        System.out.println("  producing " + rows + " users messages to Kafka...");
        TopicLoader.createTopic(context.bootstrapServers(), TOPIC, options.partitions());
        TopicLoader.produce(context.bootstrapServers(), TOPIC, options.partitions(), rows, QueryData::userJson);

        Outcome sluice = sluice(context, rows);
        Outcome mariadb = mariadb(context, rows);

        report(context, rows, sluice, mariadb);
        if (options.smoke()) {
            // At smoke sizes nothing may fail: a failure there is a broken harness or a broken server.
            sluice.requireClean();
            mariadb.requireClean();
        }
    }

    private static Outcome sluice(BenchContext context, long rows)
            throws InterruptedException
    {
        Outcome outcome = new Outcome("sluice");
        try (SluiceProcess sluice = context.startSluice("point-sluice")) {
            try (Connection connection = sluice.connect(null)) {
                SluiceJobs.execute(connection, "create database bench");
                SluiceJobs.execute(connection, "use bench");
                SluiceJobs.execute(connection, SluiceJobs.usersTable("users", "PRIMARY KEY"));
                SluiceJobs.execute(connection, SluiceJobs.jsonJob("load_users", "users", context.bootstrapServers(), TOPIC));
                SluiceJobs.awaitLoadedRows(connection, "load_users", rows, LOAD_TIMEOUT_SECONDS);
            }
            System.out.println("  sluice: loaded " + rows + " users, selecting...");
            outcome.result = measure(context, rows, () -> sluice.connect("bench"));
            outcome.peakResidentBytes = sluice.peakResidentBytes();
        }
        catch (RuntimeException | SQLException e) {
            outcome.failure = Measurement.reason(e);
            System.out.println("  sluice failed: " + outcome.failure);
        }
        return outcome;
    }

    private static Outcome mariadb(BenchContext context, long rows)
            throws InterruptedException
    {
        Outcome outcome = new Outcome("mariadb");
        try (MariaDbServer server = MariaDbServer.start(context.directory("point-mariadb"))) {
            outcome.engine = "mariadb " + server.version().replaceAll("-.*", "");
            try (Connection connection = server.connect(null)) {
                SluiceJobs.execute(connection, "create database bench");
            }
            try (Connection connection = server.connectForLoading("bench")) {
                SluiceJobs.execute(connection, StandardTables.CREATE_USERS);
                StandardTables.insertUsers(connection, rows);
            }
            System.out.println("  " + outcome.engine + ": loaded " + rows + " users, selecting...");
            outcome.result = measure(context, rows, () -> server.connect("bench"));
        }
        catch (RuntimeException | SQLException e) {
            outcome.failure = Measurement.reason(e);
            System.out.println("  mariadb failed: " + outcome.failure);
        }
        return outcome;
    }

    private static PointSelectLoad.Result measure(BenchContext context, long rows, PointSelectLoad.Connector connector)
            throws InterruptedException
    {
        int seconds = context.options().pointSeconds();
        return PointSelectLoad.run(connector, rows, context.options().pointThreads(), Math.max(1, seconds / 10.0), seconds);
    }

    private static void report(BenchContext context, long rows, Outcome sluice, Outcome mariadb)
    {
        for (Outcome outcome : new Outcome[] {sluice, mariadb}) {
            BenchResult.Builder row = BenchResult.builder("point", outcome.engine)
                    .add("rows", rows)
                    .add("threads", context.options().pointThreads());
            PointSelectLoad.Result result = outcome.result;
            if (result == null) {
                row.add("QPS", "failed: " + outcome.failure);
                context.report().add(row.build());
                continue;
            }
            row.add("seconds", result.seconds())
                    .add("queries", result.queries())
                    .add("QPS", result.queriesPerSecond())
                    .add("p50 ms", result.latencies().percentileMillis(50))
                    .add("p99 ms", result.latencies().percentileMillis(99));
            if (outcome == sluice && mariadb.result != null) {
                // Every ratio reads the same way as the query benchmark's: above 1, Sluice is that many times worse.
                row.add("QPS mariadb/sluice", mariadb.result.queriesPerSecond() / result.queriesPerSecond())
                        .add("p50 sluice/mariadb", result.latencies().percentileMillis(50) / mariadb.result.latencies().percentileMillis(50))
                        .add("p99 sluice/mariadb", result.latencies().percentileMillis(99) / mariadb.result.latencies().percentileMillis(99));
            }
            row.add("errors", result.failedThreads() == 0 ? "none" : result.failedThreads() + " clients stopped: " + result.firstFailure());
            if (outcome.peakResidentBytes > 0) {
                row.add("peak RSS MB", outcome.peakResidentBytes / 1e6);
            }
            context.report().add(row.build());
        }
    }

    /** What one server did: its load result, or why it failed. */
    private static final class Outcome
    {
        private String engine;
        private PointSelectLoad.Result result;
        private String failure;
        private long peakResidentBytes = -1;

        private Outcome(String engine)
        {
            this.engine = engine;
        }

        private void requireClean()
        {
            if (failure != null) {
                throw new IllegalStateException(engine + " failed: " + failure);
            }
            if (result.failedThreads() > 0) {
                throw new IllegalStateException(engine + ": " + result.failedThreads() + " point-select clients failed: " + result.firstFailure());
            }
            if (result.queries() == 0) {
                throw new IllegalStateException(engine + " answered no point select within the period");
            }
        }
    }
}
