package io.sluice.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Ingest: the ceiling (a plain kafka-clients consumer parsing every message with Jackson, in its own JVM) against
 * Sluice routine loads of the same topic into PRIMARY KEY and DUPLICATE KEY tables, an AGGREGATE KEY table of
 * Story B messages, and CSV; each Sluice variant in a fresh Sluice JVM.
 */
final class IngestBenchmark
        implements Benchmark
{
    @Override
    public String name()
    {
        return "ingest";
    }

    @Override
    public String method()
    {
        return "N messages pre-produced on P partitions; ceiling = second (warm) pass of one kafka-clients consumer parsing 4 fields "
                + "with Jackson streaming in its own JVM; Sluice = a fresh `bin/sluice` JVM that loads the topic twice, each time into a "
                + "new database (table and job created anew): the first (cold) pass warms the JIT like the ceiling's first pass, the second "
                + "(warm) pass, started once the process is idle again, is measured: time from CREATE ROUTINE LOAD until SHOW ROUTINE LOAD reports N loaded rows (then select count(*) "
                + "is checked); CPU seconds of that pass and peak RSS of the Sluice JVM; ratio = Sluice rows/s / ceiling rows/s "
                + "(cold ratio: the same for the first pass). With --repeats R (default 3) the warm pass runs R times, each right after "
                + "a ceiling pass of its own (the host's speed drifts by tens of percent between minutes); the pass with the median "
                + "ratio is reported; `ratios` and `cpu s each` list all R.";
    }

    @Override
    public void run(BenchContext context)
            throws Exception
    {
        BenchOptions options = context.options();
        long messages = options.ingestMessages();
        String bootstrap = context.bootstrapServers();
        long usersBytes = produce(context, "ingest_users", Messages::user);
        long purchaseBytes = produce(context, "ingest_purchases", Messages::purchase);
        long csvBytes = produce(context, "ingest_csv", Messages::userCsv);

        double ceilingRowsPerSecond = ceiling(context, usersBytes, true);

        sluice(context, "primary key, json", usersBytes, ceilingRowsPerSecond, messages,
                SluiceJobs.usersTable("users", "PRIMARY KEY"),
                SluiceJobs.jsonJob("load_users", "users", bootstrap, "ingest_users"), "load_users", "users");
        sluice(context, "duplicate key, json", usersBytes, ceilingRowsPerSecond, messages,
                SluiceJobs.usersTable("users", "DUPLICATE KEY"),
                SluiceJobs.jsonJob("load_users", "users", bootstrap, "ingest_users"), "load_users", "users");
        sluice(context, "aggregate key, json (Story B)", purchaseBytes, ceilingRowsPerSecond, Messages.distinctPurchaseKeys(messages),
                """
                CREATE TABLE customer_buy_aggregate (commodity_id varchar(26) NULL, customer_name varchar(26) NULL, country varchar(26) NULL,
                  pay_time bigint(20) NULL, pay_dt date NULL, price double SUM NULL)
                AGGREGATE KEY(commodity_id, customer_name, country, pay_time, pay_dt) DISTRIBUTED BY HASH(commodity_id) BUCKETS 5""",
                """
                CREATE ROUTINE LOAD load_aggregate ON customer_buy_aggregate
                COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d'))
                PROPERTIES ("format" = "json",
                  "jsonpaths" = "[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]")
                FROM KAFKA ("kafka_broker_list" = "BOOTSTRAP", "kafka_topic" = "ingest_purchases", "property.kafka_default_offsets" = "OFFSET_BEGINNING")"""
                        .replace("BOOTSTRAP", bootstrap),
                "load_aggregate", "customer_buy_aggregate");
        sluice(context, "duplicate key, csv", csvBytes, ceilingRowsPerSecond, messages,
                SluiceJobs.usersTable("users", "DUPLICATE KEY"),
                "CREATE ROUTINE LOAD load_csv ON users COLUMNS TERMINATED BY '\\t', COLUMNS(id, name, timestamp, status) "
                        + "PROPERTIES (\"format\" = \"csv\") FROM KAFKA (\"kafka_broker_list\" = \"" + bootstrap + "\", "
                        + "\"kafka_topic\" = \"ingest_csv\", \"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")",
                "load_csv", "users");
    }

    private static long produce(BenchContext context, String topic, LongFunction<byte[]> message)
    {
        TopicLoader.createTopic(context.bootstrapServers(), topic, context.options().partitions());
        return TopicLoader.produce(context.bootstrapServers(), topic, context.options().partitions(), context.options().ingestMessages(), message);
    }

    /** Rows per second of the ceiling consumer's warm pass; reported as a row of its own when asked. */
    private static double ceiling(BenchContext context, long bytes, boolean report)
            throws Exception
    {
        long messages = context.options().ingestMessages();
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), CeilingConsumer.class.getName(),
                context.bootstrapServers(), "ingest_users", Long.toString(messages))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The ceiling consumer failed: " + output);
        }
        String[] fields = output.split(" ");
        double seconds = Double.parseDouble(fields[2]);
        double rowsPerSecond = messages / seconds;
        if (!report) {
            return rowsPerSecond;
        }
        context.report().add(BenchResult.builder("ingest", "ceiling: kafka consumer + jackson")
                .add("messages", messages)
                .add("seconds", seconds)
                .add("rows/s", rowsPerSecond)
                .add("MB/s", bytes / seconds / 1e6)
                .add("ratio", 1.0)
                .build());
        return rowsPerSecond;
    }

    private static void sluice(BenchContext context, String variant, long bytes, double ceilingRowsPerSecond, long expectedRows,
            String createTable, String createJob, String job, String table)
            throws Exception
    {
        long messages = context.options().ingestMessages();
        if (!context.options().runsIngestVariant(variant)) {
            return;
        }
        try (SluiceProcess sluice = context.startSluice("ingest-" + variant.replaceAll("[^a-z]+", "-"));
                Connection connection = sluice.connect(null)) {
            // The cold pass warms the JIT, as the ceiling's first pass does; the warm pass is measured.
            double coldSeconds = loadOnce(connection, "bench_cold", createTable, createJob, job, messages);
            SluiceJobs.execute(connection, "drop database bench_cold");
            int repeats = context.options().ingestRepeats();
            double[] ratios = new double[repeats];
            double[] seconds = new double[repeats];
            double[] cpu = new double[repeats];
            for (int pass = 0; pass < repeats; pass++) {
                // Like the ceiling's second pass, the measured pass starts on an idle process: the earlier passes'
                // compactions are over. The first ceiling is the run's own; later passes measure one just before.
                sluice.awaitIdle(60);
                double passCeiling = pass == 0 ? ceilingRowsPerSecond : ceiling(context, bytes, false);
                String database = "bench" + (pass == repeats - 1 ? "" : "_" + pass);
                double cpuBefore = sluice.cpuSeconds();
                seconds[pass] = loadOnce(connection, database, createTable, createJob, job, messages);
                cpu[pass] = sluice.cpuSeconds() - cpuBefore;
                long count = SluiceJobs.queryLong(connection, "select count(*) from " + table);
                if (count != expectedRows) {
                    throw new IllegalStateException(variant + ": select count(*) = " + count + ", expected " + expectedRows);
                }
                ratios[pass] = messages / seconds[pass] / passCeiling;
                if (pass < repeats - 1) {
                    SluiceJobs.execute(connection, "drop database " + database);
                }
            }
            int median = medianIndex(ratios);
            double rowsPerSecond = messages / seconds[median];
            context.report().add(BenchResult.builder("ingest", "sluice: " + variant)
                    .add("messages", messages)
                    .add("seconds", seconds[median])
                    .add("rows/s", rowsPerSecond)
                    .add("MB/s", bytes / seconds[median] / 1e6)
                    .add("ratio", ratios[median])
                    .add("ratios", list(ratios, "%.3f"))
                    .add("cold ratio", messages / coldSeconds / ceilingRowsPerSecond)
                    .add("cpu s", cpu[median])
                    .add("cpu s each", list(cpu, "%.1f"))
                    .add("peak RSS MB", sluice.peakResidentBytes() / 1e6)
                    .build());
        }
    }

    /** Creates the table and the job in a new database and returns the seconds until the job reports every row loaded. */
    private static double loadOnce(Connection connection, String database, String createTable, String createJob, String job, long messages)
            throws Exception
    {
        SluiceJobs.execute(connection, "create database " + database);
        SluiceJobs.execute(connection, "use " + database);
        SluiceJobs.execute(connection, createTable);
        long start = System.nanoTime();
        SluiceJobs.execute(connection, createJob);
        long loaded = SluiceJobs.awaitLoadedRows(connection, job, messages, 3600);
        return (loaded - start) / 1e9;
    }

    /** The index of the median value (the lower middle one for an even count). */
    private static int medianIndex(double[] values)
    {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (left, right) -> Double.compare(values[left], values[right]));
        return order[(values.length - 1) / 2];
    }

    private static String list(double[] values, String format)
    {
        StringBuilder list = new StringBuilder();
        for (double value : values) {
            list.append(list.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format, value));
        }
        return list.toString();
    }
}
