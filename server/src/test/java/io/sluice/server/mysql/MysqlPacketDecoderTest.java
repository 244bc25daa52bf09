package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlPacketDecoderTest
{
    @Test
    void decodesPacketsSplitAcrossReads()
    {
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(1024 * 1024, () -> 30));
        ByteBuf bytes = Unpooled.buffer();
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.query("select 1")));
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.command(ClientPackets.COM_PING)));
        // deliver one byte at a time: headers and payloads arrive in pieces
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();

        MysqlPacket query = channel.readInbound();
        assertThat(query.sequenceId()).isZero();
        assertThat(ByteBufUtil.getBytes(query.content())).isEqualTo(ClientPackets.query("select 1"));
        query.release();
        MysqlPacket ping = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(ping.content())).containsExactly(ClientPackets.COM_PING);
        ping.release();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesEmptyPacket()
    {
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(1024, () -> 30));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 3}));
        MysqlPacket packet = channel.readInbound();
        assertThat(packet.sequenceId()).isEqualTo(3);
        assertThat(packet.content().readableBytes()).isZero();
        packet.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void joinsPayloadLargerThan16Megabytes()
    {
        byte[] payload = payload(0xFFFFFF + 1000);
        assertJoined(payload, 1);
    }

    @Test
    void joinsPayloadOfExactly16MegabytesEndedByEmptyPacket()
    {
        byte[] payload = payload(0xFFFFFF);
        ByteBuf framed = ClientPackets.frame(0, payload);
        // the frame helper ends an exact multiple with an empty packet: header of the last packet says length 0
        assertThat(framed.getUnsignedMediumLE(4 + 0xFFFFFF)).isZero();
        assertJoined(payload, 1);
    }

    @Test
    void refusesPacketLargerThanMaximumFromItsHeader()
    {
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(1000, () -> 30));
        ByteBuf header = Unpooled.buffer().writeMediumLE(1001).writeByte(0);
        // only the header arrives: the packet is refused before its payload is buffered
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(PacketTooLargeException.class)
                .satisfies(e -> assertThat(((PacketTooLargeException) e).sequenceId()).isZero());
        // everything after is discarded
        channel.writeInbound(ClientPackets.frame(0, ClientPackets.query("select 1")));
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesJoinedPayloadLargerThanMaximum()
    {
        int max = 0xFFFFFF + 10;
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(max, () -> 30));
        ByteBuf framed = ClientPackets.frame(0, payload(0xFFFFFF + 11));
        assertThatThrownBy(() -> channel.writeInbound(framed)).isInstanceOf(PacketTooLargeException.class);
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void acceptsPayloadOfExactlyMaximum()
    {
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(1000, () -> 30));
        channel.writeInbound(ClientPackets.frame(0, payload(1000)));
        MysqlPacket packet = channel.readInbound();
        assertThat(packet.content().readableBytes()).isEqualTo(1000);
        packet.release();
        channel.finishAndReleaseAll();
    }

    private static void assertJoined(byte[] payload, int lastSequenceId)
    {
        EmbeddedChannel channel = new EmbeddedChannel(new MysqlPacketDecoder(64 * 1024 * 1024, () -> 30));
        channel.writeInbound(ClientPackets.frame(0, payload));
        MysqlPacket packet = channel.readInbound();
        assertThat(packet.sequenceId()).isEqualTo(lastSequenceId);
        assertThat(packet.content().readableBytes()).isEqualTo(payload.length);
        assertThat(Arrays.equals(ByteBufUtil.getBytes(packet.content()), payload)).isTrue();
        packet.release();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    static byte[] payload(int length)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 16));
        }
        return payload;
    }
}
