package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the parameters of COM_STMT_EXECUTE (binary protocol values) and renders them as SQL literals into the
 * statement's text, which then runs like any query. Strings are quoted with backslash escapes, bytes that are not
 * UTF-8 become hex literals, temporal values quoted text ('YYYY-MM-DD HH:MM:SS.ffffff'), negative numbers are
 * parenthesized (so {@code a-?} cannot turn into a {@code --} comment).
 */
final class BinaryParameters
{
    static final int NEW_PARAMETERS_BOUND = 1;
    private static final int UNSIGNED_FLAG = 0x80;
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private BinaryParameters() {}

    /**
     * Reads the rest of an execute packet (after the statement id) and returns the statement text with the parameter
     * values in place of the placeholders.
     *
     * @throws MalformedPacketException when the packet does not hold what the statement needs
     */
    static String bind(PreparedStatementState statement, ByteBuf payload)
    {
        WireFormat.requireReadable(payload, 5);
        payload.skipBytes(1); // cursor flags: results are always sent at once
        payload.skipBytes(4); // iteration count, always 1
        int count = statement.parameterCount();
        if (count == 0) {
            return statement.sql();
        }
        int bitmapLength = (count + 7) / 8;
        WireFormat.requireReadable(payload, bitmapLength + 1);
        int bitmapStart = payload.readerIndex();
        payload.skipBytes(bitmapLength);
        int newParametersBound = payload.readUnsignedByte();
        if (newParametersBound == NEW_PARAMETERS_BOUND) {
            WireFormat.requireReadable(payload, 2 * count);
            for (int i = 0; i < count; i++) {
                int type = payload.readUnsignedByte();
                int flags = payload.readUnsignedByte();
                statement.bindType(i, type, (flags & UNSIGNED_FLAG) != 0);
            }
        }
        else if (!statement.typesBound()) {
            throw new MalformedPacketException("no parameter types were ever bound");
        }
        StringBuilder sql = new StringBuilder(statement.sql().length() + 16 * count);
        int copied = 0;
        for (int i = 0; i < count; i++) {
            int position = statement.placeholderPosition(i);
            sql.append(statement.sql(), copied, position);
            copied = position + 1;
            boolean isNull = (payload.getUnsignedByte(bitmapStart + i / 8) & (1 << (i % 8))) != 0;
            byte[] longData = statement.longData(i);
            if (longData != null) {
                // a parameter sent as long data has no value in the packet
                appendBytes(sql, longData, statement.typeCode(i));
            }
            else if (isNull) {
                sql.append("NULL");
            }
            else {
                appendValue(sql, payload, statement.typeCode(i), statement.unsigned(i));
            }
        }
        sql.append(statement.sql(), copied, statement.sql().length());
        return sql.toString();
    }

    /** Reads one binary value of the given type and appends it as a literal. */
    static void appendValue(StringBuilder sql, ByteBuf payload, int typeCode, boolean unsigned)
    {
        switch (typeCode) {
            case 0x06 -> sql.append("NULL");
            case 0x01 -> {
                WireFormat.requireReadable(payload, 1);
                appendLong(sql, unsigned ? payload.readUnsignedByte() : payload.readByte());
            }
            case 0x02, 0x0d -> {
                WireFormat.requireReadable(payload, 2);
                appendLong(sql, unsigned ? payload.readUnsignedShortLE() : payload.readShortLE());
            }
            case 0x03, 0x09 -> {
                WireFormat.requireReadable(payload, 4);
                appendLong(sql, unsigned ? payload.readUnsignedIntLE() : payload.readIntLE());
            }
            case 0x08 -> {
                WireFormat.requireReadable(payload, 8);
                long value = payload.readLongLE();
                if (unsigned) {
                    sql.append(Long.toUnsignedString(value));
                }
                else {
                    appendLong(sql, value);
                }
            }
            case 0x04 -> {
                WireFormat.requireReadable(payload, 4);
                appendFloatingPoint(sql, Float.toString(payload.readFloatLE()));
            }
            case 0x05 -> {
                WireFormat.requireReadable(payload, 8);
                appendFloatingPoint(sql, Double.toString(payload.readDoubleLE()));
            }
            case 0x00, 0xf6 -> {
                String text = new String(WireFormat.readLengthEncodedBytes(payload), StandardCharsets.US_ASCII).trim();
                BigDecimal decimal;
                try {
                    decimal = new BigDecimal(text);
                }
                catch (NumberFormatException e) {
                    throw new MalformedPacketException("invalid decimal parameter '" + text + "'");
                }
                String plain = decimal.toPlainString();
                if (decimal.signum() < 0) {
                    sql.append('(').append(plain).append(')');
                }
                else {
                    sql.append(plain);
                }
            }
            case 0x0a, 0x07, 0x0c -> appendDateTime(sql, payload, typeCode == 0x0a);
            case 0x0b -> appendTime(sql, payload);
            default -> appendBytes(sql, WireFormat.readLengthEncodedBytes(payload), typeCode);
        }
    }

    private static void appendLong(StringBuilder sql, long value)
    {
        if (value < 0) {
            sql.append('(').append(value).append(')');
        }
        else {
            sql.append(value);
        }
    }

    private static void appendFloatingPoint(StringBuilder sql, String text)
    {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            throw new MalformedPacketException("floating point parameter is " + text);
        }
        // with an exponent the literal is a DOUBLE, as the parameter was, not a DECIMAL
        String literal = text.indexOf('E') < 0 ? text + "E0" : text;
        if (literal.startsWith("-")) {
            sql.append('(').append(literal).append(')');
        }
        else {
            sql.append(literal);
        }
    }

    /** DATE, DATETIME, TIMESTAMP: a length (0, 4, 7 or 11) then year, month, day, hour, minute, second, microseconds. */
    private static void appendDateTime(StringBuilder sql, ByteBuf payload, boolean dateOnly)
    {
        WireFormat.requireReadable(payload, 1);
        int length = payload.readUnsignedByte();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("invalid date/time parameter length " + length);
        }
        WireFormat.requireReadable(payload, length);
        int year = length >= 4 ? payload.readUnsignedShortLE() : 0;
        int month = length >= 4 ? payload.readUnsignedByte() : 0;
        int day = length >= 4 ? payload.readUnsignedByte() : 0;
        int hour = length >= 7 ? payload.readUnsignedByte() : 0;
        int minute = length >= 7 ? payload.readUnsignedByte() : 0;
        int second = length >= 7 ? payload.readUnsignedByte() : 0;
        long micros = length == 11 ? payload.readUnsignedIntLE() : 0;
        sql.append('\'');
        pad(sql, year, 4).append('-');
        pad(sql, month, 2).append('-');
        pad(sql, day, 2);
        if (!dateOnly || length > 4) {
            sql.append(' ');
            pad(sql, hour, 2).append(':');
            pad(sql, minute, 2).append(':');
            pad(sql, second, 2);
            appendMicros(sql, micros);
        }
        sql.append('\'');
    }

    /** TIME: a length (0, 8 or 12), then sign, days, hours, minutes, seconds, microseconds. */
    private static void appendTime(StringBuilder sql, ByteBuf payload)
    {
        WireFormat.requireReadable(payload, 1);
        int length = payload.readUnsignedByte();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("invalid time parameter length " + length);
        }
        WireFormat.requireReadable(payload, length);
        boolean negative = length >= 8 && payload.readUnsignedByte() == 1;
        long days = length >= 8 ? payload.readUnsignedIntLE() : 0;
        int hour = length >= 8 ? payload.readUnsignedByte() : 0;
        int minute = length >= 8 ? payload.readUnsignedByte() : 0;
        int second = length >= 8 ? payload.readUnsignedByte() : 0;
        long micros = length == 12 ? payload.readUnsignedIntLE() : 0;
        sql.append('\'');
        if (negative) {
            sql.append('-');
        }
        long hours = days * 24 + hour;
        if (hours < 10) {
            sql.append('0');
        }
        sql.append(hours).append(':');
        pad(sql, minute, 2).append(':');
        pad(sql, second, 2);
        appendMicros(sql, micros);
        sql.append('\'');
    }

    private static void appendMicros(StringBuilder sql, long micros)
    {
        if (micros > 999_999) {
            throw new MalformedPacketException("invalid microseconds " + micros);
        }
        if (micros != 0) {
            sql.append('.');
            pad(sql, micros, 6);
        }
    }

    private static StringBuilder pad(StringBuilder sql, long value, int digits)
    {
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) {
            sql.append('0');
        }
        return sql.append(text);
    }

    /**
     * A string or byte value: valid UTF-8 becomes a quoted string, anything else (and BIT values) a hex literal, so
     * no byte can end the literal early.
     */
    static void appendBytes(StringBuilder sql, byte[] value, int typeCode)
    {
        String text = typeCode == 0x10 ? null : utf8(value);
        if (text == null) {
            sql.append("X'");
            for (byte item : value) {
                sql.append(HEX_DIGITS[(item >> 4) & 0xF]).append(HEX_DIGITS[item & 0xF]);
            }
            sql.append('\'');
            return;
        }
        appendQuoted(sql, text);
    }

    static void appendQuoted(StringBuilder sql, String text)
    {
        sql.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            switch (character) {
                case '\'' -> sql.append("\\'");
                case '\\' -> sql.append("\\\\");
                default -> sql.append(character);
            }
        }
        sql.append('\'');
    }

    private static String utf8(byte[] value)
    {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        }
        catch (CharacterCodingException e) {
            return null;
        }
    }
}
