package io.sluice.storage.segment;

import io.sluice.storage.column.Utf8Strings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer, reused from page to page so writing a segment allocates per page size, not
 * per value. Also writes bit-packed integers and UTF-8 without a byte[] per string.
 */
final class PageOutput
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int size;

    PageOutput(int initialCapacity)
    {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    void reset()
    {
        size = 0;
    }

    int size()
    {
        return size;
    }

    /** The bytes themselves; only the first {@link #size()} count. */
    byte[] array()
    {
        return buffer;
    }

    private void ensureRoom(long bytes)
    {
        long needed = size + bytes;
        if (needed <= buffer.length) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 16) {
            throw new PageTooLargeException();
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, buffer.length * 2L)));
    }

    /** Drops everything written after the first {@code newSize} bytes. */
    void truncate(int newSize)
    {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    void writeByte(int value)
    {
        ensureRoom(1);
        buffer[size++] = (byte) value;
    }

    void writeInt(int value)
    {
        ensureRoom(4);
        INTS.set(buffer, size, value);
        size += 4;
    }

    void writeIntAt(int position, int value)
    {
        INTS.set(buffer, position, value);
    }

    void writeLong(long value)
    {
        ensureRoom(8);
        LONGS.set(buffer, size, value);
        size += 8;
    }

    void writeBytes(byte[] source, int offset, int length)
    {
        ensureRoom(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /** NULL flags as a bitmap, bit {@code i % 8} of byte {@code i / 8} set when row {@code i} is NULL. */
    void writeBitmap(boolean[] flags, int count)
    {
        int bytes = (count + 7) >>> 3;
        ensureRoom(bytes);
        Arrays.fill(buffer, size, size + bytes, (byte) 0);
        for (int i = 0; i < count; i++) {
            if (flags[i]) {
                buffer[size + (i >>> 3)] |= (byte) (1 << (i & 7));
            }
        }
        size += bytes;
    }

    /**
     * Writes {@code values[offset + i] - base} for {@code count} values in {@code width} bits each (0 to 64), least
     * significant bits first, in {@link BitPacking#packedBytes} bytes. The differences must fit in {@code width}
     * unsigned bits.
     */
    void writePacked(long[] values, int offset, int count, long base, int width)
    {
        if (width == 0 || count == 0) {
            return;
        }
        ensureRoom(BitPacking.packedBytes(count, width) + 8);
        long mask = BitPacking.mask(width);
        long pending = 0;
        int pendingBits = 0;
        int position = size;
        for (int i = offset; i < offset + count; i++) {
            long value = (values[i] - base) & mask;
            pending |= value << pendingBits;
            int total = pendingBits + width;
            if (total >= 64) {
                LONGS.set(buffer, position, pending);
                position += 8;
                int written = 64 - pendingBits;
                // A shift by 64 is a shift by 0 in Java, so a value that filled the word exactly leaves nothing.
                pending = written == 64 ? 0 : value >>> written;
                pendingBits = total - 64;
            }
            else {
                pendingBits = total;
            }
        }
        while (pendingBits > 0) {
            buffer[position++] = (byte) pending;
            pending >>>= 8;
            pendingBits -= 8;
        }
        size = position;
    }

    /**
     * Appends the string as UTF-8 and returns its byte length, or returns -1 (writing nothing) when it holds an
     * unpaired surrogate, which UTF-8 cannot carry: the JDK encoder would silently turn it into '?'.
     */
    int writeUtf8(String value)
    {
        ensureRoom(3L * value.length());
        int end = Utf8Strings.encode(value, 0, buffer, size);
        if (end < 0) {
            return -1;
        }
        int written = end - size;
        size = end;
        return written;
    }

    /** Appends the string's UTF-16 code units, two bytes each: lossless for any Java string. */
    void writeUtf16(String value)
    {
        int length = value.length();
        ensureRoom(2L * length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            buffer[size++] = (byte) c;
            buffer[size++] = (byte) (c >>> 8);
        }
    }

    /** Thrown when a page would not fit in a Java array; the writer turns it into a clean error. */
    static final class PageTooLargeException
            extends RuntimeException
    {
        PageTooLargeException()
        {
            super("page exceeds 2 GB", null, false, false);
        }
    }
}
