package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * One line of a benchmark's result table: which benchmark, which variant (engine, table model, query...), and its
 * measured figures in display order. Figures are numbers or short strings.
 */
public record BenchResult(String benchmark, String variant, Map<String, Object> figures)
{
    public BenchResult
    {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(variant, "variant is null");
        figures = unmodifiableMap(new LinkedHashMap<>(requireNonNull(figures, "figures is null")));
    }

    public static Builder builder(String benchmark, String variant)
    {
        return new Builder(benchmark, variant);
    }

    public static final class Builder
    {
        private final String benchmark;
        private final String variant;
        private final Map<String, Object> figures = new LinkedHashMap<>();

        private Builder(String benchmark, String variant)
        {
            this.benchmark = benchmark;
            this.variant = variant;
        }

        public Builder add(String name, Object value)
        {
            figures.put(name, value);
            return this;
        }

        public BenchResult build()
        {
            return new BenchResult(benchmark, variant, figures);
        }
    }
}
