package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one binary-protocol row (the answer to COM_STMT_EXECUTE): a 0x00 header, a NULL bitmap whose first two bits
 * are reserved, then each non-NULL value in the binary form of its column's type: integers and floating point numbers
 * little-endian in their width, dates, datetimes and times as length-prefixed fields, everything else (decimals,
 * strings, bytes) length-encoded. Values arrive through the text-oriented {@link MysqlRowWriter}, so text is converted
 * to the column's type here.
 */
final class BinaryRowWriter
        implements PacketRowWriter
{
    private static final int BITMAP_OFFSET = 2;

    private final MysqlType[] types;
    private final boolean[] unsigned;
    private final int bitmapLength;
    private ByteBuf payload;
    private int bitmapStart;
    private int valueCount;

    BinaryRowWriter(List<MysqlColumn> columns)
    {
        types = new MysqlType[columns.size()];
        unsigned = new boolean[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
            unsigned[i] = columns.get(i).hasFlag(MysqlColumn.UNSIGNED_FLAG);
        }
        bitmapLength = (types.length + 7 + BITMAP_OFFSET) / 8;
    }

    @Override
    public void startRow(ByteBuf payload)
    {
        this.payload = payload;
        this.valueCount = 0;
        payload.writeByte(0x00);
        bitmapStart = payload.writerIndex();
        payload.writeZero(bitmapLength);
    }

    @Override
    public void finishRow(boolean rowWritten)
    {
        payload = null;
        if (rowWritten && valueCount != types.length) {
            throw new IllegalStateException("row source wrote %s values for %s columns".formatted(valueCount, types.length));
        }
        if (!rowWritten && valueCount != 0) {
            throw new IllegalStateException("row source wrote %s values but reported no row".formatted(valueCount));
        }
    }

    @Override
    public void writeNull()
    {
        int column = nextColumn();
        int bit = column + BITMAP_OFFSET;
        int index = bitmapStart + bit / 8;
        payload.setByte(index, payload.getByte(index) | (1 << (bit % 8)));
    }

    @Override
    public void writeString(CharSequence value)
    {
        if (value == null) {
            writeNull();
            return;
        }
        int column = nextColumn();
        MysqlType type = types[column];
        switch (type) {
            case TINY, SHORT, YEAR, LONG, INT24, LONGLONG -> writeInteger(type, parseInteger(value.toString(), unsigned[column]));
            case FLOAT -> payload.writeFloatLE(Float.parseFloat(value.toString().trim()));
            case DOUBLE -> payload.writeDoubleLE(Double.parseDouble(value.toString().trim()));
            case DATE, DATETIME, TIMESTAMP -> writeDateTime(payload, value.toString(), type == MysqlType.DATE);
            case TIME -> writeTime(payload, value.toString());
            default -> WireFormat.writeLengthEncodedString(payload, value);
        }
    }

    @Override
    public void writeLong(long value)
    {
        int column = nextColumn();
        MysqlType type = types[column];
        switch (type) {
            case TINY, SHORT, YEAR, LONG, INT24, LONGLONG -> writeInteger(type, value);
            case FLOAT -> payload.writeFloatLE(value);
            case DOUBLE -> payload.writeDoubleLE(value);
            case DATE, DATETIME, TIMESTAMP, TIME -> throw new IllegalStateException("integer written to a " + type + " column");
            default -> WireFormat.writeLengthEncodedString(payload, Long.toString(value));
        }
    }

    @Override
    public void writeBytes(byte[] value)
    {
        if (value == null) {
            writeNull();
            return;
        }
        MysqlType type = types[valueCount < types.length ? valueCount : 0];
        if (type.isBlob() || type.isCharacterString() || type == MysqlType.BIT || type == MysqlType.DECIMAL || type == MysqlType.NEWDECIMAL) {
            nextColumn();
            WireFormat.writeLengthEncodedBytes(payload, value);
            return;
        }
        writeString(new String(value, StandardCharsets.UTF_8));
    }

    private void writeInteger(MysqlType type, long value)
    {
        switch (type) {
            case TINY -> payload.writeByte((int) value);
            case SHORT, YEAR -> payload.writeShortLE((int) value);
            case LONG, INT24 -> payload.writeIntLE((int) value);
            default -> payload.writeLongLE(value);
        }
    }

    private static long parseInteger(String text, boolean unsigned)
    {
        String trimmed = text.trim();
        try {
            return unsigned ? Long.parseUnsignedLong(trimmed) : Long.parseLong(trimmed);
        }
        catch (NumberFormatException e) {
            // "1.0", "1e3": integral results rendered by a generic path
            return new BigDecimal(trimmed).longValue();
        }
    }

    /** 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]' as the binary DATE/DATETIME form, in the fewest bytes that hold it. */
    static void writeDateTime(ByteBuf payload, String text, boolean dateOnly)
    {
        String value = text.trim();
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        if (!dateOnly && value.length() >= 19) {
            hour = digits(value, 11, 13);
            minute = digits(value, 14, 16);
            second = digits(value, 17, 19);
            micros = fraction(value, 19);
        }
        if (micros != 0) {
            payload.writeByte(11);
        }
        else if (hour != 0 || minute != 0 || second != 0) {
            payload.writeByte(7);
        }
        else if (year != 0 || month != 0 || day != 0) {
            payload.writeByte(4);
        }
        else {
            payload.writeByte(0);
            return;
        }
        payload.writeShortLE(year);
        payload.writeByte(month);
        payload.writeByte(day);
        if (micros != 0 || hour != 0 || minute != 0 || second != 0) {
            payload.writeByte(hour);
            payload.writeByte(minute);
            payload.writeByte(second);
            if (micros != 0) {
                payload.writeIntLE(micros);
            }
        }
    }

    /** '[-]H..H:MM:SS[.ffffff]' as the binary TIME form: sign, days, hours, minutes, seconds, microseconds. */
    static void writeTime(ByteBuf payload, String text)
    {
        String value = text.trim();
        boolean negative = value.startsWith("-");
        int start = negative ? 1 : 0;
        int firstColon = value.indexOf(':', start);
        if (firstColon < 0 || value.length() < firstColon + 6) {
            throw new IllegalArgumentException("not a time: '" + text + "'");
        }
        long hours = Long.parseLong(value.substring(start, firstColon));
        int minute = digits(value, firstColon + 1, firstColon + 3);
        int second = digits(value, firstColon + 4, firstColon + 6);
        int micros = fraction(value, firstColon + 6);
        if (hours == 0 && minute == 0 && second == 0 && micros == 0) {
            payload.writeByte(0);
            return;
        }
        payload.writeByte(micros != 0 ? 12 : 8);
        payload.writeByte(negative ? 1 : 0);
        payload.writeIntLE((int) (hours / 24));
        payload.writeByte((int) (hours % 24));
        payload.writeByte(minute);
        payload.writeByte(second);
        if (micros != 0) {
            payload.writeIntLE(micros);
        }
    }

    private static int digits(String text, int start, int end)
    {
        if (text.length() < end) {
            throw new IllegalArgumentException("not a date or time: '" + text + "'");
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char character = text.charAt(i);
            if (character < '0' || character > '9') {
                throw new IllegalArgumentException("not a date or time: '" + text + "'");
            }
            value = value * 10 + character - '0';
        }
        return value;
    }

    /** The microseconds of a '.ffffff' fraction at {@code start} (fewer digits are scaled), 0 when there is none. */
    private static int fraction(String text, int start)
    {
        if (start >= text.length() || text.charAt(start) != '.') {
            return 0;
        }
        int micros = 0;
        int digits = 0;
        for (int i = start + 1; i < text.length() && digits < 6; i++, digits++) {
            char character = text.charAt(i);
            if (character < '0' || character > '9') {
                break;
            }
            micros = micros * 10 + character - '0';
        }
        for (; digits < 6; digits++) {
            micros *= 10;
        }
        return micros;
    }

    private int nextColumn()
    {
        if (payload == null) {
            throw new IllegalStateException("values can only be written while the protocol asks for a row");
        }
        if (valueCount == types.length) {
            throw new IllegalStateException("row source wrote more values than the %s columns".formatted(types.length));
        }
        return valueCount++;
    }
}
