package io.sluice.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * Queries: the same generated rows in Sluice (through Kafka and routine load, queried over the MySQL protocol),
 * plain Calcite row-at-a-time over Java arrays, DuckDB and H2 (all three embedded); every query runs on each engine,
 * one engine at a time so they never compete for the two cores or the memory, and the engines' answers must agree.
 */
final class QueryBenchmark
        implements Benchmark
{
    static final String LOAD_BENCHMARK = "query load";
    private static final int AD_HOC_RUNS = 20;
    /** The queries plain Calcite row-at-a-time runs: the "GROUP BY / SUM / COUNT" comparison. */
    private static final Set<String> ROW_BASELINE_QUERIES = Set.of(
            "count(*)", "sum, avg, min, max", "filter + aggregate", "group by low cardinality (10)",
            "group by high cardinality (N/10), top 10", "count(distinct) high cardinality");

    @Override
    public String name()
    {
        return "query";
    }

    @Override
    public String method()
    {
        return "N rows of a fact table `sales` (ints, a double, a date, 10 categories, ~N/10 customers) and N rows of Story A's "
                + "`users`, plus a 100-row `stores` dimension, generated deterministically; Sluice = a fresh `bin/sluice` JVM loaded by "
                + "routine load from topics produced beforehand, queried with Connector/J once its background compaction is done (the JVM "
                + "under 5% of a core for a second, untimed); calcite-rows = plain Calcite "
                + CalciteRowQueryEngine.calciteVersion() + " (jdbc:calcite:, lex=MYSQL) over one Java array per column, exposed as "
                + "ScannableTables that produce one Object[] per row (Enumerable operators row at a time, nothing pushed down); "
                + "DuckDB (in memory, Appender) and H2 (file, "
                + "1 GiB cache, results never spilled or reused, batched INSERT) embedded in the harness JVM; one engine at a time. "
                + "Per query and engine: untimed warm-up runs (as many as fit in 2 s, at most " + QueryTimer.MAXIMUM_WARM_UP_RUNS + ", at least one), then the median of the warm runs, each a new JDBC Statement with the whole "
                + "result read; ratios are times (>1: Sluice slower); check = every engine returned the same rows (numbers within 1e-9 "
                + "relative). Ad-hoc overhead: a new literal on every run, median of " + AD_HOC_RUNS + ". Load: from the first "
                + "statement until every row is queryable.";
    }

    @Override
    public void run(BenchContext context)
    {
        BenchOptions options = context.options();
        QueryData data = new QueryData(options.queryRows());
        List<BenchQuery> queries = queries(data, options.warmRuns());

        System.out.println("  producing " + data.rows() + " sales and " + data.rows() + " users messages to Kafka...");
        SluiceQueryEngine.produceTopics(context, data);

        List<EngineRun> runs = List.of(
                runEngine("sluice", () -> SluiceQueryEngine.start(context), data, queries),
                runEngine(CalciteRowQueryEngine.NAME, CalciteRowQueryEngine::open, data, queries),
                runEngine("duckdb", DuckDbQueryEngine::open, data, queries),
                runEngine("h2", () -> H2QueryEngine.open(context.directory("query-h2")), data, queries));

        reportLoads(context.report(), data, runs);
        List<String> mismatches = new ArrayList<>();
        for (BenchQuery query : queries) {
            reportQuery(context.report(), query, runs, mismatches);
        }

        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("The engines disagree on " + String.join("; ", mismatches));
        }
        if (options.smoke()) {
            // At smoke sizes nothing may fail: a failure there is a broken harness or a broken Sluice.
            for (EngineRun run : runs) {
                if (run.failure != null) {
                    throw new IllegalStateException(run.engine + " failed: " + run.failure);
                }
                for (BenchQuery query : queries) {
                    if (run.measurement(query).isFailed() && !run.measurement(query).isSkipped()) {
                        throw new IllegalStateException(run.engine + " failed " + query.name() + ": " + run.measurement(query).failure());
                    }
                }
            }
        }
    }

    static List<BenchQuery> queries(QueryData data, int warmRuns)
    {
        long lookupId = data.rows() / 2 + 1;
        return List.of(
                fixed("count(*)", "select count(*) from sales", warmRuns),
                fixed("sum, avg, min, max", "select sum(quantity), avg(price), min(sale_date), max(sale_date) from sales", warmRuns),
                fixed("filter + aggregate",
                        "select count(*), sum(price) from sales where category = 'books' and quantity > 10 and sale_date >= date '2024-01-01'", warmRuns),
                fixed("group by low cardinality (10)",
                        "select category, count(*), sum(quantity), avg(price) from sales group by category order by category", warmRuns),
                fixed("group by high cardinality (N/10), top 10",
                        "select customer, count(*) as orders, sum(quantity) as items from sales group by customer order by items desc, customer limit 10",
                        warmRuns),
                fixed("count(distinct) high cardinality", "select count(distinct customer) from sales", warmRuns),
                fixed("top-N order by limit 10", "select id, customer, price from sales order by price desc, id limit 10", warmRuns),
                fixed("join dimension (100 rows)",
                        "select st.region, count(*), sum(s.quantity) from sales s join stores st on s.store_id = st.id group by st.region order by st.region",
                        warmRuns),
                fixed("PK point lookup (users)", "select * from users where id = " + lookupId, warmRuns),
                new BenchQuery("ad-hoc overhead: new literal", "select <n> + 1", run -> "select " + (1000 + run) + " + 1", AD_HOC_RUNS),
                new BenchQuery("ad-hoc overhead: tiny table", "select name, region from stores where id = <n>",
                        run -> "select name, region from stores where id = " + (1 + run % QueryData.STORES), AD_HOC_RUNS));
    }

    private static BenchQuery fixed(String name, String sql, int runs)
    {
        return new BenchQuery(name, sql, run -> sql, runs);
    }

    private static EngineRun runEngine(String name, Callable<QueryEngine> starter, QueryData data, List<BenchQuery> queries)
    {
        EngineRun run = new EngineRun(name);
        QueryEngine engine;
        try {
            engine = starter.call();
        }
        catch (Exception e) {
            run.failure = Measurement.reason(e);
            System.out.println("  " + name + " failed to start: " + run.failure);
            return run;
        }
        try {
            run.loadMethod = engine.loadMethod();
            long start = System.nanoTime();
            engine.load(data);
            run.loadSeconds = (System.nanoTime() - start) / 1e9;
            engine.settle();
            System.out.printf("  %s: loaded %,d rows in %.1f s, querying...%n", name, totalRows(data), run.loadSeconds);
            for (BenchQuery query : queries) {
                if (name.equals(CalciteRowQueryEngine.NAME) && !ROW_BASELINE_QUERIES.contains(query.name())) {
                    // The row-at-a-time baseline is for the scans and aggregates; its full sort for a top-N alone
                    // takes minutes at 10M rows.
                    run.measurements.put(query.name(), Measurement.skipped());
                    continue;
                }
                Measurement measurement = QueryTimer.measure(engine.connection(), query.sql(), query.runs());
                run.measurements.put(query.name(), measurement);
                // Progress: the table comes only after the last engine, which can take many minutes at the real size.
                System.out.println("    " + name + ", " + query.name() + ": "
                        + (measurement.isFailed() ? "failed: " + measurement.failure() : Report.format(measurement.medianMillis()) + " ms"));
            }
            run.peakResidentBytes = engine.peakResidentBytes();
        }
        catch (Exception e) {
            run.failure = Measurement.reason(e);
            System.out.println("  " + name + " failed: " + run.failure);
        }
        finally {
            engine.close();
        }
        return run;
    }

    private static long totalRows(QueryData data)
    {
        return 2 * data.rows() + QueryData.STORES;
    }

    /** {@code runs} starts with Sluice's, which every ratio divides. */
    private static void reportLoads(Report report, QueryData data, List<EngineRun> runs)
    {
        EngineRun sluice = runs.get(0);
        for (EngineRun run : runs) {
            BenchResult.Builder row = BenchResult.builder(LOAD_BENCHMARK, run.engine)
                    .add("rows", totalRows(data));
            if (Double.isNaN(run.loadSeconds)) {
                row.add("seconds", "failed: " + run.failure);
            }
            else {
                row.add("seconds", run.loadSeconds)
                        .add("rows/s", totalRows(data) / run.loadSeconds)
                        .add("sluice/this", Double.isNaN(sluice.loadSeconds) ? "n/a" : sluice.loadSeconds / run.loadSeconds);
            }
            row.add("how", run.loadMethod == null ? "" : run.loadMethod);
            run.peakResidentBytes.ifPresent(bytes -> row.add("peak RSS MB", bytes / 1e6));
            report.add(row.build());
        }
    }

    /** {@code runs} starts with Sluice's, which every ratio divides. */
    private static void reportQuery(Report report, BenchQuery query, List<EngineRun> runs, List<String> mismatches)
    {
        BenchResult.Builder row = BenchResult.builder("query", query.name());
        for (EngineRun run : runs) {
            row.add(run.engine + " ms", run.measurement(query).cell());
        }
        Measurement sluice = runs.get(0).measurement(query);
        for (EngineRun peer : runs.subList(1, runs.size())) {
            Measurement measurement = peer.measurement(query);
            boolean comparable = !sluice.isFailed() && !measurement.isFailed();
            row.add("sluice/" + peer.engine, comparable ? sluice.medianMillis() / measurement.medianMillis() : "n/a");
        }
        String check = check(runs, query);
        if (check.startsWith("MISMATCH")) {
            mismatches.add(query.name() + " (" + check + ")");
        }
        row.add("check", check).add("sql", query.displaySql());
        report.add(row.build());
    }

    /**
     * Compares every engine's answer with the first that has one: the independent databases first (DuckDB is the
     * likeliest right), then plain Calcite (Sluice plans with Calcite too, so it is the least independent peer), then
     * Sluice.
     */
    private static String check(List<EngineRun> runs, BenchQuery query)
    {
        List<EngineRun> order = new ArrayList<>(runs.subList(1, runs.size()));
        // A stable sort: the other peers keep their order, calcite-rows goes after them.
        order.sort(Comparator.comparing(run -> run.engine.equals(CalciteRowQueryEngine.NAME)));
        order.add(runs.get(0));
        List<EngineRun> answered = new ArrayList<>();
        for (EngineRun run : order) {
            if (!run.measurement(query).isFailed()) {
                answered.add(run);
            }
        }
        if (answered.size() < 2) {
            return "unchecked: fewer than two engines answered";
        }
        ResultRows reference = answered.get(0).measurement(query).result();
        for (EngineRun run : answered.subList(1, answered.size())) {
            ResultRows result = run.measurement(query).result();
            if (!result.matches(reference)) {
                return "MISMATCH: " + answered.get(0).engine + " " + reference.describe() + " vs " + run.engine + " " + result.describe();
            }
        }
        return "ok: " + reference.describe();
    }

    /** A query of the benchmark: its SQL for run i (run 0 is the warm-up) and how many timed runs. */
    record BenchQuery(String name, String displaySql, IntFunction<String> sql, int runs)
    {
        BenchQuery
        {
            requireNonNull(name, "name is null");
            requireNonNull(displaySql, "displaySql is null");
            requireNonNull(sql, "sql is null");
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1: " + runs);
            }
        }
    }

    /** What one engine did: how long the load took and each query's measurement, or why it stopped. */
    private static final class EngineRun
    {
        private final String engine;
        private final Map<String, Measurement> measurements = new LinkedHashMap<>();
        private String loadMethod;
        private double loadSeconds = Double.NaN;
        private OptionalLong peakResidentBytes = OptionalLong.empty();
        private String failure;

        private EngineRun(String engine)
        {
            this.engine = engine;
        }

        private Measurement measurement(BenchQuery query)
        {
            Measurement measurement = measurements.get(query.name());
            if (measurement != null) {
                return measurement;
            }
            return Measurement.failed(failure == null ? "not run" : failure);
        }
    }
}
