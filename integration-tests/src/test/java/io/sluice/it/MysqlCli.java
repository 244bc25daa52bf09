package io.sluice.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code mysql} command-line client (MariaDB's), run in batch mode against a Sluice port.
 */
final class MysqlCli
{
    record Result(int exitCode, String output, String error) {}

    private final int port;

    MysqlCli(int port)
    {
        this.port = port;
    }

    static String binary()
    {
        for (String candidate : List.of("/usr/bin/mysql", "/usr/bin/mariadb", "/usr/local/bin/mysql")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("The mysql client is not installed (Debian: apt-get install mariadb-client)");
    }

    /** Runs {@code mysql -e sql}, optionally in a database, with extra flags (e.g. -N for no headers). */
    Result execute(String database, String sql, String... flags)
    {
        List<String> command = baseCommand(database, flags);
        command.add("-e");
        command.add(sql);
        return run(command, null, false);
    }

    /** Pipes a script to mysql's stdin, as `mysql < script.sql` does. */
    Result script(String database, String script, String... flags)
    {
        return run(baseCommand(database, flags), script, false);
    }

    /** Like {@link #script}, with stderr merged into the output (use -n so errors stay in statement order). */
    Result scriptWithErrorsInline(String script, String... flags)
    {
        return run(baseCommand(null, flags), script, true);
    }

    private List<String> baseCommand(String database, String... flags)
    {
        List<String> command = new ArrayList<>(List.of(binary(), "-h127.0.0.1", "-P" + port, "-uroot", "--connect-timeout=10"));
        command.addAll(List.of(flags));
        if (database != null) {
            command.add(database);
        }
        return command;
    }

    private static Result run(List<String> command, String input, boolean mergeErrors)
    {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(mergeErrors).start();
            CompletableFuture<String> output = readAsync(process.getInputStream());
            CompletableFuture<String> error = readAsync(process.getErrorStream());
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mysql did not finish within 60 s: " + command);
            }
            return new Result(process.exitValue(), output.join(), error.join());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream)
    {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
