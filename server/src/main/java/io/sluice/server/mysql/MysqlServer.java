package io.sluice.server.mysql;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A MySQL protocol server. It knows nothing of SQL: it authenticates clients, frames and decodes their commands and
 * hands them to the {@link MysqlSession} of the connection, on a pool of command threads so that the network event
 * loops never block.
 */
public final class MysqlServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MysqlServer.class);

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    private static final WriteBufferWaterMark WRITE_BUFFER_WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final MysqlServerConfig config;
    private final Authenticator authenticator;
    private final MysqlSessionFactory sessionFactory;
    private final ConnectionRegistry registry;

    private boolean started;
    private boolean closed;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ExecutorService ownedCommandExecutor;
    private ChannelGroup channels;
    private Channel serverChannel;
    private int port;

    /** A server that accepts user root with an empty password only. */
    public MysqlServer(MysqlServerConfig config, MysqlSessionFactory sessionFactory)
    {
        this(config, NativePasswordAuthenticator.rootWithEmptyPassword(), sessionFactory);
    }

    public MysqlServer(MysqlServerConfig config, Authenticator authenticator, MysqlSessionFactory sessionFactory)
    {
        this.config = requireNonNull(config, "config is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.sessionFactory = requireNonNull(sessionFactory, "sessionFactory is null");
        this.registry = new ConnectionRegistry(config);
    }

    /** The open connections (SHOW PROCESSLIST, KILL) and the global variables the protocol enforces. */
    public ServerConnections connections()
    {
        return registry;
    }

    /**
     * Binds and starts accepting connections; returns the bound port (a free one when the configured port is 0).
     *
     * @throws IllegalStateException when the address cannot be bound, or the server was started before
     */
    public synchronized int start()
    {
        if (started || closed) {
            throw new IllegalStateException("a MysqlServer can be started once");
        }
        started = true;
        ExecutorService commandExecutor = config.commandExecutor().orElse(null);
        if (commandExecutor == null) {
            ownedCommandExecutor = Executors.newFixedThreadPool(config.commandThreads(), new DefaultThreadFactory("sluice-mysql-command"));
            commandExecutor = ownedCommandExecutor;
        }
        // Linux's native epoll transport where it loads: fewer system calls and wake-ups per command than the JDK's selector
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-mysql-accept"), ioHandlers);
        ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("sluice-mysql-io"), ioHandlers);
        channels = new DefaultChannelGroup("sluice-mysql-connections", GlobalEventExecutor.INSTANCE);

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
                .childHandler(new MysqlChannelInitializer(config, authenticator, sessionFactory, commandExecutor, channels, registry));
        try {
            serverChannel = bootstrap.bind(config.bindAddress(), config.port()).syncUninterruptibly().channel();
        }
        catch (Exception e) {
            shutdown();
            throw new IllegalStateException("Cannot listen for MySQL connections on %s:%s: %s".formatted(config.bindAddress(), config.port(), e.getMessage()), e);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("Listening for MySQL connections on {}:{}", config.bindAddress(), port);
        return port;
    }

    /** The bound port, once started. */
    public synchronized int port()
    {
        if (serverChannel == null) {
            throw new IllegalStateException("server is not started");
        }
        return port;
    }

    /** True while the server accepts connections: started, not closed, and its listening socket open. */
    public synchronized boolean isListening()
    {
        return !closed && serverChannel != null && serverChannel.isActive();
    }

    /**
     * Stops accepting, closes every connection (their sessions are closed once their running command finishes), stops
     * the event loops and the server's own command threads, waiting a few seconds for each. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            log.info("Closing MySQL server on port {}", port);
        }
        shutdown();
    }

    private void shutdown()
    {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // the event loops run their remaining tasks (channel-inactive callbacks hand sessions to the executor) first
        shutdownGracefully(acceptGroup);
        shutdownGracefully(ioGroup);
        if (ownedCommandExecutor != null) {
            ownedCommandExecutor.shutdown();
            try {
                if (!ownedCommandExecutor.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("Commands still running after {} s; interrupting them", SHUTDOWN_TIMEOUT_SECONDS);
                    ownedCommandExecutor.shutdownNow();
                }
            }
            catch (InterruptedException e) {
                ownedCommandExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void shutdownGracefully(EventLoopGroup group)
    {
        if (group != null) {
            Future<?> termination = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS);
        }
    }
}
