package io.sluice.storage.segment;

import java.nio.charset.StandardCharsets;

/**
 * Encodes strings (a plain page or a column's dictionary) and dictionary codes.
 * Strings: total byte length (4) | the bytes | a bit width (1) | each string's length bit-packed. The bytes are
 * UTF-8, or UTF-16 code units (lengths in units) when the page is flagged {@link SegmentFormat#FLAG_UTF16}.
 * Codes: the smallest code (4) | a bit width (1) | each code minus the smallest bit-packed.
 */
final class StringPages
{
    private StringPages() {}

    /**
     * Writes {@code values[0..count)}, none of them null, using {@code lengths} as scratch; returns whether they had
     * to be written as UTF-16 because one holds an unpaired surrogate, which UTF-8 cannot represent.
     */
    static boolean write(String[] values, int count, PageOutput output, long[] lengths)
    {
        int start = output.size();
        output.writeInt(0);
        boolean utf16 = false;
        for (int i = 0; i < count; i++) {
            int length = output.writeUtf8(values[i]);
            if (length < 0) {
                utf16 = true;
                break;
            }
            lengths[i] = length;
        }
        if (utf16) {
            output.truncate(start + 4);
            for (int i = 0; i < count; i++) {
                output.writeUtf16(values[i]);
                lengths[i] = values[i].length();
            }
        }
        output.writeIntAt(start, output.size() - start - 4);
        long maximumLength = 0;
        for (int i = 0; i < count; i++) {
            maximumLength = Math.max(maximumLength, lengths[i]);
        }
        int width = BitPacking.bitWidth(maximumLength);
        output.writeByte(width);
        output.writePacked(lengths, 0, count, 0, width);
        return utf16;
    }

    /**
     * Writes the non-NULL values of rows {@code [start, end)} of a UTF-8 vector, whose {@code count} byte lengths are
     * in {@code lengths}, as {@link #write} writes them as UTF-8: a NULL takes no bytes there, so they are one run.
     */
    static void writeUtf8(byte[] bytes, int[] offsets, int start, int end, long[] lengths, int count, PageOutput output)
    {
        output.writeInt(offsets[end] - offsets[start]);
        output.writeBytes(bytes, offsets[start], offsets[end] - offsets[start]);
        long maximumLength = 0;
        for (int i = 0; i < count; i++) {
            maximumLength = Math.max(maximumLength, lengths[i]);
        }
        int width = BitPacking.bitWidth(maximumLength);
        output.writeByte(width);
        output.writePacked(lengths, 0, count, 0, width);
    }

    /** Reads {@code count} strings into {@code target} from {@code offset}, using {@code lengths} as scratch. */
    static void read(PageInput input, int count, boolean utf16, String[] target, int offset, long[] lengths)
    {
        int byteCount = input.readCount(input.remaining(), "string byte count");
        int position = input.skip(byteCount);
        int end = position + byteCount;
        int width = input.readByte() & 0xFF;
        input.readPacked(count, width, 0, lengths, 0);
        byte[] buffer = input.buffer();
        for (int i = 0; i < count; i++) {
            long length = lengths[i];
            if (length < 0 || length > end - position) {
                throw new CorruptPageException("string " + i + " of length " + length + " runs past the page's string bytes");
            }
            long bytes = utf16 ? 2 * length : length;
            if (bytes > end - position) {
                throw new CorruptPageException("string " + i + " of length " + length + " runs past the page's string bytes");
            }
            target[offset + i] = utf16 ? utf16String(buffer, position, (int) length) : new String(buffer, position, (int) bytes, StandardCharsets.UTF_8);
            position += (int) bytes;
        }
        if (position != end) {
            throw new CorruptPageException("string lengths add up to " + (byteCount - (end - position)) + " bytes, the page has " + byteCount);
        }
    }

    private static String utf16String(byte[] buffer, int position, int length)
    {
        char[] characters = new char[length];
        for (int i = 0; i < length; i++) {
            characters[i] = (char) ((buffer[position + 2 * i] & 0xFF) | (buffer[position + 2 * i + 1] & 0xFF) << 8);
        }
        return new String(characters);
    }

    /** Writes the page's non-NULL codes {@code codes[0..count)}, all in {@code [0, dictionary size)}. */
    static void writeCodes(long[] codes, int count, PageOutput output)
    {
        long minimum = count == 0 ? 0 : codes[0];
        long maximum = minimum;
        for (int i = 1; i < count; i++) {
            minimum = Math.min(minimum, codes[i]);
            maximum = Math.max(maximum, codes[i]);
        }
        int width = BitPacking.bitWidth(maximum - minimum);
        output.writeInt((int) minimum);
        output.writeByte(width);
        output.writePacked(codes, 0, count, minimum, width);
    }

    /** Reads {@code count} codes into {@code target} from {@code offset}, checking each against the dictionary. */
    static void readCodes(PageInput input, int count, int dictionarySize, int[] target, int offset, long[] scratch)
    {
        int minimum = input.readInt();
        if (minimum < 0) {
            throw new CorruptPageException("negative dictionary code " + minimum);
        }
        int width = input.readByte() & 0xFF;
        input.readPacked(count, width, minimum, scratch, 0);
        for (int i = 0; i < count; i++) {
            long code = scratch[i];
            // Unsigned: a 64-bit wide code can wrap negative.
            if (Long.compareUnsigned(code, dictionarySize) >= 0) {
                throw new CorruptPageException("dictionary code " + code + " outside a dictionary of " + dictionarySize);
            }
            target[offset + i] = (int) code;
        }
    }
}
