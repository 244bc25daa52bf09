package io.sluice.storage.segment;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.PhysicalType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The layout of a segment file, format version 2. All numbers are little-endian.
 * <pre>
 * header:  magic "SLUICESG" (8) | format version (4) | row count (4) | column count (4) | a type tag per column (1 each)
 *          | CRC32C of the header bytes before it (4)
 * pages:   per column, its dictionary page (dictionary columns only), then one page per {@link ColumnZoneMap#PAGE_ROWS}
 *          rows: [NULL bitmap, only when the page has NULLs] [values, see {@link PageEncoding}], lz4-compressed
 *          when that saves space; the footer holds each page's CRC32C of its stored bytes
 * footer:  per column, see {@link ColumnFooter}
 * trailer: footer length (4) | CRC32C of the footer (4) | magic again (8), so a truncated file is recognised
 * </pre>
 */
final class SegmentFormat
{
    static final byte[] MAGIC = "SLUICESG".getBytes(StandardCharsets.US_ASCII);
    /** What the first format wrote, to say why such a file cannot be read rather than calling it garbage. */
    static final byte[] VERSION_1_MAGIC = "SLSEG001".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 2;

    /** Magic, version, row count and column count; the type tags and the header checksum follow. */
    static final int HEADER_FIXED_LENGTH = 20;
    static final int TRAILER_LENGTH = 16;

    static final byte FLAG_LZ4 = 1;
    /** The page's strings are UTF-16 code units rather than UTF-8, because one of them has an unpaired surrogate. */
    static final byte FLAG_UTF16 = 2;
    static final byte KNOWN_FLAGS = FLAG_LZ4 | FLAG_UTF16;

    /** LZ4 cannot expand data more than about 255 times; a larger claimed size is damage, not data. */
    static final long MAX_LZ4_EXPANSION = 256;
    /** Decoded pages live in one Java array, with read padding. */
    static final int MAX_PAGE_BYTES = Integer.MAX_VALUE - 64;

    private SegmentFormat() {}

    static int headerLength(int columnCount)
    {
        return HEADER_FIXED_LENGTH + columnCount + 4;
    }

    static byte typeTag(PhysicalType type)
    {
        return switch (type) {
            case LONG -> 1;
            case DOUBLE -> 2;
            case STRING -> 3;
        };
    }

    /** The type with this tag, or null when there is none. */
    static PhysicalType typeFromTag(byte tag)
    {
        return switch (tag) {
            case 1 -> PhysicalType.LONG;
            case 2 -> PhysicalType.DOUBLE;
            case 3 -> PhysicalType.STRING;
            default -> null;
        };
    }

    static SluiceException corrupt(Path file, String detail)
    {
        return new SluiceException(ErrorCode.CORRUPT_DATA, "Segment file " + file + " is corrupt: " + detail);
    }
}
