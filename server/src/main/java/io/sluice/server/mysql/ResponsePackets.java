package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.sluice.server.mysql.Capabilities.CLIENT_DEPRECATE_EOF;
import static io.sluice.server.mysql.Capabilities.SERVER_CAPABILITIES;
import static io.sluice.server.mysql.Capabilities.SERVER_STATUS_AUTOCOMMIT;
import static io.sluice.server.mysql.Capabilities.has;

/** Encodes the server's packets (protocol 4.1 formats) through a {@link PacketWriter}. */
final class ResponsePackets
{
    static final int OK_HEADER = 0x00;
    static final int EOF_HEADER = 0xFE;
    static final int ERROR_HEADER = 0xFF;
    static final int STATUS_FLAGS = SERVER_STATUS_AUTOCOMMIT;
    /** Another result (of a multi-statement query) follows this one. */
    static final int SERVER_MORE_RESULTS_EXISTS = 0x0008;

    private static final int PROTOCOL_VERSION = 10;
    private static final int CATALOG_LENGTH_AND_NAME = 3;
    private static final int FIXED_COLUMN_FIELDS_LENGTH = 0x0C;

    private ResponsePackets() {}

    /** Initial handshake, protocol version 10, offering mysql_native_password. */
    static void writeHandshake(PacketWriter writer, String serverVersion, int connectionId, byte[] scramble)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(PROTOCOL_VERSION);
        WireFormat.writeNulTerminatedString(payload, serverVersion);
        payload.writeIntLE(connectionId);
        payload.writeBytes(scramble, 0, 8);
        payload.writeByte(0);
        payload.writeShortLE(SERVER_CAPABILITIES & 0xFFFF);
        payload.writeByte(MysqlColumn.UTF8MB4_GENERAL_CI);
        payload.writeShortLE(STATUS_FLAGS);
        payload.writeShortLE(SERVER_CAPABILITIES >>> 16);
        payload.writeByte(scramble.length + 1);
        payload.writeZero(10);
        // the rest of the scramble, NUL-terminated
        payload.writeBytes(scramble, 8, scramble.length - 8);
        payload.writeByte(0);
        WireFormat.writeNulTerminatedString(payload, NativePassword.PLUGIN_NAME);
        writer.finishPacket();
    }

    /** Asks the client to authenticate again with mysql_native_password, against the same scramble. */
    static void writeAuthSwitchRequest(PacketWriter writer, byte[] scramble)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(EOF_HEADER);
        WireFormat.writeNulTerminatedString(payload, NativePassword.PLUGIN_NAME);
        payload.writeBytes(scramble);
        payload.writeByte(0);
        writer.finishPacket();
    }

    static void writeOk(PacketWriter writer, MysqlResponse.Ok ok)
    {
        writeOk(writer, ok, STATUS_FLAGS);
    }

    static void writeOk(PacketWriter writer, MysqlResponse.Ok ok, int statusFlags)
    {
        writeOk(writer, OK_HEADER, ok.affectedRows(), ok.lastInsertId(), ok.warnings(), ok.info(), statusFlags);
    }

    /**
     * COM_STMT_PREPARE's answer: statement id, column and parameter counts, then a definition per parameter (and per
     * column, none here: columns are described by each execute's result) each followed by an EOF unless deprecated.
     */
    static void writePrepareOk(PacketWriter writer, int statementId, int parameterCount, int clientCapabilities)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(OK_HEADER);
        payload.writeIntLE(statementId);
        payload.writeShortLE(0);
        payload.writeShortLE(parameterCount);
        payload.writeByte(0);
        payload.writeShortLE(0);
        writer.finishPacket();
        if (parameterCount > 0) {
            MysqlColumn parameter = MysqlColumn.of("?", MysqlType.VAR_STRING);
            for (int i = 0; i < parameterCount; i++) {
                writeColumnDefinition(writer, parameter, false);
            }
            if (!has(clientCapabilities, CLIENT_DEPRECATE_EOF)) {
                writeEof(writer, STATUS_FLAGS);
            }
        }
    }

    static void writeOk(PacketWriter writer)
    {
        writeOk(writer, OK_HEADER, 0, 0, 0, "", STATUS_FLAGS);
    }

    static void writeError(PacketWriter writer, MysqlResponse.Error error)
    {
        writeError(writer, error.code(), error.sqlState(), error.message());
    }

    static void writeError(PacketWriter writer, int code, String sqlState, String message)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(ERROR_HEADER);
        payload.writeShortLE(code);
        payload.writeByte('#');
        payload.writeCharSequence(sqlState, StandardCharsets.US_ASCII);
        payload.writeCharSequence(message, StandardCharsets.UTF_8);
        writer.finishPacket();
    }

    /** Column count, column definitions and, unless the client deprecated EOF, the EOF that ends them. */
    static void writeResultSetHeader(PacketWriter writer, List<MysqlColumn> columns, int clientCapabilities)
    {
        WireFormat.writeLengthEncodedInteger(writer.startPacket(), columns.size());
        writer.finishPacket();
        for (MysqlColumn column : columns) {
            writeColumnDefinition(writer, column, false);
        }
        if (!has(clientCapabilities, CLIENT_DEPRECATE_EOF)) {
            writeEof(writer, STATUS_FLAGS);
        }
    }

    /** COM_FIELD_LIST answer: column definitions carrying a (NULL) default value, then the end marker. */
    static void writeFieldList(PacketWriter writer, List<MysqlColumn> columns, int clientCapabilities)
    {
        for (MysqlColumn column : columns) {
            writeColumnDefinition(writer, column, true);
        }
        writeEndOfRows(writer, clientCapabilities);
    }

    /** Ends rows: EOF, or with CLIENT_DEPRECATE_EOF an OK packet carrying the EOF header. */
    static void writeEndOfRows(PacketWriter writer, int clientCapabilities)
    {
        writeEndOfRows(writer, clientCapabilities, STATUS_FLAGS);
    }

    static void writeEndOfRows(PacketWriter writer, int clientCapabilities, int statusFlags)
    {
        if (has(clientCapabilities, CLIENT_DEPRECATE_EOF)) {
            writeOk(writer, EOF_HEADER, 0, 0, 0, "", statusFlags);
        }
        else {
            writeEof(writer, statusFlags);
        }
    }

    static void writeColumnDefinition(PacketWriter writer, MysqlColumn column, boolean withDefaultValue)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(CATALOG_LENGTH_AND_NAME);
        payload.writeByte('d').writeByte('e').writeByte('f');
        WireFormat.writeLengthEncodedString(payload, column.database());
        WireFormat.writeLengthEncodedString(payload, column.table());
        WireFormat.writeLengthEncodedString(payload, column.table());
        WireFormat.writeLengthEncodedString(payload, column.name());
        WireFormat.writeLengthEncodedString(payload, column.name());
        payload.writeByte(FIXED_COLUMN_FIELDS_LENGTH);
        payload.writeShortLE(column.charset());
        payload.writeIntLE((int) column.length());
        payload.writeByte(column.type().code());
        payload.writeShortLE(column.flags());
        payload.writeByte(column.decimals());
        payload.writeShortLE(0);
        if (withDefaultValue) {
            payload.writeByte(WireFormat.NULL_VALUE);
        }
        writer.finishPacket();
    }

    private static void writeEof(PacketWriter writer, int statusFlags)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(EOF_HEADER);
        payload.writeShortLE(0);
        payload.writeShortLE(statusFlags);
        writer.finishPacket();
    }

    private static void writeOk(PacketWriter writer, int header, long affectedRows, long lastInsertId, int warnings, String info, int statusFlags)
    {
        ByteBuf payload = writer.startPacket();
        payload.writeByte(header);
        WireFormat.writeLengthEncodedInteger(payload, affectedRows);
        WireFormat.writeLengthEncodedInteger(payload, lastInsertId);
        payload.writeShortLE(statusFlags);
        payload.writeShortLE(warnings);
        // Length-encoded, and left out when empty, as MySQL sends it: libmysql and Connector/J read it that way even
        // without CLIENT_SESSION_TRACK (the protocol documentation's "rest of the packet" is not what clients parse).
        if (!info.isEmpty()) {
            WireFormat.writeLengthEncodedString(payload, info);
        }
        writer.finishPacket();
    }
}
