package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Sizes and switches of a benchmark run. Defaults are the real sizes; {@code --smoke} shrinks everything so the
 * whole harness runs in seconds (as it does in {@code mvn verify}).
 */
public record BenchOptions(
        List<String> benchmarks,
        long ingestMessages,
        int partitions,
        int freshnessRate,
        int freshnessSeconds,
        long queryRows,
        int pointThreads,
        int pointSeconds,
        int warmRuns,
        boolean record,
        boolean smoke,
        Path repositoryRoot,
        Path resultsDirectory,
        String sluiceJavaOptions,
        List<String> ingestVariants,
        int ingestRepeats,
        String commandLine)
{
    public static final List<String> ALL = List.of("ingest", "freshness", "query", "point");

    public BenchOptions
    {
        benchmarks = List.copyOf(requireNonNull(benchmarks, "benchmarks is null"));
        requireNonNull(repositoryRoot, "repositoryRoot is null");
        requireNonNull(resultsDirectory, "resultsDirectory is null");
        requireNonNull(sluiceJavaOptions, "sluiceJavaOptions is null");
        ingestVariants = List.copyOf(requireNonNull(ingestVariants, "ingestVariants is null"));
        requireNonNull(commandLine, "commandLine is null");
        if (ingestRepeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1");
        }
        for (String benchmark : benchmarks) {
            if (!ALL.contains(benchmark)) {
                throw new IllegalArgumentException("Unknown benchmark '" + benchmark + "'; choose from " + String.join(", ", ALL) + " or all");
            }
        }
    }

    /** The same options writing their results elsewhere and never to BENCHMARKS.md (for the smoke test). */
    public BenchOptions withResultsIn(Path directory)
    {
        return new BenchOptions(benchmarks, ingestMessages, partitions, freshnessRate, freshnessSeconds, queryRows, pointThreads, pointSeconds,
                warmRuns, false, smoke, repositoryRoot, directory, sluiceJavaOptions, ingestVariants, ingestRepeats, commandLine);
    }

    public static final String USAGE = """
            Usage: bin/bench ingest|freshness|query|point|all [...] [options]
              --messages N        ingest: messages per variant (default 5000000)
              --partitions N      partitions of the ingest and freshness topics (default 4)
              --rate N            freshness: messages per second (default 50000)
              --seconds N         freshness: seconds of producing (default 60)
              --rows N            query: rows loaded into each engine (default 10000000)
              --threads N         point: client threads (default 8)
              --point-seconds N   point: seconds per engine (default 30)
              --warm-runs N       query: warm runs per query, the median is reported (default 5)
              --smoke             tiny sizes, for checking the harness
              --no-record         do not append to BENCHMARKS.md
              --sluice-java-opts  JVM options of the Sluice server (default -Xmx12g)
              --variants A,B      ingest: only the Sluice variants whose names contain one of these (e.g. primary,csv)
              --repeats N         ingest: measured passes per variant, each right after a ceiling pass; the median
                                  ratio is reported (default 3)
            """;

    public static BenchOptions parse(List<String> arguments, Path repositoryRoot)
    {
        List<String> benchmarks = new ArrayList<>();
        long messages = 5_000_000;
        int partitions = 4;
        int rate = 50_000;
        int seconds = 60;
        long rows = 10_000_000;
        int threads = 8;
        int pointSeconds = 30;
        int warmRuns = 5;
        boolean record = true;
        boolean smoke = false;
        String javaOptions = "-Xmx12g";
        List<String> variants = List.of();
        int repeats = 3;
        Set<String> explicit = new HashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "all" -> benchmarks.addAll(ALL);
                case "--messages" -> messages = Long.parseLong(value(arguments, ++i, argument));
                case "--partitions" -> partitions = Integer.parseInt(value(arguments, ++i, argument));
                case "--rate" -> rate = Integer.parseInt(value(arguments, ++i, argument));
                case "--seconds" -> seconds = Integer.parseInt(value(arguments, ++i, argument));
                case "--rows" -> rows = Long.parseLong(value(arguments, ++i, argument));
                case "--threads" -> threads = Integer.parseInt(value(arguments, ++i, argument));
                case "--point-seconds" -> pointSeconds = Integer.parseInt(value(arguments, ++i, argument));
                case "--warm-runs" -> warmRuns = Integer.parseInt(value(arguments, ++i, argument));
                case "--no-record" -> record = false;
                case "--smoke" -> smoke = true;
                case "--sluice-java-opts" -> javaOptions = value(arguments, ++i, argument);
                case "--variants" -> variants = List.of(value(arguments, ++i, argument).split(","));
                case "--repeats" -> repeats = Integer.parseInt(value(arguments, ++i, argument));
                default -> {
                    if (argument.startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option " + argument);
                    }
                    benchmarks.add(argument);
                }
            }
            if (argument.startsWith("--")) {
                explicit.add(argument);
            }
        }
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("Name a benchmark: " + String.join(", ", ALL) + " or all");
        }
        if (smoke) {
            messages = explicit.contains("--messages") ? messages : 20_000;
            rate = explicit.contains("--rate") ? rate : 2_000;
            seconds = explicit.contains("--seconds") ? seconds : 3;
            rows = explicit.contains("--rows") ? rows : 20_000;
            threads = explicit.contains("--threads") ? threads : 2;
            pointSeconds = explicit.contains("--point-seconds") ? pointSeconds : 2;
            warmRuns = explicit.contains("--warm-runs") ? warmRuns : 2;
            javaOptions = explicit.contains("--sluice-java-opts") ? javaOptions : "-Xmx1g";
            repeats = explicit.contains("--repeats") ? repeats : 1;
        }
        return new BenchOptions(benchmarks, messages, partitions, rate, seconds, rows, threads, pointSeconds, warmRuns, record, smoke,
                repositoryRoot,
                // Recorded runs keep their JSON beside BENCHMARKS.md; trial runs leave it in the build directory.
                repositoryRoot.resolve(record ? "integration-tests/bench-results" : "integration-tests/target/bench-results"),
                javaOptions, variants, repeats, "bin/bench " + String.join(" ", arguments));
    }

    /** Whether the ingest variant of this name is to run. */
    public boolean runsIngestVariant(String variant)
    {
        if (ingestVariants.isEmpty()) {
            return true;
        }
        for (String wanted : ingestVariants) {
            if (variant.contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String value(List<String> arguments, int index, String option)
    {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(index);
    }
}
