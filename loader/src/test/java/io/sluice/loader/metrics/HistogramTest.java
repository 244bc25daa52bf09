package io.sluice.loader.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistogramTest
{
    @Test
    void countsAreCumulativeAndBoundsInclusive()
    {
        Histogram histogram = new Histogram(new double[] {0.1, 1, 10});
        histogram.observe(0.05);
        histogram.observe(0.1);
        histogram.observe(0.5);
        histogram.observe(10);
        histogram.observe(11);
        histogram.observe(Double.NaN);

        Histogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.cumulativeCounts()).containsExactly(2, 3, 4, 5);
        assertThat(snapshot.count()).isEqualTo(5);
        assertThat(snapshot.sum()).isEqualTo(0.05 + 0.1 + 0.5 + 10 + 11);
    }

    @Test
    void nanosecondsAreRecordedAsSeconds()
    {
        Histogram histogram = new Histogram(Histogram.SECONDS);
        histogram.observeNanos(1_500_000_000L);
        assertThat(histogram.snapshot().sum()).isEqualTo(1.5);
    }

    @Test
    void boundsMustIncrease()
    {
        assertThatThrownBy(() -> new Histogram(new double[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(new double[] {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(new double[] {1, Double.POSITIVE_INFINITY})).isInstanceOf(IllegalArgumentException.class);
    }
}
