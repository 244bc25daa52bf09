package io.sluice.it;

import io.sluice.server.SluiceConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.kafka.EmbeddedKafkaBroker;
import io.sluice.server.kafka.TopicProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real KRaft broker and a Sluice server, each with its own data directory on free ports. Sluice runs in the test JVM,
 * or ({@link #withSluiceProcess}) in a JVM of its own that a test can kill with SIGKILL. Sluice can be restarted on the
 * same data directory to check what survives, and the broker stopped and started again on the same port.
 */
final class SluiceCluster
        implements AutoCloseable
{
    private final Path directory;
    private final Path sluiceData;
    private final boolean ownProcess;
    private final List<String> jvmOptions;
    private EmbeddedKafkaBroker kafka;
    private int kafkaPort;
    private SluiceServer sluice;
    private Process sluiceProcess;
    private int sluicePort;
    private int sluiceHttpPort;
    private int sluiceStarts;
    private Path sluiceLog;

    SluiceCluster(Path directory)
    {
        this(directory, false, List.of());
    }

    private SluiceCluster(Path directory, boolean ownProcess, List<String> jvmOptions)
    {
        this.directory = directory;
        this.ownProcess = ownProcess;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), "127.0.0.1", 0);
        this.kafkaPort = kafka.port();
        this.sluiceData = directory.resolve("sluice");
        startSluice();
    }

    /** Sluice in a JVM of its own (the test JVM's classpath), so that {@link #killSluice()} can SIGKILL it. */
    static SluiceCluster withSluiceProcess(Path directory)
    {
        return new SluiceCluster(directory, true, List.of());
    }

    /** Like {@link #withSluiceProcess(Path)}, with extra options for Sluice's JVM (e.g. {@code -Dlogback.configurationFile=...}). */
    static SluiceCluster withSluiceProcess(Path directory, List<String> jvmOptions)
    {
        return new SluiceCluster(directory, true, jvmOptions);
    }

    void startSluice()
    {
        if (!ownProcess) {
            sluice = SluiceServer.start(new SluiceConfig("127.0.0.1", 0, sluiceData, Optional.empty()));
            return;
        }
        launchSluice();
        awaitListening(sluiceLog);
    }

    /** Starts Sluice's own JVM and returns at once, e.g. to kill it while it recovers; {@link #killSluice()} then. */
    void launchSluice()
    {
        if (!ownProcess) {
            throw new IllegalStateException("Sluice runs in the test JVM; use SluiceCluster.withSluiceProcess");
        }
        sluicePort = freePort();
        sluiceHttpPort = freePort();
        sluiceLog = directory.resolve("sluice-" + (++sluiceStarts) + ".log");
        try {
            Files.createDirectories(sluiceData);
            sluiceProcess = new ProcessBuilder(sluiceCommand()).redirectErrorStream(true).redirectOutput(sluiceLog.toFile()).start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start Sluice", e);
        }
    }

    private List<String> sluiceCommand()
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sluice.server.Main",
                "--port", Integer.toString(sluicePort), "--http-port", Integer.toString(sluiceHttpPort), "--data-dir", sluiceData.toString()));
        return command;
    }

    private void awaitListening(Path log)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!sluiceProcess.isAlive()) {
                // The temporary directory is gone once the test ends, so the log goes into the failure itself, and every
                // start's log, the data directory's listing and the metadata are kept under target/ to find the cause.
                Path kept = keepFailedStart();
                throw new IllegalStateException("Sluice exited with " + sluiceProcess.exitValue() + "; its log " + log + " (kept with the earlier starts' logs, "
                        + "the data directory's listing and the metadata in " + kept + "):\n" + logText(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", sluicePort), 200);
                return;
            }
            catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    sluiceProcess.destroyForcibly();
                    throw new IllegalStateException("Sluice did not listen on port " + sluicePort + " within 120 s; see " + log + ", kept in " + keepFailedStart());
                }
                sleep(50);
            }
        }
    }

    void restartSluice()
    {
        stopSluice();
        startSluice();
    }

    private void stopSluice()
    {
        if (sluice != null) {
            sluice.close();
            sluice = null;
        }
        if (sluiceProcess != null) {
            sluiceProcess.destroy();
            awaitExit();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void killSluice()
    {
        if (!ownProcess) {
            throw new IllegalStateException("Sluice runs in the test JVM; use SluiceCluster.withSluiceProcess to kill it");
        }
        sluiceProcess.destroyForcibly();
        awaitExit();
    }

    private void awaitExit()
    {
        try {
            if (!sluiceProcess.waitFor(60, TimeUnit.SECONDS)) {
                sluiceProcess.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sluiceProcess = null;
    }

    /** Stops the broker; its data and port stay reserved for {@link #startKafka()}. */
    void stopKafka()
    {
        kafka.close();
        kafka = null;
    }

    /** Starts the broker again on the same directory and port, as a restarted broker would come back. */
    void startKafka()
    {
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), "127.0.0.1", kafkaPort);
    }

    /** The console output of the current (or last) Sluice JVM: one file per start (see {@link #withSluiceProcess}). */
    Path sluiceLog()
    {
        if (!ownProcess) {
            throw new IllegalStateException("Sluice runs in the test JVM");
        }
        return sluiceLog;
    }

    /** The process id of Sluice's own JVM (see {@link #withSluiceProcess}), e.g. for jcmd. */
    long sluicePid()
    {
        if (!ownProcess) {
            throw new IllegalStateException("Sluice runs in the test JVM");
        }
        return sluiceProcess.pid();
    }

    int port()
    {
        return ownProcess ? sluicePort : sluice.port();
    }

    /** The HTTP port: /metrics, /api/..., the web console. */
    int httpPort()
    {
        return ownProcess ? sluiceHttpPort : sluice.httpPort();
    }

    String bootstrapServers()
    {
        return "127.0.0.1:" + kafkaPort;
    }

    MysqlCli mysql()
    {
        return new MysqlCli(port());
    }

    String jdbcUrl(String driver, String database)
    {
        return "jdbc:" + driver + "://127.0.0.1:" + port() + "/" + database + "?user=root&password=&useSSL=false&connectTimeout=10000";
    }

    /** A MySQL Connector/J connection, as users connect. */
    Connection connect(String database)
            throws SQLException
    {
        return DriverManager.getConnection(jdbcUrl("mysql", database == null ? "" : database) + "&socketTimeout=60000");
    }

    void createTopic(String topic, int partitions)
    {
        createTopic(topic, partitions, Map.of());
    }

    /**
     * Creates the topic and waits until every partition has its leader: a produce right after creation can meet
     * NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry then gets stuck on OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    void createTopic(String topic, int partitions, Map<String, String> configs)
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
            }
            awaitTrue("leaders of " + topic, () -> leadersKnown(admin, topic, partitions));
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
    }

    private static boolean leadersKnown(Admin admin, String topic, int partitions)
    {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            return description.partitions().size() == partitions && description.partitions().stream().allMatch(partition -> partition.leader() != null);
        }
        catch (Exception notYet) {
            return false;
        }
    }

    void produce(String topic, List<String> messages)
    {
        TopicProducer.produceLines(bootstrapServers(), topic, new BufferedReader(new StringReader(String.join("\n", messages))));
    }

    static void awaitTrue(String what, BooleanSupplier condition)
    {
        awaitTrue(what, 60, condition);
    }

    static void awaitTrue(String what, long timeoutSeconds, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeoutSeconds + " s waiting for " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        try {
            stopSluice();
        }
        finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /**
     * Copies what explains a failed start out of the temporary directory (deleted when the test ends) into
     * {@code target/failed-starts/<time>/}: every start's log (the earlier processes' DEBUG lines say which commit or
     * compaction wrote or removed which segment), a listing of the data directory with file sizes, and the metadata
     * database. Never throws: the failure itself matters more than this copy.
     */
    private Path keepFailedStart()
    {
        Path kept = Path.of("target", "failed-starts", java.time.LocalDateTime.now().toString().replace(':', '-')).toAbsolutePath();
        try {
            Files.createDirectories(kept);
            try (var files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("sluice-") && name.endsWith(".log")) {
                        Files.copy(file, kept.resolve(name));
                    }
                }
            }
            StringBuilder listing = new StringBuilder();
            try (var files = Files.walk(sluiceData)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    listing.append(sluiceData.relativize(file)).append(Files.isDirectory(file) ? "/" : "\t" + Files.size(file)).append('\n');
                }
            }
            Files.writeString(kept.resolve("data-directory.txt"), listing);
            Path meta = sluiceData.resolve("meta");
            if (Files.isDirectory(meta)) {
                Files.createDirectories(kept.resolve("meta"));
                try (var files = Files.list(meta)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, kept.resolve("meta").resolve(file.getFileName()));
                    }
                }
            }
        }
        catch (IOException | UncheckedIOException e) {
            System.err.println("Could not keep everything of the failed start in " + kept + ": " + e);
        }
        return kept;
    }

    private static String logText(Path log)
    {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
