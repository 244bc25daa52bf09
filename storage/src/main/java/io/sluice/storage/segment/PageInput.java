package io.sluice.storage.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a decoded page (or the footer) with a bounds check on every access, so a damaged length can only raise
 * {@link CorruptPageException}, never read past the data or allocate without limit.
 */
final class PageInput
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buffer;
    private final int limit;
    private int position;

    /** {@code buffer} must have {@link BitPacking#READ_PADDING} readable bytes after {@code limit}. */
    PageInput(byte[] buffer, int limit)
    {
        if (limit < 0 || limit + BitPacking.READ_PADDING > buffer.length) {
            throw new IllegalArgumentException("limit " + limit + " leaves no read padding in a buffer of " + buffer.length);
        }
        this.buffer = buffer;
        this.limit = limit;
    }

    byte[] buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    int remaining()
    {
        return limit - position;
    }

    private int claim(long bytes)
    {
        if (bytes < 0 || bytes > limit - position) {
            throw new CorruptPageException("data ends before its declared contents (" + bytes + " bytes needed at offset " + position + " of " + limit + ")");
        }
        int start = position;
        position += (int) bytes;
        return start;
    }

    /** Skips {@code bytes} bytes and returns where they start. */
    int skip(long bytes)
    {
        return claim(bytes);
    }

    byte readByte()
    {
        return buffer[claim(1)];
    }

    int readInt()
    {
        return (int) INTS.get(buffer, claim(4));
    }

    long readLong()
    {
        return (long) LONGS.get(buffer, claim(8));
    }

    /** Reads a non-negative int that must be at most {@code maximum}. */
    int readCount(int maximum, String what)
    {
        int value = readInt();
        if (value < 0 || value > maximum) {
            throw new CorruptPageException("impossible " + what + " " + value);
        }
        return value;
    }

    /** Reads a NULL bitmap of {@code rows} rows into {@code nulls} and returns how many bits were set. */
    int readBitmap(boolean[] nulls, int offset, int rows)
    {
        int start = claim((rows + 7) >>> 3);
        int end = position;
        int setBits = 0;
        // Counting every bit, the padding bits of the last byte included, so a stray bit is caught too.
        for (int i = start; i < end; i++) {
            setBits += Integer.bitCount(buffer[i] & 0xFF);
        }
        for (int row = 0; row < rows; row++) {
            nulls[offset + row] = (buffer[start + (row >>> 3)] & (1 << (row & 7))) != 0;
        }
        return setBits;
    }

    /** Reads {@code count} values bit-packed in {@code width} bits, adding {@code base}. */
    void readPacked(int count, int width, long base, long[] target, int targetOffset)
    {
        if (width < 0 || width > 64) {
            throw new CorruptPageException("impossible bit width " + width);
        }
        int start = claim(BitPacking.packedBytes(count, width));
        BitPacking.unpack(buffer, start, count, width, base, target, targetOffset);
    }

    void readLongs(long[] target, int offset, int count)
    {
        int start = claim(8L * count);
        for (int i = 0; i < count; i++) {
            target[offset + i] = (long) LONGS.get(buffer, start + 8 * i);
        }
    }

    /** Reads doubles stored as their IEEE 754 bits, so NaN payloads and -0.0 come back exactly. */
    void readDoubles(double[] target, int offset, int count)
    {
        int start = claim(8L * count);
        for (int i = 0; i < count; i++) {
            target[offset + i] = Double.longBitsToDouble((long) LONGS.get(buffer, start + 8 * i));
        }
    }

    void requireFullyRead()
    {
        if (position != limit) {
            throw new CorruptPageException((limit - position) + " unexpected bytes after the data");
        }
    }
}
