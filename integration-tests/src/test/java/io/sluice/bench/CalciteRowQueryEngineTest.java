package io.sluice.bench;

import io.sluice.bench.QueryBenchmark.BenchQuery;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain-Calcite peer answers every benchmark query exactly as DuckDB does, from the same generated rows, with
 * the benchmark's SQL unchanged.
 */
class CalciteRowQueryEngineTest
{
    @Test
    void agreesWithDuckDbOnEveryQuery()
            throws Exception
    {
        QueryData data = new QueryData(3_000);
        List<BenchQuery> queries = QueryBenchmark.queries(data, 1);
        try (QueryEngine duckdb = DuckDbQueryEngine.open();
                QueryEngine calcite = CalciteRowQueryEngine.open()) {
            duckdb.load(data);
            calcite.load(data);
            for (BenchQuery query : queries) {
                Measurement duckdbMeasurement = QueryTimer.measure(duckdb.connection(), query.sql(), 1);
                Measurement calciteMeasurement = QueryTimer.measure(calcite.connection(), query.sql(), 1);

                assertThat(duckdbMeasurement.failure()).as("duckdb: " + query.name()).isNull();
                assertThat(calciteMeasurement.failure()).as("calcite-rows: " + query.name()).isNull();
                assertThat(calciteMeasurement.result().matches(duckdbMeasurement.result()))
                        .as(query.name() + ": duckdb " + duckdbMeasurement.result() + " vs calcite-rows " + calciteMeasurement.result())
                        .isTrue();
            }
        }
    }

    @Test
    void holdsEveryRow()
            throws Exception
    {
        QueryData data = new QueryData(1_234);
        try (QueryEngine calcite = CalciteRowQueryEngine.open()) {
            calcite.load(data);
            assertThat(SluiceJobs.queryLong(calcite.connection(), "select count(*) from sales")).isEqualTo(1_234);
            assertThat(SluiceJobs.queryLong(calcite.connection(), "select count(*) from users")).isEqualTo(1_234);
            assertThat(SluiceJobs.queryLong(calcite.connection(), "select count(*) from stores")).isEqualTo(QueryData.STORES);
            Set<String> customers = new HashSet<>();
            for (long id = 1; id <= data.rows(); id++) {
                customers.add(data.customer(id));
            }
            assertThat(SluiceJobs.queryLong(calcite.connection(), "select count(distinct customer) from sales")).isEqualTo(customers.size());
        }
    }

    @Test
    void datesComeBackAsTheGeneratedDays()
            throws Exception
    {
        QueryData data = new QueryData(500);
        try (QueryEngine calcite = CalciteRowQueryEngine.open()) {
            calcite.load(data);
            try (Statement statement = calcite.connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("select sale_date from sales where id = 7")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(ResultRows.normalize(resultSet.getObject(1))).isEqualTo(data.saleDate(7).toString());
            }
        }
    }

    @Test
    void sumsIntegersAsBigint()
            throws Exception
    {
        try (QueryEngine calcite = CalciteRowQueryEngine.open()) {
            calcite.load(new QueryData(100));
            try (Statement statement = calcite.connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("select sum(quantity), sum(store_id) from sales")) {
                assertThat(resultSet.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
                assertThat(resultSet.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
            }
        }
    }

    @Test
    void integerSumsDoNotWrapAround()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("lex", "MYSQL");
        properties.setProperty("typeSystem", WideSumTypeSystem.class.getName());
        try (Connection connection = DriverManager.getConnection("jdbc:calcite:", properties)) {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            calcite.getRootSchema().add("big", new ArrayScanTable(List.of(ArrayColumn.integer("amount", new int[] {2_000_000_000, 2_000_000_000}))));
            assertThat(SluiceJobs.queryLong(connection, "select sum(amount) from big")).isEqualTo(4_000_000_000L);
        }
    }

    @Test
    void badSqlIsACleanError()
            throws Exception
    {
        try (QueryEngine calcite = CalciteRowQueryEngine.open()) {
            calcite.load(new QueryData(10));
            Measurement unknownTable = QueryTimer.measure(calcite.connection(), run -> "select * from nowhere", 1);
            Measurement syntax = QueryTimer.measure(calcite.connection(), run -> "select from where", 1);

            assertThat(unknownTable.failure()).contains("nowhere");
            assertThat(syntax.isFailed()).isTrue();
        }
    }

    @Test
    void refusesQueriesBeforeLoading()
            throws SQLException
    {
        try (QueryEngine calcite = CalciteRowQueryEngine.open()) {
            assertThatThrownBy(calcite::connection).isInstanceOf(IllegalStateException.class).hasMessageContaining("not loaded");
        }
    }

    @Test
    void rejectsInconsistentColumns()
    {
        assertThatThrownBy(() -> new ArrayScanTable(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrayScanTable(List.of(ArrayColumn.bigint("id", new long[3]), ArrayColumn.integer("quantity", new int[2]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity has 2 rows");
        assertThatThrownBy(() -> new ArrayScanTable(List.of(ArrayColumn.bigint("id", new long[1]), ArrayColumn.integer("id", new int[1]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate column id");
        assertThatThrownBy(() -> ArrayColumn.varchar("name", 8, new String[] {"a", null}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null at row 1");
        assertThatThrownBy(() -> ArrayColumn.varchar("name", 0, new String[] {"a"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
