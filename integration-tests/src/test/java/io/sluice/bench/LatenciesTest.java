package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest
{
    @Test
    void nearestRankPercentilesOverMergedThreads()
    {
        Latencies first = new Latencies();
        Latencies second = new Latencies();
        // 1..10000 ms, spread over two recorders in reverse order, past the initial capacity.
        for (int millis = 10_000; millis >= 1; millis--) {
            (millis % 2 == 0 ? first : second).record(millis * 1_000_000L);
        }
        Latencies merged = Latencies.merge(List.of(first, second));

        assertThat(merged.count()).isEqualTo(10_000);
        assertThat(merged.percentileMillis(50)).isEqualTo(5000.0);
        assertThat(merged.percentileMillis(99)).isEqualTo(9900.0);
        assertThat(merged.percentileMillis(100)).isEqualTo(10_000.0);
        assertThat(merged.percentileMillis(0.001)).isEqualTo(1.0);
    }

    @Test
    void emptyAndInvalid()
    {
        assertThat(Latencies.merge(List.of()).percentileMillis(99)).isNaN();
        assertThatThrownBy(() -> new Latencies().percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
