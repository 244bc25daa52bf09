package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

/**
 * Writes one text-protocol row into the payload of the current packet: each value a length-encoded string, NULL as
 * 0xFB. Counts values so a source that writes too few or too many fails cleanly instead of corrupting the stream.
 */
final class TextRowWriter
        implements PacketRowWriter
{
    private static final int MAX_LONG_DIGITS = 20;

    private final int columnCount;
    private ByteBuf payload;
    private int valueCount;

    TextRowWriter(int columnCount)
    {
        this.columnCount = columnCount;
    }

    @Override
    public void startRow(ByteBuf payload)
    {
        this.payload = payload;
        this.valueCount = 0;
    }

    /** Checks the row the source wrote (or, when it had no more rows, that it wrote nothing). */
    @Override
    public void finishRow(boolean rowWritten)
    {
        payload = null;
        if (rowWritten && valueCount != columnCount) {
            throw new IllegalStateException("row source wrote %s values for %s columns".formatted(valueCount, columnCount));
        }
        if (!rowWritten && valueCount != 0) {
            throw new IllegalStateException("row source wrote %s values but reported no row".formatted(valueCount));
        }
    }

    @Override
    public void writeNull()
    {
        checkValue();
        payload.writeByte(WireFormat.NULL_VALUE);
    }

    @Override
    public void writeString(CharSequence value)
    {
        checkValue();
        if (value == null) {
            payload.writeByte(WireFormat.NULL_VALUE);
            return;
        }
        WireFormat.writeLengthEncodedString(payload, value);
    }

    @Override
    public void writeLong(long value)
    {
        checkValue();
        boolean negative = value < 0;
        // digits are computed on the negative value so that Long.MIN_VALUE needs no special case
        long remaining = negative ? value : -value;
        int digits = 1;
        for (long rest = remaining; rest <= -10; rest /= 10) {
            digits++;
        }
        int length = negative ? digits + 1 : digits;
        payload.ensureWritable(1 + MAX_LONG_DIGITS);
        payload.writeByte(length);
        int end = payload.writerIndex() + length;
        int index = end - 1;
        do {
            payload.setByte(index--, '0' - (int) (remaining % 10));
            remaining /= 10;
        }
        while (remaining != 0);
        if (negative) {
            payload.setByte(index, '-');
        }
        payload.writerIndex(end);
    }

    @Override
    public void writeBytes(byte[] value)
    {
        checkValue();
        if (value == null) {
            payload.writeByte(WireFormat.NULL_VALUE);
            return;
        }
        WireFormat.writeLengthEncodedBytes(payload, value);
    }

    private void checkValue()
    {
        if (payload == null) {
            throw new IllegalStateException("values can only be written while the protocol asks for a row");
        }
        if (valueCount == columnCount) {
            throw new IllegalStateException("row source wrote more values than the %s columns".formatted(columnCount));
        }
        valueCount++;
    }
}
