package io.sluice.server.mysql;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import static java.util.Objects.requireNonNull;

/** Settings of a {@link MysqlServer}. Build with {@link #builder()}; {@link #defaults()} listens on 127.0.0.1:9030. */
public final class MysqlServerConfig
{
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9030;
    /** Connector/J picks its behaviour from the version: it must look like MySQL 5.7 or later. */
    public static final String DEFAULT_SERVER_VERSION = "8.0.33-sluice-0.1.0";
    public static final int DEFAULT_MAX_PACKET_SIZE = 64 * 1024 * 1024;
    /** Like MySQL's connect_timeout: a client that does not finish authenticating in time is disconnected. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** MySQL's default max_connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 151;
    /** MySQL's default wait_timeout: idle connections are closed after it. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(28800);
    /** MySQL's default net_read_timeout: a client stalled in the middle of a packet is disconnected after it. */
    public static final Duration DEFAULT_NET_READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bindAddress;
    private final int port;
    private final String serverVersion;
    private final int ioThreads;
    private final int commandThreads;
    private final Optional<ExecutorService> commandExecutor;
    private final int maxPacketSize;
    private final Duration handshakeTimeout;
    private final int maxConnections;
    private final Duration waitTimeout;
    private final Duration netReadTimeout;

    private MysqlServerConfig(Builder builder)
    {
        this.bindAddress = requireNonNull(builder.bindAddress, "bindAddress is null");
        if (builder.port < 0 || builder.port > 0xFFFF) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + builder.port);
        }
        this.port = builder.port;
        this.serverVersion = requireNonNull(builder.serverVersion, "serverVersion is null");
        if (serverVersion.isEmpty() || serverVersion.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("serverVersion must be non-empty text without NUL: '" + serverVersion + "'");
        }
        if (builder.ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive: " + builder.ioThreads);
        }
        this.ioThreads = builder.ioThreads;
        if (builder.commandThreads < 1) {
            throw new IllegalArgumentException("commandThreads must be positive: " + builder.commandThreads);
        }
        this.commandThreads = builder.commandThreads;
        this.commandExecutor = Optional.ofNullable(builder.commandExecutor);
        if (builder.maxPacketSize < 1024) {
            throw new IllegalArgumentException("maxPacketSize must be at least 1024 bytes: " + builder.maxPacketSize);
        }
        this.maxPacketSize = builder.maxPacketSize;
        this.handshakeTimeout = requireNonNull(builder.handshakeTimeout, "handshakeTimeout is null");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        if (builder.maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + builder.maxConnections);
        }
        this.maxConnections = builder.maxConnections;
        this.waitTimeout = requireNonNull(builder.waitTimeout, "waitTimeout is null");
        if (waitTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("waitTimeout must be at least a second: " + waitTimeout);
        }
        this.netReadTimeout = requireNonNull(builder.netReadTimeout, "netReadTimeout is null");
        if (netReadTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("netReadTimeout must be at least a second: " + netReadTimeout);
        }
    }

    public static MysqlServerConfig defaults()
    {
        return builder().build();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public String bindAddress()
    {
        return bindAddress;
    }

    /** 0 means any free port; {@link MysqlServer#start()} returns the one bound. */
    public int port()
    {
        return port;
    }

    public String serverVersion()
    {
        return serverVersion;
    }

    /** Netty event loop threads doing network I/O and protocol decoding. */
    public int ioThreads()
    {
        return ioThreads;
    }

    /** Size of the pool the server creates to run commands, when no {@link #commandExecutor()} is given. */
    public int commandThreads()
    {
        return commandThreads;
    }

    /** Runs commands instead of a pool of the server's own; the server does not shut it down. */
    public Optional<ExecutorService> commandExecutor()
    {
        return commandExecutor;
    }

    /** Largest client packet accepted (MySQL's max_allowed_packet). */
    public int maxPacketSize()
    {
        return maxPacketSize;
    }

    public Duration handshakeTimeout()
    {
        return handshakeTimeout;
    }

    /** Initial value of the max_connections global variable: one more connection gets error 1040. */
    public int maxConnections()
    {
        return maxConnections;
    }

    /** Initial value of the wait_timeout global variable. */
    public Duration waitTimeout()
    {
        return waitTimeout;
    }

    /** Initial value of the net_read_timeout global variable. */
    public Duration netReadTimeout()
    {
        return netReadTimeout;
    }

    public static final class Builder
    {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private String serverVersion = DEFAULT_SERVER_VERSION;
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int commandThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private ExecutorService commandExecutor;
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private Duration netReadTimeout = DEFAULT_NET_READ_TIMEOUT;

        private Builder() {}

        public Builder netReadTimeout(Duration netReadTimeout)
        {
            this.netReadTimeout = netReadTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder waitTimeout(Duration waitTimeout)
        {
            this.waitTimeout = waitTimeout;
            return this;
        }

        public Builder bindAddress(String bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder port(int port)
        {
            this.port = port;
            return this;
        }

        public Builder serverVersion(String serverVersion)
        {
            this.serverVersion = serverVersion;
            return this;
        }

        public Builder ioThreads(int ioThreads)
        {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder commandThreads(int commandThreads)
        {
            this.commandThreads = commandThreads;
            return this;
        }

        public Builder commandExecutor(ExecutorService commandExecutor)
        {
            this.commandExecutor = commandExecutor;
            return this;
        }

        public Builder maxPacketSize(int maxPacketSize)
        {
            this.maxPacketSize = maxPacketSize;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout)
        {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public MysqlServerConfig build()
        {
            return new MysqlServerConfig(this);
        }
    }
}
