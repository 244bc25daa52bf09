package io.sluice.server.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) running inside this JVM, so that
 * Sluice needs no external Kafka to get started. All topics and messages live in one data directory, which
 * survives restarts.
 */
public final class EmbeddedKafkaBroker
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    // Our own lock, taken before Kafka touches the directory: a second broker on the same directory
    // then fails with a plain message instead of somewhere inside Kafka's startup.
    private static final String LOCK_FILE = "sluice-broker.lock";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    // A free port found by probing can be taken by someone else before Kafka binds it
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final DirectoryLock directoryLock;
    private final Path dataDirectory;
    private final String host;
    private final int port;
    private final String clusterId;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, DirectoryLock directoryLock, Path dataDirectory, String host, int port, String clusterId)
    {
        this.server = requireNonNull(server, "server is null");
        this.directoryLock = requireNonNull(directoryLock, "directoryLock is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
    }

    /**
     * Starts a broker on {@code dataDirectory}, formatting it first if it is new, and returns once the broker
     * accepts clients.
     *
     * @param dataDirectory a directory owned by the broker; created if missing
     * @param host the host name or address to listen on and to advertise to clients
     * @param port the client port, or 0 to pick a free one
     * @throws KafkaOperationException if the broker cannot be started
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory, String host, int port)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Kafka broker host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Kafka broker port must be between 0 and 65535: " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        long startNanos = System.nanoTime();

        DirectoryLock directoryLock = DirectoryLock.acquire(directory);
        try {
            InetAddress address = resolve(host);
            if (port != 0) {
                // The common conflict (another broker on 9092) gets a plain message instead of Kafka's stack traces
                checkPortFree(address, host, port);
            }
            String clusterId = formatIfNeeded(directory, host);
            for (int attempt = 1; ; attempt++) {
                int brokerPort = (port == 0) ? findFreePort(address) : port;
                int controllerPort = findFreePort(address);
                while (controllerPort == brokerPort) {
                    controllerPort = findFreePort(address);
                }
                Map<String, String> config = brokerConfig(directory, host, brokerPort, controllerPort);
                try {
                    KafkaRaftServer server = startServer(config, host, brokerPort);
                    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, directoryLock, directory, host, brokerPort, clusterId);
                    log.info("Kafka broker listening on {} (cluster id {}, data in {}) after {} ms",
                            broker.bootstrapServers(), clusterId, directory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                    return broker;
                }
                catch (PortTakenException e) {
                    if (attempt >= START_ATTEMPTS) {
                        throw new KafkaOperationException(e.getMessage(), e.getCause());
                    }
                    log.info("Retrying Kafka broker start: {}", e.getMessage());
                }
            }
        }
        catch (RuntimeException | Error e) {
            directoryLock.release();
            throw e;
        }
    }

    /** The address clients connect to, as {@code host:port}. */
    public String bootstrapServers()
    {
        return hostForUri(host) + ":" + port;
    }

    public int port()
    {
        return port;
    }

    public String clusterId()
    {
        return clusterId;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * Stops the broker and waits until it has released its ports and its data directory. Calling it again does nothing.
     */
    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(server);
        }
        finally {
            directoryLock.release();
        }
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    private static KafkaRaftServer startServer(Map<String, String> config, String host, int brokerPort)
            throws PortTakenException
    {
        KafkaRaftServer server;
        try {
            // doLog=false: the full configuration dump is noise for an embedded broker
            server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        }
        catch (RuntimeException e) {
            // Invalid settings, or a data directory that belongs to another node
            throw new KafkaOperationException("Kafka broker failed to start: " + e.getMessage(), e);
        }
        try {
            server.startup();
            awaitBrokerReady(hostForUri(host) + ":" + brokerPort);
            return server;
        }
        catch (RuntimeException | Error e) {
            stop(server);
            String bindFailure = bindFailureMessage(e);
            if (bindFailure != null) {
                throw new PortTakenException("Kafka broker failed to start: " + bindFailure, e);
            }
            if (e instanceof KafkaOperationException) {
                throw e;
            }
            throw new KafkaOperationException("Kafka broker failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * {@link KafkaRaftServer#startup()} already waits until the broker is registered and unfenced; this checks
     * from the outside, through the client port, that it really serves requests.
     */
    private static void awaitBrokerReady(String bootstrapServers)
    {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STARTUP_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            Exception lastFailure = null;
            while (true) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    String reason = (lastFailure == null) ? "broker not in cluster metadata" : lastFailure.getMessage();
                    throw new KafkaOperationException("Kafka broker on " + bootstrapServers + " did not become ready within "
                            + STARTUP_TIMEOUT.toSeconds() + " s: " + reason, lastFailure);
                }
                try {
                    DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMillis));
                    for (Node node : cluster.nodes().get(remainingMillis, TimeUnit.MILLISECONDS)) {
                        if (node.id() == NODE_ID) {
                            return;
                        }
                    }
                    lastFailure = null;
                }
                catch (ExecutionException e) {
                    lastFailure = (e.getCause() instanceof Exception cause) ? cause : e;
                }
                catch (TimeoutException e) {
                    lastFailure = e;
                }
                // Only reached while the broker is still registering: poll again shortly
                Thread.sleep(50);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaOperationException("Interrupted while waiting for the Kafka broker on " + bootstrapServers + " to start", e);
        }
    }

    private static void stop(KafkaRaftServer server)
    {
        try {
            server.shutdown();
            server.awaitShutdown();
        }
        catch (RuntimeException e) {
            log.warn("Kafka broker did not shut down cleanly", e);
        }
    }

    private static Map<String, String> brokerConfig(Path directory, String host, int brokerPort, int controllerPort)
    {
        String uriHost = hostForUri(host);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        // A static one-voter quorum: nothing about it is stored in the data directory, so the controller
        // may get a different port on every start
        config.put("controller.quorum.voters", NODE_ID + "@" + uriHost + ":" + controllerPort);
        config.put("listeners", BROKER_LISTENER + "://" + uriHost + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + uriHost + ":" + controllerPort);
        config.put("advertised.listeners", BROKER_LISTENER + "://" + uriHost + ":" + brokerPort);
        config.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", BROKER_LISTENER);
        config.put("log.dirs", directory.toString());
        // One node: every internal topic must make do with one replica
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.partitions", "1");
        config.put("auto.create.topics.enable", "true");
        // The default (no limit) lets a broker that cannot reach its own controller wait forever in startup()
        config.put("server.max.startup.time.ms", String.valueOf(STARTUP_TIMEOUT.toMillis()));
        // The log cleaner allocates this buffer on the heap when it starts; the 128 MiB default is meant for a
        // dedicated broker machine, not for a broker sharing the JVM with a database
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return Collections.unmodifiableMap(config);
    }

    /**
     * Formats a new data directory with a fresh cluster id; a formatted one keeps its cluster id (Kafka stores it in
     * {@code meta.properties}), which is what lets a restarted broker serve the old topics.
     */
    private static String formatIfNeeded(Path directory, String host)
    {
        Path metaProperties = directory.resolve(META_PROPERTIES);
        if (Files.exists(metaProperties)) {
            return readClusterId(metaProperties);
        }
        String clusterId = Uuid.randomUuid().toString();
        // The storage tool reads the broker configuration from a file; the ports in it do not matter for formatting
        Map<String, String> config = brokerConfig(directory, host, 9092, 9093);
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, UTF_8)) {
            configFile = Files.createTempFile("sluice-kafka-format", ".properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "Sluice embedded Kafka broker, used to format " + directory);
            }
            String[] arguments = {"format", "--config", configFile.toString(), "--cluster-id", clusterId};
            int exitCode = StorageTool.execute(arguments, printStream);
            if (exitCode != 0) {
                throw new KafkaOperationException("Cannot format Kafka data directory " + directory + ": " + output.toString(UTF_8).strip());
            }
        }
        catch (IOException e) {
            throw new KafkaOperationException("Cannot format Kafka data directory " + directory + ": " + e, e);
        }
        catch (KafkaOperationException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // StorageTool reports bad directories and configurations as exceptions
            throw new KafkaOperationException("Cannot format Kafka data directory " + directory + ": " + e.getMessage(), e);
        }
        finally {
            deleteQuietly(configFile);
        }
        log.info("Formatted Kafka data directory {} with cluster id {}", directory, clusterId);
        return clusterId;
    }

    private static String readClusterId(Path metaProperties)
    {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        }
        catch (IOException e) {
            throw new KafkaOperationException("Cannot read " + metaProperties + ": " + e, e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new KafkaOperationException(metaProperties + " has no cluster.id: the directory does not belong to a KRaft broker");
        }
        return clusterId;
    }

    private static InetAddress resolve(String host)
    {
        try {
            return InetAddress.getByName(host);
        }
        catch (UnknownHostException e) {
            throw new KafkaOperationException("Unknown Kafka broker host: " + host, e);
        }
    }

    private static int findFreePort(InetAddress address)
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new KafkaOperationException("Cannot find a free port on " + address.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    /** IPv6 literals need brackets in listener and bootstrap addresses. */
    private static String hostForUri(String host)
    {
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            return "[" + host + "]";
        }
        return host;
    }

    private static void checkPortFree(InetAddress address, String host, int port)
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        }
        catch (IOException e) {
            throw new KafkaOperationException("Kafka broker port " + hostForUri(host) + ":" + port + " is not available: " + e.getMessage(), e);
        }
    }

    /**
     * The message of the exception that wraps a {@link BindException}: Kafka's says which address was taken, unlike
     * the outer exceptions that reach us. Null if binding a port was not the problem.
     */
    private static String bindFailureMessage(Throwable throwable)
    {
        String message = null;
        for (Throwable current = throwable; current != null && current.getCause() != current; current = current.getCause()) {
            if (current instanceof BindException) {
                return (message == null) ? current.getMessage() : message;
            }
            message = current.getMessage();
        }
        return null;
    }

    private static void deleteQuietly(Path file)
    {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.debug("Cannot delete {}", file, e);
        }
    }

    private static final class PortTakenException
            extends Exception
    {
        PortTakenException(String message, Throwable cause)
        {
            super(message, cause);
        }
    }

    /**
     * An exclusive lock on a file in the data directory, held while the broker runs. It guards against a second
     * broker in this JVM (where file locks would otherwise overlap) as well as in another process.
     */
    private static final class DirectoryLock
    {
        private final FileChannel channel;
        private final FileLock lock;

        private DirectoryLock(FileChannel channel, FileLock lock)
        {
            this.channel = requireNonNull(channel, "channel is null");
            this.lock = requireNonNull(lock, "lock is null");
        }

        static DirectoryLock acquire(Path directory)
        {
            FileChannel channel = null;
            try {
                Files.createDirectories(directory);
                channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw alreadyInUse(directory);
                }
                return new DirectoryLock(channel, lock);
            }
            catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw alreadyInUse(directory);
            }
            catch (KafkaOperationException e) {
                closeQuietly(channel);
                throw e;
            }
            catch (IOException e) {
                closeQuietly(channel);
                throw new KafkaOperationException("Cannot use Kafka data directory " + directory + ": " + e, e);
            }
        }

        void release()
        {
            try {
                lock.release();
            }
            catch (IOException e) {
                log.debug("Cannot release the lock on the Kafka data directory", e);
            }
            closeQuietly(channel);
        }

        private static KafkaOperationException alreadyInUse(Path directory)
        {
            return new KafkaOperationException("Kafka data directory " + directory + " is in use by another broker");
        }

        private static void closeQuietly(FileChannel channel)
        {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            }
            catch (IOException e) {
                log.debug("Cannot close the Kafka data directory lock file", e);
            }
        }
    }
}
