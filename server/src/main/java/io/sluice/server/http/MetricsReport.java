package io.sluice.server.http;

import io.sluice.loader.job.RoutineLoadDefinition;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.storage.Storage;
import io.sluice.storage.load.LoadJobCounters;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import static io.sluice.server.http.PrometheusWriter.Type.COUNTER;
import static io.sluice.server.http.PrometheusWriter.Type.GAUGE;
import static io.sluice.server.http.PrometheusWriter.Type.HISTOGRAM;
import static java.util.Objects.requireNonNull;

/** What GET /metrics answers: the routine load jobs, the tables, the MySQL endpoint and the JVM. */
final class MetricsReport
{
    /** Every state the state gauge reports: JobState's and UNSTABLE (a running job that cannot make progress). */
    static final List<String> STATES = List.of("NEED_SCHEDULE", "RUNNING", "UNSTABLE", "PAUSED", "STOPPED", "CANCELLED");

    private final Storage storage;
    private final RoutineLoadManager manager;
    private final ServerMetrics serverMetrics;

    MetricsReport(Storage storage, RoutineLoadManager manager, ServerMetrics serverMetrics)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.serverMetrics = requireNonNull(serverMetrics, "serverMetrics is null");
    }

    String render(long nowMillis)
    {
        StringBuilder text = new StringBuilder(8192);
        PrometheusWriter out = new PrometheusWriter(text);
        writeJobs(out, nowMillis);
        writeTables(out);
        writeServer(out, nowMillis);
        return text.toString();
    }

    private void writeJobs(PrometheusWriter out, long nowMillis)
    {
        List<RoutineLoadJob> jobs = manager.jobs();
        List<String[]> labels = new ArrayList<>(jobs.size());
        List<LoadJobCounters> counters = new ArrayList<>(jobs.size());
        for (RoutineLoadJob job : jobs) {
            RoutineLoadDefinition definition = job.definition();
            labels.add(new String[] {"job", definition.name(), "database", definition.databaseName(), "table", definition.tableName()});
            counters.add(job.counters());
        }

        counterFamily(out, "sluice_routine_load_loaded_rows_total", "Rows a routine load job wrote to its table.",
                counters, labels, LoadJobCounters::loadedRows);
        counterFamily(out, "sluice_routine_load_error_rows_total", "Rows a routine load job rejected (bad messages or values).",
                counters, labels, LoadJobCounters::errorRows);
        counterFamily(out, "sluice_routine_load_unselected_rows_total", "Rows a routine load job's WHERE filtered out.",
                counters, labels, LoadJobCounters::unselectedRows);
        counterFamily(out, "sluice_routine_load_received_bytes_total", "Bytes of Kafka message values a routine load job consumed.",
                counters, labels, LoadJobCounters::receivedBytes);
        out.family("sluice_routine_load_state", GAUGE, "1 for the state the job is in (as SHOW ROUTINE LOAD shows it), 0 for the others.");
        for (int i = 0; i < jobs.size(); i++) {
            String state = jobs.get(i).displayState();
            for (String candidate : STATES) {
                out.sample("sluice_routine_load_state", candidate.equals(state) ? 1 : 0, withLabel(labels.get(i), "state", candidate));
            }
        }
        List<JobLag> lags = new ArrayList<>(jobs.size());
        for (RoutineLoadJob job : jobs) {
            lags.add(JobLag.of(job, nowMillis, serverMetrics.startMillis()));
        }
        out.family("sluice_routine_load_offset_lag", GAUGE, "Messages in a partition not loaded yet (the broker's end offset minus the job's next offset).");
        for (int i = 0; i < jobs.size(); i++) {
            for (Map.Entry<Integer, Long> partition : lags.get(i).offsetLag().entrySet()) {
                out.sample("sluice_routine_load_offset_lag", partition.getValue(), withLabel(labels.get(i), "partition", Integer.toString(partition.getKey())));
            }
        }
        out.family("sluice_routine_load_lag_seconds", GAUGE,
                "0 when caught up; else the largest, over lagging partitions, of now minus the Kafka timestamp of the newest loaded message.");
        for (int i = 0; i < jobs.size(); i++) {
            out.sample("sluice_routine_load_lag_seconds", lags.get(i).lagSeconds(), labels.get(i));
        }
        out.family("sluice_routine_load_freshness_seconds", HISTOGRAM,
                "Per commit, from the Kafka timestamp of its oldest message to the moment its rows were visible to queries.");
        for (int i = 0; i < jobs.size(); i++) {
            out.histogram("sluice_routine_load_freshness_seconds", jobs.get(i).freshnessSeconds().snapshot(), labels.get(i));
        }
        out.family("sluice_routine_load_commit_seconds", HISTOGRAM, "Duration of a routine load job's storage commits.");
        for (int i = 0; i < jobs.size(); i++) {
            out.histogram("sluice_routine_load_commit_seconds", jobs.get(i).commitSeconds().snapshot(), labels.get(i));
        }
    }

    private void writeTables(PrometheusWriter out)
    {
        List<TableStatistics> tables = TableStatistics.all(storage);
        out.family("sluice_table_rows", GAUGE, "Live rows of a table.");
        for (TableStatistics table : tables) {
            out.sample("sluice_table_rows", table.rows(), "database", table.database(), "table", table.table());
        }
        out.family("sluice_table_segments", GAUGE, "Segments of a table at its published version.");
        for (TableStatistics table : tables) {
            out.sample("sluice_table_segments", table.segments(), "database", table.database(), "table", table.table());
        }
        out.family("sluice_table_bytes", GAUGE, "Bytes of a table's files on disk.");
        for (TableStatistics table : tables) {
            out.sample("sluice_table_bytes", table.bytes(), "database", table.database(), "table", table.table());
        }
    }

    private void writeServer(PrometheusWriter out, long nowMillis)
    {
        out.family("sluice_queries_total", COUNTER, "Statements (COM_QUERY) by outcome: ok, or error when answered with an ERR packet.");
        out.sample("sluice_queries_total", serverMetrics.okQueries(), "outcome", "ok");
        out.sample("sluice_queries_total", serverMetrics.failedQueries(), "outcome", "error");
        out.family("sluice_query_seconds", HISTOGRAM, "Time from receiving a statement to its response being ready.");
        out.histogram("sluice_query_seconds", serverMetrics.querySeconds());
        out.family("sluice_connections", GAUGE, "Open MySQL connections (authenticated sessions).");
        out.sample("sluice_connections", serverMetrics.openConnections());
        out.family("sluice_connections_total", COUNTER, "MySQL connections opened since the server started.");
        out.sample("sluice_connections_total", serverMetrics.totalConnections());

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.family("sluice_jvm_memory_heap_used_bytes", GAUGE, "JVM heap in use.");
        out.sample("sluice_jvm_memory_heap_used_bytes", heap.getUsed());
        out.family("sluice_jvm_memory_heap_committed_bytes", GAUGE, "JVM heap committed by the operating system.");
        out.sample("sluice_jvm_memory_heap_committed_bytes", heap.getCommitted());
        out.family("sluice_jvm_memory_heap_max_bytes", GAUGE, "Largest heap the JVM may use (-1 when undefined).");
        out.sample("sluice_jvm_memory_heap_max_bytes", heap.getMax());
        out.family("sluice_jvm_memory_nonheap_used_bytes", GAUGE, "JVM non-heap memory in use (metaspace, code cache...).");
        out.sample("sluice_jvm_memory_nonheap_used_bytes", nonHeap.getUsed());
        out.family("sluice_jvm_memory_nonheap_committed_bytes", GAUGE, "JVM non-heap memory committed.");
        out.sample("sluice_jvm_memory_nonheap_committed_bytes", nonHeap.getCommitted());
        out.family("sluice_uptime_seconds", GAUGE, "Seconds since the server started.");
        out.sample("sluice_uptime_seconds", Math.max(0, nowMillis - serverMetrics.startMillis()) / 1000.0);
    }

    private static String[] withLabel(String[] labels, String name, String value)
    {
        String[] result = Arrays.copyOf(labels, labels.length + 2);
        result[labels.length] = name;
        result[labels.length + 1] = value;
        return result;
    }

    /** One counter family with a sample per job. */
    private static void counterFamily(PrometheusWriter out, String name, String help, List<LoadJobCounters> counters, List<String[]> labels,
            ToLongFunction<LoadJobCounters> value)
    {
        out.family(name, COUNTER, help);
        for (int i = 0; i < counters.size(); i++) {
            out.sample(name, value.applyAsLong(counters.get(i)), labels.get(i));
        }
    }
}
