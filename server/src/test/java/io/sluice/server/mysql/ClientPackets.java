package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

import static io.sluice.server.mysql.Capabilities.CLIENT_CONNECT_WITH_DB;
import static io.sluice.server.mysql.Capabilities.CLIENT_DEPRECATE_EOF;
import static io.sluice.server.mysql.Capabilities.CLIENT_LONG_PASSWORD;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static io.sluice.server.mysql.Capabilities.CLIENT_PROTOCOL_41;
import static io.sluice.server.mysql.Capabilities.CLIENT_SECURE_CONNECTION;
import static io.sluice.server.mysql.Capabilities.CLIENT_TRANSACTIONS;

/** Builds what a client sends: framed packets, handshake responses, commands. */
final class ClientPackets
{
    static final int BASIC_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION
            | CLIENT_TRANSACTIONS | CLIENT_PLUGIN_AUTH | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
    static final int DEPRECATE_EOF_CAPABILITIES = BASIC_CAPABILITIES | CLIENT_DEPRECATE_EOF;

    static final int COM_QUIT = 0x01;
    static final int COM_INIT_DB = 0x02;
    static final int COM_QUERY = 0x03;
    static final int COM_FIELD_LIST = 0x04;
    static final int COM_STATISTICS = 0x09;
    static final int COM_PING = 0x0e;
    static final int COM_STMT_PREPARE = 0x16;
    static final int COM_STMT_CLOSE = 0x19;
    static final int COM_RESET_CONNECTION = 0x1f;

    private ClientPackets() {}

    /** Frames a payload, splitting it into 16 MB packets as the protocol requires. */
    static ByteBuf frame(int firstSequenceId, byte[] payload)
    {
        ByteBuf out = Unpooled.buffer(payload.length + 8);
        int sequenceId = firstSequenceId;
        int offset = 0;
        while (true) {
            int length = Math.min(payload.length - offset, 0xFFFFFF);
            out.writeMediumLE(length);
            out.writeByte(sequenceId++ & 0xFF);
            out.writeBytes(payload, offset, length);
            offset += length;
            if (length < 0xFFFFFF) {
                return out;
            }
        }
    }

    static byte[] command(int command, String argument)
    {
        byte[] text = argument.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(text, 0, payload, 1, text.length);
        return payload;
    }

    static byte[] command(int command)
    {
        return new byte[] {(byte) command};
    }

    static byte[] query(String sql)
    {
        return command(COM_QUERY, sql);
    }

    static byte[] handshakeResponse(int capabilities, String user, byte[] authResponse, String database, String plugin)
    {
        ByteBuf payload = Unpooled.buffer();
        int flags = capabilities | (database != null ? CLIENT_CONNECT_WITH_DB : 0);
        payload.writeIntLE(flags);
        payload.writeIntLE(16 * 1024 * 1024);
        payload.writeByte(MysqlColumn.UTF8MB4_GENERAL_CI);
        payload.writeZero(23);
        WireFormat.writeNulTerminatedString(payload, user);
        if ((flags & CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            WireFormat.writeLengthEncodedBytes(payload, authResponse);
        }
        else {
            payload.writeByte(authResponse.length);
            payload.writeBytes(authResponse);
        }
        if (database != null) {
            WireFormat.writeNulTerminatedString(payload, database);
        }
        if (plugin != null) {
            WireFormat.writeNulTerminatedString(payload, plugin);
        }
        return ByteBufUtil.getBytes(payload);
    }

    /** The scramble from a HandshakeV10 payload. */
    static byte[] scrambleOf(ServerPacket handshake)
    {
        ByteBuf buffer = handshake.buffer();
        buffer.skipBytes(1);
        WireFormat.readNulTerminatedString(buffer);
        buffer.skipBytes(4);
        byte[] scramble = new byte[20];
        buffer.readBytes(scramble, 0, 8);
        buffer.skipBytes(1 + 2 + 1 + 2 + 2 + 1 + 10);
        buffer.readBytes(scramble, 8, 12);
        return scramble;
    }
}
