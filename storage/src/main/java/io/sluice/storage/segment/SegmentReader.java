package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.PhysicalType;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static io.sluice.storage.segment.ColumnZoneMap.PAGE_ROWS;
import static io.sluice.storage.segment.SegmentFormat.corrupt;

/**
 * Reads a segment file: checks the header and footer, then every page's checksum before decoding it, and checks
 * each decoded structure against the footer, so damage always ends in {@code CORRUPT_DATA}, never in wrong values.
 */
final class SegmentReader
{
    // The safe decompressor bounds-checks its input; the page checksum is verified before it runs anyway.
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final CRC32C checksum = new CRC32C();
    private byte[] stored = new byte[0];
    private byte[] decoded = new byte[0];
    private final boolean[] pageNulls = new boolean[PAGE_ROWS];
    private long[] scratch = new long[PAGE_ROWS];

    private int rowCount;
    private int headerLength;
    private long footerStart;

    private SegmentReader(Path file, FileChannel channel)
            throws IOException
    {
        this.file = file;
        this.channel = channel;
        this.fileSize = channel.size();
    }

    static Segment read(Path file, long segmentId, int tablet, long version, List<PhysicalType> types)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SegmentReader reader = new SegmentReader(file, channel);
            List<ColumnFooter> footers = reader.readMetadata(types);
            List<ColumnVector> columns = new ArrayList<>(footers.size());
            for (int column = 0; column < footers.size(); column++) {
                columns.add(reader.readColumn(column, footers.get(column)));
            }
            return new Segment(segmentId, tablet, version, columns, reader.rowCount);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot read segment file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The footer alone, checked: for tests and tools. */
    static List<ColumnFooter> readFooter(Path file, List<PhysicalType> types)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SegmentReader(file, channel).readMetadata(types);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot read segment file " + file + ": " + e.getMessage(), e);
        }
    }

    private List<ColumnFooter> readMetadata(List<PhysicalType> types)
            throws IOException
    {
        readHeader(types);
        List<ColumnFooter> footers = readColumnFooters(types);
        checkLayout(footers);
        return footers;
    }

    private void readHeader(List<PhysicalType> types)
            throws IOException
    {
        if (fileSize < SegmentFormat.headerLength(0) + SegmentFormat.TRAILER_LENGTH) {
            throw corrupt(file, "truncated to " + fileSize + " bytes, shorter than any segment file");
        }
        byte[] fixed = readAt(0, SegmentFormat.HEADER_FIXED_LENGTH);
        byte[] magic = Arrays.copyOf(fixed, SegmentFormat.MAGIC.length);
        if (Arrays.equals(magic, SegmentFormat.VERSION_1_MAGIC)) {
            throw corrupt(file, "written in segment format version 1, which this version cannot read");
        }
        if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
            throw corrupt(file, "bad magic number, not a segment file");
        }
        PageInput fixedInput = new PageInput(fixed, SegmentFormat.HEADER_FIXED_LENGTH);
        fixedInput.skip(SegmentFormat.MAGIC.length);
        int formatVersion = fixedInput.readInt();
        if (formatVersion != SegmentFormat.FORMAT_VERSION) {
            throw corrupt(file, "unsupported format version " + formatVersion);
        }
        rowCount = fixedInput.readInt();
        int columnCount = fixedInput.readInt();
        if (columnCount < 0 || (long) SegmentFormat.HEADER_FIXED_LENGTH + columnCount + 4 + SegmentFormat.TRAILER_LENGTH > fileSize) {
            throw corrupt(file, "impossible column count " + columnCount + " for a file of " + fileSize + " bytes");
        }
        headerLength = SegmentFormat.headerLength(columnCount);
        byte[] header = readAt(0, headerLength);
        PageInput input = new PageInput(header, headerLength);
        input.skip(headerLength - 4);
        if (input.readInt() != crc32c(header, headerLength - 4)) {
            throw corrupt(file, "header checksum mismatch");
        }
        if (rowCount < 0) {
            throw corrupt(file, "negative row count " + rowCount);
        }
        if (columnCount != types.size()) {
            throw corrupt(file, "it has " + columnCount + " columns, the table has " + types.size());
        }
        for (int column = 0; column < columnCount; column++) {
            byte tag = header[SegmentFormat.HEADER_FIXED_LENGTH + column];
            PhysicalType type = SegmentFormat.typeFromTag(tag);
            if (type == null) {
                throw corrupt(file, "unknown type tag " + tag + " of column " + column);
            }
            if (type != types.get(column)) {
                throw corrupt(file, "column " + column + " is " + type + " in the file, the table expects " + types.get(column));
            }
        }
    }

    private List<ColumnFooter> readColumnFooters(List<PhysicalType> types)
            throws IOException
    {
        byte[] trailer = readAt(fileSize - SegmentFormat.TRAILER_LENGTH, SegmentFormat.TRAILER_LENGTH);
        PageInput trailerInput = new PageInput(trailer, SegmentFormat.TRAILER_LENGTH);
        int footerLength = trailerInput.readInt();
        int footerChecksum = trailerInput.readInt();
        byte[] magic = Arrays.copyOfRange(trailer, 8, 8 + SegmentFormat.MAGIC.length);
        if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
            throw corrupt(file, "truncated or damaged trailer, it does not end with the magic number");
        }
        footerStart = fileSize - SegmentFormat.TRAILER_LENGTH - footerLength;
        if (footerLength < 0 || footerStart < headerLength) {
            throw corrupt(file, "impossible footer length " + footerLength + " for a file of " + fileSize + " bytes");
        }
        byte[] footer = readAt(footerStart, footerLength);
        if (crc32c(footer, footerLength) != footerChecksum) {
            throw corrupt(file, "footer checksum mismatch");
        }
        PageInput input = new PageInput(footer, footerLength);
        List<ColumnFooter> footers = new ArrayList<>(types.size());
        int column = 0;
        try {
            for (; column < types.size(); column++) {
                footers.add(ColumnFooter.readFrom(input, types.get(column), rowCount));
            }
            input.requireFullyRead();
        }
        catch (CorruptPageException e) {
            throw corrupt(file, "footer of column " + column + ": " + e.getMessage());
        }
        return footers;
    }

    /** Pages must follow each other exactly from the header to the footer: nothing overlaps, nothing is lost. */
    private void checkLayout(List<ColumnFooter> footers)
    {
        long expected = headerLength;
        for (int column = 0; column < footers.size(); column++) {
            ColumnFooter footer = footers.get(column);
            if (footer.dictionaryPage() != null) {
                expected = checkPosition(footer.dictionaryPage(), expected, "the dictionary page of column " + column);
            }
            for (int page = 0; page < footer.pages().size(); page++) {
                expected = checkPosition(footer.pages().get(page), expected, "page " + page + " of column " + column);
            }
        }
        if (expected != footerStart) {
            throw corrupt(file, "pages end at offset " + expected + " but the footer starts at " + footerStart);
        }
    }

    private long checkPosition(PageEntry entry, long expected, String where)
    {
        if (entry.offset() != expected || entry.storedLength() > footerStart - expected) {
            throw corrupt(file, where + " claims offset " + entry.offset() + " and " + entry.storedLength() + " bytes, expected offset " + expected + " before the footer at " + footerStart);
        }
        return expected + entry.storedLength();
    }

    private ColumnVector readColumn(int column, ColumnFooter footer)
            throws IOException
    {
        List<PageEntry> pages = footer.pages();
        boolean anyNulls = false;
        for (PageEntry entry : pages) {
            anyNulls |= entry.nullCount() > 0;
        }
        String[] dictionary = footer.encoding() == ColumnEncoding.STRING_DICTIONARY ? readDictionary(column, footer) : null;
        long[] longs = footer.encoding() == ColumnEncoding.LONG_ADAPTIVE ? new long[rowCount] : null;
        double[] doubles = footer.encoding() == ColumnEncoding.DOUBLE_PLAIN ? new double[rowCount] : null;
        String[] strings = footer.encoding() == ColumnEncoding.STRING_PLAIN ? new String[rowCount] : null;
        int[] codes = dictionary != null ? new int[rowCount] : null;
        boolean[] nulls = anyNulls && (longs != null || doubles != null) ? new boolean[rowCount] : null;

        for (int page = 0; page < pages.size(); page++) {
            PageEntry entry = pages.get(page);
            int start = page * PAGE_ROWS;
            int rows = ColumnFooter.pageRows(rowCount, page);
            int nullCount = entry.nullCount();
            int count = rows - nullCount;
            try {
                PageInput input = loadPage(entry);
                // LONG and DOUBLE columns keep their mask; string columns mark NULLs in the values themselves.
                boolean[] pageNullTarget = nulls != null ? nulls : pageNulls;
                int nullOffset = nulls != null ? start : 0;
                if (nullCount > 0) {
                    int bitmapNulls = input.readBitmap(pageNullTarget, nullOffset, rows);
                    if (bitmapNulls != nullCount) {
                        throw new CorruptPageException("NULL bitmap marks " + bitmapNulls + " NULLs, the footer says " + nullCount);
                    }
                }
                switch (footer.encoding()) {
                    case LONG_ADAPTIVE -> LongPages.read(entry.encoding(), input, count, longs, start);
                    case DOUBLE_PLAIN -> input.readDoubles(doubles, start, count);
                    case STRING_PLAIN -> StringPages.read(input, count, entry.utf16(), strings, start, scratch);
                    case STRING_DICTIONARY -> StringPages.readCodes(input, count, dictionary.length, codes, start, scratch);
                }
                input.requireFullyRead();
            }
            catch (CorruptPageException e) {
                throw corrupt(file, e.getMessage() + " in page " + page + " of column " + column);
            }
            if (nullCount > 0) {
                // Only non-NULL values are stored: move them from the front of the page to their rows.
                switch (footer.encoding()) {
                    case LONG_ADAPTIVE -> spreadLongs(longs, nulls, start, rows, count);
                    case DOUBLE_PLAIN -> spreadDoubles(doubles, nulls, start, rows, count);
                    case STRING_PLAIN -> spreadStrings(strings, pageNulls, start, rows, count);
                    case STRING_DICTIONARY -> spreadCodes(codes, pageNulls, start, rows, count);
                }
            }
        }
        return switch (footer.encoding()) {
            case LONG_ADAPTIVE -> new LongVector(longs, nulls, rowCount);
            case DOUBLE_PLAIN -> new DoubleVector(doubles, nulls, rowCount);
            // Kept in memory as segments are after a commit (see StringVector).
            case STRING_PLAIN -> new StringVector(strings, rowCount).toUtf8();
            case STRING_DICTIONARY -> new DictionaryVector(codes, dictionary, rowCount);
        };
    }

    private String[] readDictionary(int column, ColumnFooter footer)
            throws IOException
    {
        PageEntry entry = footer.dictionaryPage();
        int size = footer.dictionarySize();
        try {
            // Every entry but one takes at least a bit of length, so a larger size is damage; checked before allocating.
            if (size > 8L * entry.decodedLength() + 1) {
                throw new CorruptPageException("dictionary size " + size + " cannot fit in " + entry.decodedLength() + " bytes");
            }
            PageInput input = loadPage(entry);
            if (scratch.length < size) {
                scratch = new long[size];
            }
            String[] dictionary = new String[size];
            StringPages.read(input, size, entry.utf16(), dictionary, 0, scratch);
            input.requireFullyRead();
            for (int code = 1; code < size; code++) {
                if (dictionary[code - 1].compareTo(dictionary[code]) >= 0) {
                    throw new CorruptPageException("dictionary is not sorted and distinct at entry " + code);
                }
            }
            return dictionary;
        }
        catch (CorruptPageException e) {
            throw corrupt(file, e.getMessage() + " in the dictionary page of column " + column);
        }
    }

    /** Reads a page's stored bytes, verifies their checksum and decompresses them. */
    private PageInput loadPage(PageEntry entry)
            throws IOException
    {
        int storedLength = entry.storedLength();
        if (stored.length < storedLength + BitPacking.READ_PADDING) {
            stored = new byte[storedLength + BitPacking.READ_PADDING];
        }
        readFully(entry.offset(), stored, storedLength);
        if (crc32c(stored, storedLength) != entry.checksum()) {
            throw new CorruptPageException("checksum mismatch");
        }
        if (!entry.compressed()) {
            return new PageInput(stored, storedLength);
        }
        int decodedLength = entry.decodedLength();
        if (decoded.length < decodedLength + BitPacking.READ_PADDING) {
            decoded = new byte[decodedLength + BitPacking.READ_PADDING];
        }
        int actual;
        try {
            actual = DECOMPRESSOR.decompress(stored, 0, storedLength, decoded, 0, decodedLength);
        }
        catch (LZ4Exception e) {
            throw new CorruptPageException("malformed lz4 data");
        }
        if (actual != decodedLength) {
            throw new CorruptPageException("decompressed to " + actual + " bytes, the footer says " + decodedLength);
        }
        return new PageInput(decoded, decodedLength);
    }

    private static void spreadLongs(long[] values, boolean[] nulls, int start, int rows, int count)
    {
        // Backwards, so each value moves to a row at or after its stored position and nothing is overwritten early.
        int source = start + count - 1;
        for (int row = start + rows - 1; row >= start; row--) {
            values[row] = nulls[row] ? 0 : values[source--];
        }
    }

    private static void spreadDoubles(double[] values, boolean[] nulls, int start, int rows, int count)
    {
        int source = start + count - 1;
        for (int row = start + rows - 1; row >= start; row--) {
            values[row] = nulls[row] ? 0 : values[source--];
        }
    }

    private static void spreadStrings(String[] values, boolean[] pageNulls, int start, int rows, int count)
    {
        int source = start + count - 1;
        for (int row = rows - 1; row >= 0; row--) {
            values[start + row] = pageNulls[row] ? null : values[source--];
        }
    }

    private static void spreadCodes(int[] codes, boolean[] pageNulls, int start, int rows, int count)
    {
        int source = start + count - 1;
        for (int row = rows - 1; row >= 0; row--) {
            codes[start + row] = pageNulls[row] ? DictionaryVector.NULL_CODE : codes[source--];
        }
    }

    private int crc32c(byte[] bytes, int length)
    {
        checksum.reset();
        checksum.update(bytes, 0, length);
        return (int) checksum.getValue();
    }

    /** Reads {@code length} bytes at {@code position} into a new array with read padding. */
    private byte[] readAt(long position, int length)
            throws IOException
    {
        byte[] bytes = new byte[length + BitPacking.READ_PADDING];
        readFully(position, bytes, length);
        return bytes;
    }

    private void readFully(long position, byte[] target, int length)
            throws IOException
    {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw corrupt(file, "truncated: ends at " + (position + buffer.position()) + " bytes, expected " + (position + length));
            }
        }
    }
}
