package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * What a benchmark gets: the options, the Kafka broker every benchmark shares, a scratch directory and the report.
 */
record BenchContext(BenchOptions options, String bootstrapServers, Path workDirectory, Report report)
{
    BenchContext
    {
        requireNonNull(options, "options is null");
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(workDirectory, "workDirectory is null");
        requireNonNull(report, "report is null");
    }

    /** A fresh directory under the scratch directory. */
    Path directory(String name)
    {
        try {
            return Files.createDirectories(workDirectory.resolve(name));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a Sluice server (a separate JVM through bin/sluice) with its own data directory. */
    SluiceProcess startSluice(String name)
    {
        return SluiceProcess.start(options.repositoryRoot(), directory(name), options.sluiceJavaOptions());
    }
}
