package io.sluice.storage.segment;

/**
 * Encodes a page of LONG values with whichever of frame of reference, delta or plain is smallest: small ranges
 * (flags, enums, dates) pack tightly with frame of reference, ids and timestamps that grow steadily pack tightly as
 * deltas, and random 64-bit values stay plain.
 */
final class LongPages
{
    private static final int FRAME_OF_REFERENCE_HEADER_BYTES = 8 + 1;
    private static final int DELTA_HEADER_BYTES = 8 + 8 + 1;

    private LongPages() {}

    /**
     * Writes the first {@code count} entries of {@code values} (the page's non-NULL values) and returns the encoding
     * chosen. Overwrites {@code values}.
     */
    static PageEncoding write(long[] values, int count, PageOutput output)
    {
        if (count == 0) {
            return PageEncoding.LONG_PLAIN;
        }
        long minimum = values[0];
        long maximum = values[0];
        long minimumDelta = Long.MAX_VALUE;
        long maximumDelta = Long.MIN_VALUE;
        for (int i = 1; i < count; i++) {
            long value = values[i];
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
            // Wrapping subtraction: the decoder's wrapping addition undoes it exactly, even across the whole range.
            long delta = value - values[i - 1];
            minimumDelta = Math.min(minimumDelta, delta);
            maximumDelta = Math.max(maximumDelta, delta);
        }
        // Unsigned differences: maximum - minimum fits 64 unsigned bits even for Long.MIN_VALUE..Long.MAX_VALUE.
        int referenceWidth = BitPacking.bitWidth(maximum - minimum);
        int deltaWidth = count > 1 ? BitPacking.bitWidth(maximumDelta - minimumDelta) : 0;
        long plainBytes = 8L * count;
        long referenceBytes = FRAME_OF_REFERENCE_HEADER_BYTES + BitPacking.packedBytes(count, referenceWidth);
        long deltaBytes = count > 1 ? DELTA_HEADER_BYTES + BitPacking.packedBytes(count - 1, deltaWidth) : Long.MAX_VALUE;

        if (referenceBytes <= deltaBytes && referenceBytes < plainBytes) {
            output.writeLong(minimum);
            output.writeByte(referenceWidth);
            output.writePacked(values, 0, count, minimum, referenceWidth);
            return PageEncoding.LONG_FRAME_OF_REFERENCE;
        }
        if (deltaBytes < plainBytes) {
            output.writeLong(values[0]);
            output.writeLong(minimumDelta);
            output.writeByte(deltaWidth);
            for (int i = count - 1; i > 0; i--) {
                values[i] -= values[i - 1];
            }
            output.writePacked(values, 1, count - 1, minimumDelta, deltaWidth);
            return PageEncoding.LONG_DELTA;
        }
        for (int i = 0; i < count; i++) {
            output.writeLong(values[i]);
        }
        return PageEncoding.LONG_PLAIN;
    }

    /** Reads {@code count} values written by {@link #write} into {@code target} from {@code offset}. */
    static void read(PageEncoding encoding, PageInput input, int count, long[] target, int offset)
    {
        switch (encoding) {
            case LONG_PLAIN -> input.readLongs(target, offset, count);
            case LONG_FRAME_OF_REFERENCE -> {
                long minimum = input.readLong();
                int width = input.readByte() & 0xFF;
                input.readPacked(count, width, minimum, target, offset);
            }
            case LONG_DELTA -> {
                if (count == 0) {
                    throw new CorruptPageException("delta encoding without values");
                }
                long first = input.readLong();
                long minimumDelta = input.readLong();
                int width = input.readByte() & 0xFF;
                input.readPacked(count - 1, width, minimumDelta, target, offset + 1);
                target[offset] = first;
                for (int i = offset + 1; i < offset + count; i++) {
                    target[i] += target[i - 1];
                }
            }
            default -> throw new CorruptPageException("encoding " + encoding + " in a LONG column");
        }
    }
}
