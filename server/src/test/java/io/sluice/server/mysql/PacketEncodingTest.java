package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.sluice.server.mysql.Capabilities.CLIENT_DEPRECATE_EOF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bytes of server packets, written through {@link PacketWriter} into an EmbeddedChannel. */
class PacketEncodingTest
{
    private EmbeddedChannel channel;
    private ChannelHandlerContext context;

    @BeforeEach
    void setUp()
    {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        context = channel.pipeline().firstContext();
    }

    @AfterEach
    void tearDown()
    {
        channel.finishAndReleaseAll();
    }

    @Test
    void okPacket()
    {
        PacketWriter writer = new PacketWriter(context, 1);
        ResponsePackets.writeOk(writer, new MysqlResponse.Ok(300, 7, 2, "done"));
        writer.flush();
        // 00, affected rows 300 as 0xFC + 2 bytes, last insert id 7, status AUTOCOMMIT, warnings 2, length-encoded info
        assertThat(hex(output())).isEqualTo("0e000001" + "00" + "fc2c01" + "07" + "0200" + "0200" + "04" + hex("done".getBytes()));
    }

    @Test
    void errorPacket()
    {
        PacketWriter writer = new PacketWriter(context, 1);
        ResponsePackets.writeError(writer, 1064, "42000", "bad");
        writer.flush();
        assertThat(hex(output())).isEqualTo("0c000001" + "ff" + "2804" + "23" + hex("42000bad".getBytes()));
    }

    @Test
    void resultSetWithNullsAndEof()
    {
        List<ServerPacket> packets = writeResultSet(0, List.of(new String[] {"1", null}, new String[] {null, "é"}));
        assertThat(packets).hasSize(7);
        assertThat(packets.get(0).payload()).containsExactly(2);
        ServerPacket.Column id = packets.get(1).column();
        assertThat(id.catalog()).isEqualTo("def");
        assertThat(id.name()).isEqualTo("id");
        assertThat(id.type()).isEqualTo(MysqlType.LONGLONG.code());
        assertThat(id.charset()).isEqualTo(MysqlColumn.BINARY_COLLATION);
        assertThat(id.flags() & MysqlColumn.NOT_NULL_FLAG).isNotZero();
        assertThat(id.hasNullDefault()).isFalse();
        ServerPacket.Column name = packets.get(2).column();
        assertThat(name.name()).isEqualTo("name");
        assertThat(name.type()).isEqualTo(MysqlType.VAR_STRING.code());
        assertThat(name.charset()).isEqualTo(MysqlColumn.UTF8MB4_GENERAL_CI);
        assertThat(name.schema()).isEqualTo("db");
        assertThat(name.table()).isEqualTo("t");
        assertThat(packets.get(3).isEof()).isTrue();
        assertThat(packets.get(4).row()).containsExactly("1", null);
        assertThat(hex(packets.get(5).payload())).isEqualTo("fb" + "02c3a9");
        assertThat(packets.get(6).isEof()).isTrue();
        assertThat(hex(packets.get(6).payload())).isEqualTo("fe" + "0000" + "0200");
        for (int i = 0; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceId()).isEqualTo(i + 1);
        }
    }

    @Test
    void resultSetWithDeprecatedEof()
    {
        List<ServerPacket> packets = writeResultSet(CLIENT_DEPRECATE_EOF, List.<String[]>of(new String[] {"1", "a"}));
        // count, 2 columns, (no EOF), 1 row, OK with EOF header
        assertThat(packets).hasSize(5);
        assertThat(packets.get(3).row()).containsExactly("1", "a");
        assertThat(hex(packets.get(4).payload())).isEqualTo("fe" + "00" + "00" + "0200" + "0000");
    }

    @Test
    void fieldListCarriesNullDefaults()
    {
        PacketWriter writer = new PacketWriter(context, 1);
        ResponsePackets.writeFieldList(writer, List.of(MysqlColumn.bigint("id").withTable("db", "t")), 0);
        writer.flush();
        List<ServerPacket> packets = packets(output());
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).column().hasNullDefault()).isTrue();
        assertThat(packets.get(0).column().table()).isEqualTo("t");
        assertThat(packets.get(1).isEof()).isTrue();
    }

    @Test
    void writesLongsAsDecimalText()
    {
        long[] values = {0, 7, -1, 10, 99, -100, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE};
        ByteBuf payload = Unpooled.buffer();
        TextRowWriter row = new TextRowWriter(values.length);
        row.startRow(payload);
        for (long value : values) {
            row.writeLong(value);
        }
        row.finishRow(true);
        List<String> decoded = new ServerPacket(0, Arrays.copyOf(payload.array(), payload.writerIndex())).row();
        List<String> expected = new ArrayList<>();
        for (long value : values) {
            expected.add(Long.toString(value));
        }
        assertThat(decoded).isEqualTo(expected);
        payload.release();
    }

    @Test
    void malformedUtf16IsWrittenWithMatchingLength()
    {
        ByteBuf payload = Unpooled.buffer();
        TextRowWriter row = new TextRowWriter(3);
        row.startRow(payload);
        // unpaired surrogates: the length prefix must count what is actually written
        row.writeString("a\uD800b");
        row.writeString("\uDC00");
        row.writeString("é🌊");
        row.finishRow(true);
        List<String> decoded = new ServerPacket(0, Arrays.copyOf(payload.array(), payload.writerIndex())).row();
        assertThat(decoded).containsExactly("a?b", "?", "é🌊");
        payload.release();
    }

    @Test
    void rowWriterRejectsWrongValueCounts()
    {
        ByteBuf payload = Unpooled.buffer();
        TextRowWriter row = new TextRowWriter(2);
        row.startRow(payload);
        row.writeString("a");
        assertThatThrownBy(() -> row.finishRow(true)).hasMessage("row source wrote 1 values for 2 columns");
        row.startRow(payload);
        row.writeNull();
        row.writeBytes(new byte[] {1});
        assertThatThrownBy(() -> row.writeLong(1)).hasMessage("row source wrote more values than the 2 columns");
        row.startRow(payload);
        row.writeNull();
        assertThatThrownBy(() -> row.finishRow(false)).hasMessage("row source wrote 1 values but reported no row");
        assertThatThrownBy(() -> row.writeNull()).hasMessageContaining("only be written while");
        payload.release();
    }

    @Test
    void splitsPayloadLargerThan16Megabytes()
    {
        byte[] large = MysqlPacketDecoderTest.payload(0xFFFFFF + 5);
        PacketWriter writer = new PacketWriter(context, 3);
        writer.writePacket(new byte[] {1, 2, 3});
        writer.writePacket(large);
        writer.writePacket(new byte[] {4});
        writer.flush();
        List<ServerPacket> packets = packets(output());
        assertThat(packets).extracting(packet -> packet.payload().length).containsExactly(3, 0xFFFFFF, 5, 1);
        assertThat(packets).extracting(ServerPacket::sequenceId).containsExactly(3, 4, 5, 6);
        byte[] joined = new byte[large.length];
        System.arraycopy(packets.get(1).payload(), 0, joined, 0, 0xFFFFFF);
        System.arraycopy(packets.get(2).payload(), 0, joined, 0xFFFFFF, 5);
        assertThat(Arrays.equals(joined, large)).isTrue();
    }

    @Test
    void endsPayloadOfExactly16MegabytesWithEmptyPacket()
    {
        PacketWriter writer = new PacketWriter(context, 255);
        writer.writePacket(new byte[0xFFFFFF]);
        writer.flush();
        List<ServerPacket> packets = packets(output());
        assertThat(packets).extracting(packet -> packet.payload().length).containsExactly(0xFFFFFF, 0);
        // sequence ids wrap around
        assertThat(packets).extracting(ServerPacket::sequenceId).containsExactly(255, 0);
    }

    @Test
    void batchesSmallPacketsIntoFewWrites()
    {
        PacketWriter writer = new PacketWriter(context, 1);
        for (int i = 0; i < 1000; i++) {
            writer.writePacket(new byte[100]);
        }
        writer.flush();
        int writes = 0;
        Object message;
        while ((message = channel.readOutbound()) != null) {
            writes++;
            ((ByteBuf) message).release();
        }
        // 104 KB in batches of about 64 KB
        assertThat(writes).isEqualTo(2);
    }

    @Test
    void abandonedPacketLeavesNoTrace()
    {
        PacketWriter writer = new PacketWriter(context, 1);
        writer.writePacket(new byte[] {1});
        writer.startPacket().writeBytes(new byte[] {9, 9, 9});
        writer.abandonPacket();
        writer.writePacket(new byte[] {2});
        writer.flush();
        List<ServerPacket> packets = packets(output());
        assertThat(packets).extracting(ServerPacket::sequenceId).containsExactly(1, 2);
        assertThat(packets.get(1).payload()).containsExactly(2);
    }

    private List<ServerPacket> writeResultSet(int capabilities, List<String[]> rows)
    {
        List<MysqlColumn> columns = List.of(MysqlColumn.bigint("id").notNull(), MysqlColumn.varchar("name").withTable("db", "t"));
        PacketWriter writer = new PacketWriter(context, 1);
        ResponsePackets.writeResultSetHeader(writer, columns, capabilities);
        TextRowWriter rowWriter = new TextRowWriter(columns.size());
        MysqlRowSource source = MysqlRowSource.of(rows);
        while (true) {
            rowWriter.startRow(writer.startPacket());
            boolean written = source.nextRow(rowWriter);
            rowWriter.finishRow(written);
            if (!written) {
                writer.abandonPacket();
                break;
            }
            writer.finishPacket();
        }
        ResponsePackets.writeEndOfRows(writer, capabilities);
        writer.flush();
        return packets(output());
    }

    private byte[] output()
    {
        ByteBuf all = Unpooled.buffer();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            all.writeBytes((ByteBuf) message);
            ((ByteBuf) message).release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    private static List<ServerPacket> packets(byte[] bytes)
    {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        List<ServerPacket> packets = new ArrayList<>();
        while (buffer.isReadable()) {
            int length = buffer.readUnsignedMediumLE();
            int sequenceId = buffer.readUnsignedByte();
            byte[] payload = new byte[length];
            buffer.readBytes(payload);
            packets.add(new ServerPacket(sequenceId, payload));
        }
        return packets;
    }

    private static String hex(byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }
}
