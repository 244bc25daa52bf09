package io.sluice.storage.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fixed-width bit-packing of unsigned integers of 0 to 64 bits, least significant bits first; the writing half is
 * {@link PageOutput#writePacked}.
 */
final class BitPacking
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Readers keep this many readable bytes after the data, so unpacking can always load a whole word. */
    static final int READ_PADDING = 8;

    private BitPacking() {}

    /** Bits needed for unsigned values up to {@code unsignedMaximum}. */
    static int bitWidth(long unsignedMaximum)
    {
        return 64 - Long.numberOfLeadingZeros(unsignedMaximum);
    }

    static long packedBytes(int count, int width)
    {
        return ((long) count * width + 7) >>> 3;
    }

    static long mask(int width)
    {
        return width == 64 ? -1L : (1L << width) - 1;
    }

    /**
     * Reads {@code count} values of {@code width} bits from {@code source} at {@code offset} into {@code target},
     * adding {@code base} (wrapping). The caller checked that the packed bytes lie within the data and that
     * {@link #READ_PADDING} more bytes are readable.
     */
    static void unpack(byte[] source, int offset, int count, int width, long base, long[] target, int targetOffset)
    {
        if (width == 0) {
            for (int i = 0; i < count; i++) {
                target[targetOffset + i] = base;
            }
            return;
        }
        long mask = mask(width);
        long bitPosition = 0;
        for (int i = 0; i < count; i++) {
            int byteIndex = offset + (int) (bitPosition >>> 3);
            int shift = (int) (bitPosition & 7);
            long word = (long) LONGS.get(source, byteIndex) >>> shift;
            if (shift + width > 64) {
                word |= (source[byteIndex + 8] & 0xFFL) << (64 - shift);
            }
            target[targetOffset + i] = base + (word & mask);
            bitPosition += width;
        }
    }
}
