package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sluice as users run it: {@code bin/sluice} in its own JVM on a free loopback port with its own data directory.
 * Its CPU time and peak RSS are read from /proc.
 */
public final class SluiceProcess
        implements AutoCloseable
{
    private final Process process;
    private final int port;
    private final Path log;

    private SluiceProcess(Process process, int port, Path log)
    {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static SluiceProcess start(Path repositoryRoot, Path dataDirectory, String javaOptions)
    {
        int port = freePort();
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        try {
            Files.createDirectories(dataDirectory);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    repositoryRoot.resolve("bin/sluice").toString(), "--port", Integer.toString(port), "--http-port", "0",
                    "--data-dir", dataDirectory.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("SLUICE_JAVA_OPTS", javaOptions);
            Process process = builder.start();
            SluiceProcess sluice = new SluiceProcess(process, port, log);
            sluice.awaitReady();
            return sluice;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start bin/sluice", e);
        }
    }

    private void awaitReady()
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Sluice exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Sluice did not listen on port " + port + " within 180 s; see " + log);
    }

    public int port()
    {
        return port;
    }

    public long pid()
    {
        return process.pid();
    }

    public double cpuSeconds()
    {
        return ProcessStatistics.cpuSeconds(process.pid());
    }

    /**
     * Waits until the JVM uses under 5% of a core over a second (compaction after a load is done), at most the timeout;
     * the figures taken afterwards are then those of a table at rest, as the embedded peers' are.
     */
    public void awaitIdle(int timeoutSeconds)
    {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        double before = cpuSeconds();
        while (System.nanoTime() < deadline) {
            sleep(1000);
            double now = cpuSeconds();
            if (now - before < 0.05) {
                return;
            }
            before = now;
        }
    }

    public long peakResidentBytes()
    {
        return ProcessStatistics.peakResidentBytes(process.pid());
    }

    /** A MySQL Connector/J connection, as users connect. */
    public Connection connect(String database)
            throws SQLException
    {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/" + (database == null ? "" : database)
                + "?user=root&password=&useSSL=false&connectTimeout=10000&socketTimeout=600000");
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
