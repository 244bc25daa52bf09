package io.sluice.storage.column;

import java.util.Arrays;

/**
 * Builds a UTF-8 {@link StringVector} value by value: appended strings are encoded, appended UTF-8 bytes copied.
 */
public final class Utf8Writer
{
    private byte[] bytes;
    private int[] offsets;
    private boolean[] nulls;
    private int length;
    private int size;

    /** With room for about {@code expectedBytes} bytes and exactly {@code expectedRows} values. */
    public Utf8Writer(long expectedBytes, int expectedRows)
    {
        if (expectedBytes < 0 || expectedRows < 0) {
            throw new IllegalArgumentException("negative size");
        }
        this.bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, expectedBytes))];
        this.offsets = new int[expectedRows + 1];
    }

    /** Appends the string's UTF-8 bytes; false, appending nothing, when it holds an unpaired surrogate. */
    public boolean append(String value)
    {
        int count = value.length();
        // Room for ASCII; a wider character makes room for the rest at three bytes each (sizing every value for the
        // worst case would grow an array sized exactly for ASCII just before its end).
        ensureBytes(length, count);
        byte[] target = bytes;
        int position = length;
        for (int i = 0; i < count; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                ensureBytes(position, 3L * (count - i));
                position = Utf8Strings.encode(value, i, bytes, position);
                if (position < 0) {
                    return false;
                }
                break;
            }
            target[position++] = (byte) c;
        }
        length = position;
        endValue(false);
        return true;
    }

    /** Appends the UTF-8 bytes of {@code chars[from, to)}; false, appending nothing, when they hold an unpaired surrogate. */
    public boolean append(char[] chars, int from, int to)
    {
        // Room for ASCII first, as in append(String)
        int count = to - from;
        ensureBytes(length, count);
        byte[] target = bytes;
        int position = length;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                ensureBytes(position, 3L * (to - i));
                position = Utf8Strings.encode(chars, i, to, bytes, position);
                if (position < 0) {
                    return false;
                }
                break;
            }
            target[position++] = (byte) c;
        }
        length = position;
        endValue(false);
        return true;
    }

    /** Appends a value already in UTF-8: {@code source[from, to)}. */
    public void appendUtf8(byte[] source, int from, int to)
    {
        int count = to - from;
        ensureBytes(length, count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
        endValue(false);
    }

    public void appendNull()
    {
        endValue(true);
    }

    /** Appends value {@code row} of a UTF-8 vector. */
    public void appendFrom(StringVector vector, int row)
    {
        boolean[] sourceNulls = vector.utf8Nulls();
        if (sourceNulls != null && sourceNulls[row]) {
            appendNull();
            return;
        }
        int[] sourceOffsets = vector.utf8Offsets();
        appendUtf8(vector.utf8Bytes(), sourceOffsets[row], sourceOffsets[row + 1]);
    }

    public int size()
    {
        return size;
    }

    /** The bytes of the values so far. */
    public int byteCount()
    {
        return length;
    }

    /** Drops the values from {@code newSize} on. */
    public void truncate(int newSize)
    {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("size " + newSize + " is not within 0.." + size);
        }
        size = newSize;
        length = offsets[newSize];
    }

    public StringVector build()
    {
        // The vector lives as long as its segment: give back room a generous estimate left unused.
        if (bytes.length - length > Math.max(4096, length / 8)) {
            bytes = Arrays.copyOf(bytes, length);
        }
        if (offsets.length - (size + 1) > Math.max(1024, size / 8)) {
            offsets = Arrays.copyOf(offsets, size + 1);
            nulls = nulls == null ? null : Arrays.copyOf(nulls, size);
        }
        return StringVector.utf8(bytes, offsets, nulls, size);
    }

    private void endValue(boolean isNull)
    {
        if (size + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(2, offsets.length * 2));
        }
        if (isNull) {
            if (nulls == null) {
                nulls = new boolean[offsets.length - 1];
            }
            else if (nulls.length < offsets.length - 1) {
                nulls = Arrays.copyOf(nulls, offsets.length - 1);
            }
            nulls[size] = true;
        }
        else if (nulls != null) {
            if (nulls.length < offsets.length - 1) {
                nulls = Arrays.copyOf(nulls, offsets.length - 1);
            }
            // A value truncated away may have been NULL.
            nulls[size] = false;
        }
        size++;
        offsets[size] = length;
    }

    /** Room for {@code more} bytes after {@code position}. */
    private void ensureBytes(int position, long more)
    {
        long needed = position + more;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a string column of more than 2 GB");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
    }
}
