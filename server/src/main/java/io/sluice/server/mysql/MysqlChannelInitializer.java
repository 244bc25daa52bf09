package io.sluice.server.mysql;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/** Sets up the pipeline of an accepted connection: packet framing, then the connection's protocol handler. */
final class MysqlChannelInitializer
        extends ChannelInitializer<Channel>
{
    private final MysqlServerConfig config;
    private final Authenticator authenticator;
    private final MysqlSessionFactory sessionFactory;
    private final Executor executor;
    private final ChannelGroup channels;
    private final ConnectionRegistry registry;
    private final AtomicInteger lastConnectionId = new AtomicInteger();

    MysqlChannelInitializer(
            MysqlServerConfig config,
            Authenticator authenticator,
            MysqlSessionFactory sessionFactory,
            Executor executor,
            ChannelGroup channels)
    {
        this(config, authenticator, sessionFactory, executor, channels, new ConnectionRegistry(config));
    }

    MysqlChannelInitializer(
            MysqlServerConfig config,
            Authenticator authenticator,
            MysqlSessionFactory sessionFactory,
            Executor executor,
            ChannelGroup channels,
            ConnectionRegistry registry)
    {
        this.config = requireNonNull(config, "config is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.sessionFactory = requireNonNull(sessionFactory, "sessionFactory is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    protected void initChannel(Channel channel)
    {
        channels.add(channel);
        channel.pipeline().addLast("mysql-packet-decoder", new MysqlPacketDecoder((int) registry.global(ConnectionRegistry.MAX_ALLOWED_PACKET),
                () -> registry.global(ConnectionRegistry.NET_READ_TIMEOUT)));
        channel.pipeline().addLast("mysql-connection", new MysqlConnectionHandler(config, authenticator, sessionFactory, executor, nextConnectionId(), registry));
    }

    /** Connection ids start at 1 and wrap around to 1, never 0 or negative. */
    private int nextConnectionId()
    {
        return lastConnectionId.updateAndGet(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
    }
}
