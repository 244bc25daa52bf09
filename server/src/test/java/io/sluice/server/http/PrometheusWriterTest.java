package io.sluice.server.http;

import io.sluice.loader.metrics.Histogram;
import org.junit.jupiter.api.Test;

import static io.sluice.server.http.PrometheusWriter.Type.COUNTER;
import static io.sluice.server.http.PrometheusWriter.Type.GAUGE;
import static io.sluice.server.http.PrometheusWriter.Type.HISTOGRAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusWriterTest
{
    @Test
    void writesHelpTypeAndSamples()
    {
        StringBuilder text = new StringBuilder();
        new PrometheusWriter(text)
                .family("sluice_rows_total", COUNTER, "Rows loaded.")
                .sample("sluice_rows_total", 42, "job", "orders", "database", "shop")
                .family("sluice_up", GAUGE, "Up.")
                .sample("sluice_up", 1);
        assertThat(text.toString()).isEqualTo("""
                # HELP sluice_rows_total Rows loaded.
                # TYPE sluice_rows_total counter
                sluice_rows_total{job="orders",database="shop"} 42
                # HELP sluice_up Up.
                # TYPE sluice_up gauge
                sluice_up 1
                """);
    }

    @Test
    void escapesLabelValuesAndHelp()
    {
        StringBuilder text = new StringBuilder();
        new PrometheusWriter(text)
                .family("m", GAUGE, "a \\ b\nc \"quoted\"")
                .sample("m", 1, "job", "a\"b\\c\nd");
        assertThat(text.toString()).isEqualTo("""
                # HELP m a \\\\ b\\nc "quoted"
                # TYPE m gauge
                m{job="a\\"b\\\\c\\nd"} 1
                """);
    }

    @Test
    void formatsNumbers()
    {
        assertThat(PrometheusWriter.number(3)).isEqualTo("3");
        assertThat(PrometheusWriter.number(-2)).isEqualTo("-2");
        assertThat(PrometheusWriter.number(0.25)).isEqualTo("0.25");
        assertThat(PrometheusWriter.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusWriter.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusWriter.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void writesCumulativeHistogramBuckets()
    {
        Histogram histogram = new Histogram(new double[] {0.1, 1});
        histogram.observe(0.05);
        histogram.observe(0.5);
        histogram.observe(0.75);
        histogram.observe(3);
        StringBuilder text = new StringBuilder();
        new PrometheusWriter(text)
                .family("commit_seconds", HISTOGRAM, "Commits.")
                .histogram("commit_seconds", histogram.snapshot(), "job", "j");
        assertThat(text.toString()).isEqualTo("""
                # HELP commit_seconds Commits.
                # TYPE commit_seconds histogram
                commit_seconds_bucket{job="j",le="0.1"} 1
                commit_seconds_bucket{job="j",le="1"} 3
                commit_seconds_bucket{job="j",le="+Inf"} 4
                commit_seconds_sum{job="j"} 4.3
                commit_seconds_count{job="j"} 4
                """);
    }

    @Test
    void histogramWithoutLabelsHasOnlyLe()
    {
        StringBuilder text = new StringBuilder();
        new PrometheusWriter(text).histogram("q", new Histogram(new double[] {1}).snapshot());
        assertThat(text.toString()).isEqualTo("""
                q_bucket{le="1"} 0
                q_bucket{le="+Inf"} 0
                q_sum 0
                q_count 0
                """);
    }

    @Test
    void rejectsInvalidNames()
    {
        PrometheusWriter writer = new PrometheusWriter(new StringBuilder());
        assertThatThrownBy(() -> writer.sample("bad-name", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.sample("m", 1, "bad label", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.sample("m", 1, "__reserved", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.sample("m", 1, "odd")).isInstanceOf(IllegalArgumentException.class);
    }
}
