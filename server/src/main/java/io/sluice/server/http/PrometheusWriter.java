package io.sluice.server.http;

import io.sluice.loader.metrics.Histogram;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family one {@code # HELP} and one
 * {@code # TYPE} line, then its samples ({@code name{label="value",...} number}). Label values and help texts are
 * escaped as the format requires; a histogram becomes cumulative {@code _bucket{le="..."}} samples ending with
 * {@code le="+Inf"}, then {@code _sum} and {@code _count}. Callers write all samples of a family right after it.
 */
public final class PrometheusWriter
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out;

    public PrometheusWriter(StringBuilder out)
    {
        this.out = requireNonNull(out, "out is null");
    }

    public enum Type
    {
        COUNTER, GAUGE, HISTOGRAM;

        String text()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Starts a metric family: its HELP and TYPE lines. */
    public PrometheusWriter family(String name, Type type, String help)
    {
        checkMetricName(name);
        requireNonNull(type, "type is null");
        requireNonNull(help, "help is null");
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char character = help.charAt(i);
            switch (character) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(character);
            }
        }
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.text()).append('\n');
        return this;
    }

    /** One sample; {@code labels} are name, value pairs. */
    public PrometheusWriter sample(String name, double value, String... labels)
    {
        checkMetricName(name);
        out.append(name);
        appendLabels(labels, null);
        out.append(' ');
        appendNumber(value);
        out.append('\n');
        return this;
    }

    /** The samples of one histogram series (the family was started with {@link Type#HISTOGRAM}). */
    public PrometheusWriter histogram(String name, Histogram.Snapshot snapshot, String... labels)
    {
        checkMetricName(name);
        double[] bounds = snapshot.upperBounds();
        long[] counts = snapshot.cumulativeCounts();
        for (int i = 0; i <= bounds.length; i++) {
            out.append(name).append("_bucket");
            appendLabels(labels, i < bounds.length ? number(bounds[i]) : "+Inf");
            out.append(' ').append(counts[i]).append('\n');
        }
        out.append(name).append("_sum");
        appendLabels(labels, null);
        out.append(' ');
        appendNumber(snapshot.sum());
        out.append('\n');
        out.append(name).append("_count");
        appendLabels(labels, null);
        out.append(' ').append(snapshot.count()).append('\n');
        return this;
    }

    private void appendLabels(String[] labels, String le)
    {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name, value pairs");
        }
        if (labels.length == 0 && le == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (!LABEL_NAME.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                throw new IllegalArgumentException("invalid label name: " + labels[i]);
            }
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"");
            appendLabelValue(requireNonNull(labels[i + 1], "label value is null"));
            out.append('"');
        }
        if (le != null) {
            if (labels.length > 0) {
                out.append(',');
            }
            out.append("le=\"").append(le).append('"');
        }
        out.append('}');
    }

    private void appendLabelValue(String value)
    {
        for (int i = 0; i < value.length(); i++) {
            char character = value.charAt(i);
            switch (character) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(character);
            }
        }
    }

    private void appendNumber(double value)
    {
        out.append(number(value));
    }

    /** Integers without a fraction (as Prometheus prints them), NaN and infinities as the format spells them. */
    static String number(double value)
    {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void checkMetricName(String name)
    {
        if (!METRIC_NAME.matcher(requireNonNull(name, "name is null")).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
    }
}
