package io.sluice.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness with tiny sizes, so `mvn verify` keeps every benchmark working end to end: broker, Sluice
 * as a separate JVM (bin/sluice), the ceiling consumer, plain Calcite, DuckDB, H2 and MariaDB.
 */
class BenchSmokeIT
{
    @TempDir
    Path results;

    @Test
    void everyBenchmarkRunsAndReports()
            throws Exception
    {
        Path root = Path.of("").toAbsolutePath().getParent();
        BenchOptions options = BenchOptions.parse(List.of("all", "--smoke"), root).withResultsIn(results);

        Report report = Bench.run(options);

        assertThat(report.results()).extracting(BenchResult::benchmark).contains("ingest", "freshness", "query", "query load", "point");
        assertThat(report.results()).filteredOn(result -> result.benchmark().equals("ingest")).hasSize(5);
        assertThat(report.results()).filteredOn(result -> result.benchmark().equals("query")).hasSize(11);
        assertThat(report.results()).filteredOn(result -> result.benchmark().equals("point")).hasSize(2);
        assertThat(report.results()).filteredOn(result -> result.benchmark().equals("query load")).extracting(BenchResult::variant)
                .containsExactly("sluice", "calcite-rows", "duckdb", "h2");
        assertThat(report.tables(false)).contains("ceiling: kafka consumer + jackson", "sluice: primary key, json", "sluice/calcite-rows");
        Path json = report.write();
        assertThat(json.getParent()).isEqualTo(results);
        assertThat(Files.readString(json)).contains("\"nproc\"", "\"results\"", "\"ingest\"");
    }
}
