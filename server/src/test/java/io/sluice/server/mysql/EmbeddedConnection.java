package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One server connection driven in-process through Netty's EmbeddedChannel: commands run on the calling thread, so
 * every exchange is deterministic.
 */
final class EmbeddedConnection
        implements AutoCloseable
{
    private final EmbeddedChannel channel;
    private final ByteBuf received = Unpooled.buffer();

    EmbeddedConnection(MysqlServerConfig config, Authenticator authenticator, MysqlSessionFactory sessionFactory)
    {
        this(config, authenticator, sessionFactory, Runnable::run);
    }

    EmbeddedConnection(MysqlServerConfig config, Authenticator authenticator, MysqlSessionFactory sessionFactory, Executor executor)
    {
        channel = new EmbeddedChannel(new MysqlChannelInitializer(
                config,
                authenticator,
                sessionFactory,
                executor,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
        runTasks();
    }

    EmbeddedChannel channel()
    {
        return channel;
    }

    void send(int sequenceId, byte[] payload)
    {
        sendRaw(ClientPackets.frame(sequenceId, payload));
    }

    void sendRaw(ByteBuf bytes)
    {
        channel.writeInbound(bytes);
        runTasks();
    }

    void runTasks()
    {
        do {
            channel.runPendingTasks();
        }
        while (channel.hasPendingTasks());
    }

    /** The next physical packet the server sent. */
    ServerPacket read()
    {
        collectOutput();
        assertThat(received.readableBytes()).as("bytes available for a packet header").isGreaterThanOrEqualTo(4);
        int length = received.getUnsignedMediumLE(received.readerIndex());
        assertThat(received.readableBytes()).as("bytes available for the packet").isGreaterThanOrEqualTo(4 + length);
        int sequenceId = received.getUnsignedByte(received.readerIndex() + 3);
        received.skipBytes(4);
        byte[] payload = new byte[length];
        received.readBytes(payload);
        return new ServerPacket(sequenceId, payload);
    }

    /** Reads packets until (and including) one that ends a response: OK, ERR or EOF. */
    List<ServerPacket> readUntilEnd()
    {
        List<ServerPacket> packets = new ArrayList<>();
        while (true) {
            ServerPacket packet = read();
            packets.add(packet);
            if (packet.isOk() || packet.isError() || packet.header() == 0xFE) {
                return packets;
            }
        }
    }

    boolean hasOutput()
    {
        collectOutput();
        return received.isReadable();
    }

    boolean isOpen()
    {
        runTasks();
        return channel.isOpen();
    }

    @Override
    public void close()
    {
        channel.finishAndReleaseAll();
        received.release();
    }

    private void collectOutput()
    {
        runTasks();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf buffer = (ByteBuf) message;
            received.writeBytes(buffer);
            buffer.release();
        }
        received.discardReadBytes();
    }
}
