package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTimerTest
{
    @Test
    void warmUpsAreRunZeroAndItsResultIsKept()
            throws Exception
    {
        List<String> sent = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            Measurement measurement = QueryTimer.measure(connection, run -> {
                String sql = "select " + run + " + 1";
                sent.add(sql);
                return sql;
            }, 3);

            // warm-ups repeat run 0 (a fast query: until the cap), then the timed runs
            List<String> warmUps = sent.subList(0, sent.size() - 3);
            assertThat(warmUps).hasSizeBetween(1, QueryTimer.MAXIMUM_WARM_UP_RUNS).containsOnly("select 0 + 1");
            assertThat(sent.subList(sent.size() - 3, sent.size())).containsExactly("select 1 + 1", "select 2 + 1", "select 3 + 1");
            assertThat(measurement.failure()).isNull();
            assertThat(measurement.result().describe()).isEqualTo("1 row (1)");
            assertThat(measurement.medianMillis()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aFailingQueryBecomesAFailedMeasurement()
            throws Exception
    {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            Measurement measurement = QueryTimer.measure(connection, run -> "select * from missing_table", 2);

            assertThat(measurement.isFailed()).isTrue();
            assertThat(measurement.failure()).contains("MISSING_TABLE").doesNotContain("\n");
            assertThat(measurement.cell()).asString().startsWith("failed: ");
        }
    }

    @Test
    void median()
    {
        assertThat(QueryTimer.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(QueryTimer.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThatThrownBy(() -> QueryTimer.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
