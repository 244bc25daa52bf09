package io.sluice.bench;

import io.sluice.server.kafka.EmbeddedKafkaBroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark harness entry point ({@code bin/bench}): starts a KRaft broker on loopback, runs the chosen
 * benchmarks against Sluice (a separate JVM) and their peers, prints the tables, writes the JSON results and appends
 * them to BENCHMARKS.md.
 */
public final class Bench
{
    private Bench() {}

    public static void main(String[] args)
            throws Exception
    {
        Path root = Path.of(System.getProperty("sluice.root", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), root);
        }
        catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Report report = run(options);
        System.out.println(report.tables(false));
        System.out.println("Results: " + report.write());
        System.exit(0);
    }

    public static Report run(BenchOptions options)
            throws Exception
    {
        Machine machine = Machine.current();
        Report report = new Report(options, machine);
        System.out.println("Sluice benchmarks on " + machine.describe());
        Path work = Files.createTempDirectory("sluice-bench");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), "127.0.0.1", 0)) {
            BenchContext context = new BenchContext(options, kafka.bootstrapServers(), work, report);
            for (Benchmark benchmark : benchmarks()) {
                if (options.benchmarks().contains(benchmark.name())) {
                    System.out.println("Running " + benchmark.name() + "...");
                    report.method(benchmark.name(), benchmark.method());
                    benchmark.run(context);
                }
            }
        }
        finally {
            deleteRecursively(work);
        }
        return report;
    }

    private static List<Benchmark> benchmarks()
    {
        return List.of(new IngestBenchmark(), new FreshnessBenchmark(), new QueryBenchmark(), new PointSelectBenchmark());
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
