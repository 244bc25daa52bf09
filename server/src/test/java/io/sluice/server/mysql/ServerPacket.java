package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A packet as the client sees it, with readers for the server's packet formats. */
record ServerPacket(int sequenceId, byte[] payload)
{
    int header()
    {
        return payload.length == 0 ? -1 : payload[0] & 0xFF;
    }

    boolean isOk()
    {
        return header() == 0x00;
    }

    boolean isError()
    {
        return header() == 0xFF;
    }

    boolean isEof()
    {
        return header() == 0xFE && payload.length < 9;
    }

    ByteBuf buffer()
    {
        return Unpooled.wrappedBuffer(payload);
    }

    int errorCode()
    {
        check(isError(), "ERR");
        return buffer().getUnsignedShortLE(1);
    }

    String sqlState()
    {
        check(isError(), "ERR");
        return new String(payload, 4, 5, StandardCharsets.US_ASCII);
    }

    String errorMessage()
    {
        check(isError(), "ERR");
        return new String(payload, 9, payload.length - 9, StandardCharsets.UTF_8);
    }

    /** OK or OK-as-EOF: affected rows, last insert id, status, warnings, info. */
    Ok ok()
    {
        check(isOk() || header() == 0xFE, "OK");
        ByteBuf buffer = buffer();
        buffer.skipBytes(1);
        long affectedRows = WireFormat.readLengthEncodedInteger(buffer);
        long lastInsertId = WireFormat.readLengthEncodedInteger(buffer);
        int status = buffer.readUnsignedShortLE();
        int warnings = buffer.readUnsignedShortLE();
        String info = buffer.isReadable() ? readString(buffer) : "";
        return new Ok(affectedRows, lastInsertId, status, warnings, info);
    }

    record Ok(long affectedRows, long lastInsertId, int status, int warnings, String info) {}

    /** A column definition (ColumnDefinition41). */
    Column column()
    {
        ByteBuf buffer = buffer();
        String catalog = readString(buffer);
        String schema = readString(buffer);
        String table = readString(buffer);
        readString(buffer);
        String name = readString(buffer);
        readString(buffer);
        int fixedLength = (int) WireFormat.readLengthEncodedInteger(buffer);
        check(fixedLength == 0x0c, "column definition");
        int charset = buffer.readUnsignedShortLE();
        long length = buffer.readUnsignedIntLE();
        int type = buffer.readUnsignedByte();
        int flags = buffer.readUnsignedShortLE();
        int decimals = buffer.readUnsignedByte();
        buffer.skipBytes(2);
        boolean hasNullDefault = buffer.isReadable() && buffer.readUnsignedByte() == 0xFB;
        return new Column(catalog, schema, table, name, charset, length, type, flags, decimals, hasNullDefault);
    }

    record Column(String catalog, String schema, String table, String name, int charset, long length, int type, int flags, int decimals, boolean hasNullDefault) {}

    /** A text row: each value a String, or null for NULL. */
    List<String> row()
    {
        ByteBuf buffer = buffer();
        List<String> values = new ArrayList<>();
        while (buffer.isReadable()) {
            if (buffer.getUnsignedByte(buffer.readerIndex()) == 0xFB) {
                buffer.skipBytes(1);
                values.add(null);
            }
            else {
                values.add(readString(buffer));
            }
        }
        return values;
    }

    String text()
    {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static String readString(ByteBuf buffer)
    {
        return new String(WireFormat.readLengthEncodedBytes(buffer), StandardCharsets.UTF_8);
    }

    private void check(boolean condition, String expected)
    {
        if (!condition) {
            throw new AssertionError("expected " + expected + " packet but got header 0x" + Integer.toHexString(header()) + ": " + text());
        }
    }
}
