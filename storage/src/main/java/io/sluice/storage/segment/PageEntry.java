package io.sluice.storage.segment;

import static java.util.Objects.requireNonNull;

/**
 * Where one page is in the file and how to decode it, as recorded in the footer.
 *
 * @param storedLength bytes in the file (compressed when {@link SegmentFormat#FLAG_LZ4} is set)
 * @param decodedLength bytes after decompression
 * @param checksum CRC32C of the stored bytes
 */
record PageEntry(long offset, int storedLength, int decodedLength, PageEncoding encoding, byte flags, int checksum, int nullCount)
{
    PageEntry
    {
        requireNonNull(encoding, "encoding is null");
    }

    boolean compressed()
    {
        return (flags & SegmentFormat.FLAG_LZ4) != 0;
    }

    boolean utf16()
    {
        return (flags & SegmentFormat.FLAG_UTF16) != 0;
    }

    void writeTo(PageOutput output)
    {
        output.writeLong(offset);
        output.writeInt(storedLength);
        output.writeInt(decodedLength);
        output.writeByte(encoding.id());
        output.writeByte(flags);
        output.writeInt(checksum);
        output.writeInt(nullCount);
    }

    /** Reads an entry, checking what can be checked without its neighbours. */
    static PageEntry readFrom(PageInput input, int rows)
    {
        long offset = input.readLong();
        int storedLength = input.readInt();
        int decodedLength = input.readInt();
        byte encodingId = input.readByte();
        byte flags = input.readByte();
        int checksum = input.readInt();
        int nullCount = input.readInt();
        PageEncoding encoding = PageEncoding.fromId(encodingId);
        if (encoding == null) {
            throw new CorruptPageException("unknown page encoding " + encodingId);
        }
        if ((flags & ~SegmentFormat.KNOWN_FLAGS) != 0) {
            throw new CorruptPageException("unknown page flags " + flags);
        }
        if (offset < 0 || storedLength < 0 || decodedLength < 0 || decodedLength > SegmentFormat.MAX_PAGE_BYTES) {
            throw new CorruptPageException("impossible page position or length");
        }
        if ((flags & SegmentFormat.FLAG_UTF16) != 0 && encoding != PageEncoding.STRING_PLAIN && encoding != PageEncoding.DICTIONARY_VALUES) {
            throw new CorruptPageException("UTF-16 flag on a " + encoding + " page");
        }
        boolean compressed = (flags & SegmentFormat.FLAG_LZ4) != 0;
        if (compressed ? decodedLength > storedLength * SegmentFormat.MAX_LZ4_EXPANSION : decodedLength != storedLength) {
            throw new CorruptPageException("impossible decoded length " + decodedLength + " for " + storedLength + " stored bytes");
        }
        if (nullCount < 0 || nullCount > rows) {
            throw new CorruptPageException("impossible NULL count " + nullCount + " for " + rows + " rows");
        }
        return new PageEntry(offset, storedLength, decodedLength, encoding, flags, checksum, nullCount);
    }
}
