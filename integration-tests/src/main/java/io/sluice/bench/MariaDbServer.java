package io.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server (Debian's {@code mariadb-server}): a data directory of its own initialized with
 * mariadb-install-db, mariadbd without any option file on 127.0.0.1 and a free port, its socket, pid file and logs in
 * the same directory. Root connects over TCP without a password. Closing stops it with SIGTERM.
 */
public final class MariaDbServer
        implements AutoCloseable
{
    static final String PACKAGE = "mariadb-server";
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path directory;
    private final int port;
    private final String version;

    private MariaDbServer(Process process, Path directory, int port, String version)
    {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.version = version;
    }

    /** Initializes a data directory under {@code directory} and starts the server; returns once it accepts connections. */
    public static MariaDbServer start(Path directory)
    {
        Path server = executable("mariadbd", "/usr/sbin", "/usr/local/sbin", "/usr/bin");
        Path installDb = executable("mariadb-install-db", "/usr/bin", "/usr/local/bin", "/usr/sbin");
        Path data = directory.resolve("data");
        try {
            Files.createDirectories(directory);
            install(installDb, data, directory.resolve("install.log"));
            int port = SluiceProcess.freePort();
            List<String> command = new ArrayList<>(List.of(
                    server.toString(),
                    "--no-defaults",
                    "--datadir=" + data,
                    "--socket=" + directory.resolve("mariadb.sock"),
                    "--pid-file=" + directory.resolve("mariadb.pid"),
                    "--log-error=" + directory.resolve("error.log"),
                    "--bind-address=127.0.0.1",
                    "--port=" + port,
                    "--skip-name-resolve",
                    // Big enough to hold the benchmark's tables, as a tuned production server would.
                    "--innodb-buffer-pool-size=1G"));
            runAsRootIfRoot(command);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("mariadbd.out").toFile())
                    .start();
            try {
                String version = awaitReady(process, port, directory);
                return new MariaDbServer(process, directory, port, version);
            }
            catch (RuntimeException e) {
                stop(process);
                throw e;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start MariaDB in " + directory, e);
        }
    }

    private static void install(Path installDb, Path data, Path log)
            throws IOException
    {
        List<String> command = new ArrayList<>(List.of(
                installDb.toString(),
                "--no-defaults",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--datadir=" + data));
        runAsRootIfRoot(command);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish within " + START_TIMEOUT_SECONDS + " s; see " + log);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while initializing MariaDB", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed with exit code " + process.exitValue() + ": " + tail(log));
        }
    }

    /** mariadbd refuses to run as root unless told to; as anyone else it runs as that user. */
    private static void runAsRootIfRoot(List<String> command)
    {
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
    }

    private static String awaitReady(Process process, int port, Path directory)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        SQLException lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": " + tail(directory.resolve("error.log")));
            }
            try (Connection connection = DriverManager.getConnection(url(port, ""));
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select version()")) {
                resultSet.next();
                return resultSet.getString(1);
            }
            catch (SQLException notYet) {
                lastFailure = notYet;
                SluiceProcess.sleep(100);
            }
        }
        throw new IllegalStateException("MariaDB did not accept connections on port " + port + " within " + START_TIMEOUT_SECONDS + " s"
                + (lastFailure == null ? "" : ": " + lastFailure.getMessage()) + "; see " + directory.resolve("error.log"));
    }

    private static Path executable(String name, String... directories)
    {
        List<String> candidates = new ArrayList<>(List.of(directories));
        String path = System.getenv("PATH");
        if (path != null) {
            candidates.addAll(List.of(path.split(File.pathSeparator)));
        }
        Optional<Path> found = candidates.stream()
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
        return found.orElseThrow(() -> new IllegalStateException(
                name + " not found: install MariaDB with `apt-get install -y " + PACKAGE + "` (bin/bench does this when it is missing)"));
    }

    private static String tail(Path log)
    {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static String url(int port, String database)
    {
        // The same Connector/J options as SluiceProcess.connect: the point-select client must not differ per server.
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?user=root&password=&useSSL=false&connectTimeout=10000&socketTimeout=600000";
    }

    public int port()
    {
        return port;
    }

    /** What {@code select version()} answered, e.g. 10.11.6-MariaDB-0+deb12u1. */
    public String version()
    {
        return version;
    }

    /** A Connector/J connection as root; {@code database} may be null. */
    public Connection connect(String database)
            throws SQLException
    {
        return DriverManager.getConnection(url(port, database == null ? "" : database));
    }

    /** A connection for bulk loading: Connector/J sends a batch as multi-row INSERTs. */
    public Connection connectForLoading(String database)
            throws SQLException
    {
        return DriverManager.getConnection(url(port, database) + "&rewriteBatchedStatements=true");
    }

    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        stop(process);
    }

    private static void stop(Process process)
    {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
