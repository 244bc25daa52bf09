package io.sluice.bench;

import io.sluice.bench.QueryBenchmark.BenchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark query runs on both embedded peers and they agree: the SQL is portable and the data loads the same
 * through the Appender and through INSERTs.
 */
class EmbeddedEnginesTest
{
    @Test
    void duckDbAndH2AgreeOnEveryQuery(@TempDir Path directory)
            throws Exception
    {
        QueryData data = new QueryData(3_000);
        List<BenchQuery> queries = QueryBenchmark.queries(data, 1);
        try (QueryEngine duckdb = DuckDbQueryEngine.open();
                QueryEngine h2 = H2QueryEngine.open(directory)) {
            duckdb.load(data);
            h2.load(data);
            for (BenchQuery query : queries) {
                Measurement duckdbMeasurement = QueryTimer.measure(duckdb.connection(), query.sql(), 1);
                Measurement h2Measurement = QueryTimer.measure(h2.connection(), query.sql(), 1);

                assertThat(duckdbMeasurement.failure()).as("duckdb: " + query.name()).isNull();
                assertThat(h2Measurement.failure()).as("h2: " + query.name()).isNull();
                assertThat(h2Measurement.result().matches(duckdbMeasurement.result()))
                        .as(query.name() + ": duckdb " + duckdbMeasurement.result() + " vs h2 " + h2Measurement.result())
                        .isTrue();
                assertThat(duckdbMeasurement.result().rowCount()).as(query.name()).isBetween(1, 10);
            }
        }
    }

    @Test
    void countsEveryLoadedRow(@TempDir Path directory)
            throws Exception
    {
        QueryData data = new QueryData(1_234);
        try (QueryEngine h2 = H2QueryEngine.open(directory)) {
            h2.load(data);
            assertThat(SluiceJobs.queryLong(h2.connection(), "select count(*) from sales")).isEqualTo(1_234);
            assertThat(SluiceJobs.queryLong(h2.connection(), "select count(*) from users")).isEqualTo(1_234);
            assertThat(SluiceJobs.queryLong(h2.connection(), "select count(*) from stores")).isEqualTo(QueryData.STORES);
        }
    }
}
