package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.PhysicalType;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.sluice.storage.segment.ColumnZoneMap.PAGE_ROWS;

/**
 * Writes one segment file page by page through reused buffers, so memory stays at a page or two whatever the
 * segment's size. See {@link SegmentFormat} for the layout.
 */
final class SegmentWriter
{
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    /** Below this, compression saves too little to pay for itself. */
    private static final int MIN_COMPRESSIBLE_BYTES = 64;
    /** Beyond this, LZ4's worst-case output size no longer fits an int. */
    private static final int MAX_COMPRESSIBLE_BYTES = 1 << 30;
    private static final int WRITE_BUFFER_BYTES = 1 << 16;

    private final FileChannel channel;
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
    private long filePosition;
    private final CRC32C checksum = new CRC32C();
    private final PageOutput page = new PageOutput(PAGE_ROWS * 8 + 1024);
    private final PageOutput footer = new PageOutput(4096);
    private byte[] compressed = new byte[0];
    private final boolean[] pageNulls = new boolean[PAGE_ROWS];
    private final long[] pageLongs = new long[PAGE_ROWS];
    private final String[] pageStrings = new String[PAGE_ROWS];
    private long[] lengths = new long[PAGE_ROWS];

    private SegmentWriter(FileChannel channel)
    {
        this.channel = channel;
    }

    static void write(Path file, List<ColumnVector> columns, int rowCount)
    {
        if (rowCount < 0) {
            throw new IllegalArgumentException("negative row count " + rowCount);
        }
        for (ColumnVector column : columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column size " + column.size() + " differs from row count " + rowCount);
            }
        }
        boolean written = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            new SegmentWriter(channel).writeSegment(columns, rowCount);
            channel.force(true);
            written = true;
        }
        catch (IOException e) {
            // A FileSystemException's message repeats the file name before the reason: said once is enough.
            String reason = e instanceof FileSystemException failure && failure.getReason() != null ? failure.getReason() : e.getMessage();
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot write segment file " + file + ": " + reason, e);
        }
        catch (PageOutput.PageTooLargeException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot write segment file " + file + ": a page exceeds 2 GB", e);
        }
        finally {
            if (!written) {
                deleteQuietly(file);
            }
        }
    }

    private static void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // A leftover file is harmless: no commit published it, and startup removes unpublished files.
        }
    }

    private void writeSegment(List<ColumnVector> columns, int rowCount)
            throws IOException
    {
        page.reset();
        page.writeBytes(SegmentFormat.MAGIC, 0, SegmentFormat.MAGIC.length);
        page.writeInt(SegmentFormat.FORMAT_VERSION);
        page.writeInt(rowCount);
        page.writeInt(columns.size());
        for (ColumnVector column : columns) {
            page.writeByte(SegmentFormat.typeTag(physicalType(column)));
        }
        page.writeInt(crc32c(page.array(), page.size()));
        writeToFile(page.array(), page.size());

        footer.reset();
        for (ColumnVector column : columns) {
            if (column instanceof LongVector longs) {
                writeLongColumn(longs, rowCount);
            }
            else if (column instanceof DoubleVector doubles) {
                writeDoubleColumn(doubles, rowCount);
            }
            else if (column instanceof DictionaryVector dictionary) {
                writeDictionaryColumn(dictionary, rowCount);
            }
            else if (((StringVector) column).isUtf8()) {
                // Only StringDictionaries.compact makes UTF-8 vectors, once it found the column not worth a dictionary.
                writeUtf8Column((StringVector) column, rowCount);
            }
            else if (StringDictionaries.encodeIfFewDistinct((StringVector) column) instanceof DictionaryVector dictionary) {
                writeDictionaryColumn(dictionary, rowCount);
            }
            else {
                writeStringColumn((StringVector) column, rowCount);
            }
        }
        int footerLength = footer.size();
        int footerChecksum = crc32c(footer.array(), footerLength);
        writeToFile(footer.array(), footerLength);

        page.reset();
        page.writeInt(footerLength);
        page.writeInt(footerChecksum);
        page.writeBytes(SegmentFormat.MAGIC, 0, SegmentFormat.MAGIC.length);
        writeToFile(page.array(), page.size());
        flushWriteBuffer();
    }

    private static PhysicalType physicalType(ColumnVector column)
    {
        if (column instanceof LongVector) {
            return PhysicalType.LONG;
        }
        if (column instanceof DoubleVector) {
            return PhysicalType.DOUBLE;
        }
        return PhysicalType.STRING;
    }

    private void writeLongColumn(LongVector column, int rowCount)
            throws IOException
    {
        long[] values = column.values();
        boolean[] nulls = column.nulls();
        List<PageEntry> entries = new ArrayList<>(ColumnZoneMap.pageCount(rowCount));
        for (int start = 0; start < rowCount; start += PAGE_ROWS) {
            int rows = Math.min(PAGE_ROWS, rowCount - start);
            int count = 0;
            for (int row = 0; row < rows; row++) {
                boolean isNull = nulls != null && nulls[start + row];
                pageNulls[row] = isNull;
                if (!isNull) {
                    pageLongs[count++] = values[start + row];
                }
            }
            beginPage(rows, rows - count);
            PageEncoding encoding = LongPages.write(pageLongs, count, page);
            entries.add(finishPage(encoding, (byte) 0, rows - count));
        }
        ColumnFooter.write(footer, ColumnEncoding.LONG_ADAPTIVE, 0, null, entries, ColumnZoneMap.compute(column));
    }

    private void writeDoubleColumn(DoubleVector column, int rowCount)
            throws IOException
    {
        double[] values = column.values();
        boolean[] nulls = column.nulls();
        List<PageEntry> entries = new ArrayList<>(ColumnZoneMap.pageCount(rowCount));
        for (int start = 0; start < rowCount; start += PAGE_ROWS) {
            int rows = Math.min(PAGE_ROWS, rowCount - start);
            int nullCount = 0;
            for (int row = 0; row < rows; row++) {
                boolean isNull = nulls != null && nulls[start + row];
                pageNulls[row] = isNull;
                nullCount += isNull ? 1 : 0;
            }
            beginPage(rows, nullCount);
            for (int row = 0; row < rows; row++) {
                if (!pageNulls[row]) {
                    page.writeLong(Double.doubleToRawLongBits(values[start + row]));
                }
            }
            entries.add(finishPage(PageEncoding.DOUBLE_PLAIN, (byte) 0, nullCount));
        }
        ColumnFooter.write(footer, ColumnEncoding.DOUBLE_PLAIN, 0, null, entries, ColumnZoneMap.compute(column));
    }

    private void writeDictionaryColumn(DictionaryVector column, int rowCount)
            throws IOException
    {
        int dictionarySize = column.dictionarySize();
        String[] dictionary = new String[dictionarySize];
        for (int code = 0; code < dictionarySize; code++) {
            dictionary[code] = column.dictionaryValue(code);
        }
        if (lengths.length < dictionarySize) {
            lengths = new long[dictionarySize];
        }
        page.reset();
        boolean utf16 = StringPages.write(dictionary, dictionarySize, page, lengths);
        PageEntry dictionaryPage = finishPage(PageEncoding.DICTIONARY_VALUES, utf16 ? SegmentFormat.FLAG_UTF16 : 0, 0);

        int[] codes = column.codes();
        List<PageEntry> entries = new ArrayList<>(ColumnZoneMap.pageCount(rowCount));
        for (int start = 0; start < rowCount; start += PAGE_ROWS) {
            int rows = Math.min(PAGE_ROWS, rowCount - start);
            int count = 0;
            for (int row = 0; row < rows; row++) {
                int code = codes[start + row];
                if (code < DictionaryVector.NULL_CODE || code >= dictionarySize) {
                    throw new IllegalArgumentException("dictionary code " + code + " at row " + (start + row) + " outside a dictionary of " + dictionarySize);
                }
                boolean isNull = code == DictionaryVector.NULL_CODE;
                pageNulls[row] = isNull;
                if (!isNull) {
                    pageLongs[count++] = code;
                }
            }
            beginPage(rows, rows - count);
            StringPages.writeCodes(pageLongs, count, page);
            entries.add(finishPage(PageEncoding.DICTIONARY_CODES, (byte) 0, rows - count));
        }
        ColumnFooter.write(footer, ColumnEncoding.STRING_DICTIONARY, dictionarySize, dictionaryPage, entries, ColumnZoneMap.compute(column));
    }

    private void writeStringColumn(StringVector column, int rowCount)
            throws IOException
    {
        String[] values = column.values();
        List<PageEntry> entries = new ArrayList<>(ColumnZoneMap.pageCount(rowCount));
        for (int start = 0; start < rowCount; start += PAGE_ROWS) {
            int rows = Math.min(PAGE_ROWS, rowCount - start);
            int count = 0;
            for (int row = 0; row < rows; row++) {
                String value = values[start + row];
                pageNulls[row] = value == null;
                if (value != null) {
                    pageStrings[count++] = value;
                }
            }
            beginPage(rows, rows - count);
            boolean utf16 = StringPages.write(pageStrings, count, page, lengths);
            entries.add(finishPage(PageEncoding.STRING_PLAIN, utf16 ? SegmentFormat.FLAG_UTF16 : 0, rows - count));
        }
        ColumnFooter.write(footer, ColumnEncoding.STRING_PLAIN, 0, null, entries, ColumnZoneMap.compute(column));
    }

    private void writeUtf8Column(StringVector column, int rowCount)
            throws IOException
    {
        byte[] bytes = column.utf8Bytes();
        int[] offsets = column.utf8Offsets();
        boolean[] nulls = column.utf8Nulls();
        List<PageEntry> entries = new ArrayList<>(ColumnZoneMap.pageCount(rowCount));
        for (int start = 0; start < rowCount; start += PAGE_ROWS) {
            int rows = Math.min(PAGE_ROWS, rowCount - start);
            int count = 0;
            for (int row = 0; row < rows; row++) {
                boolean isNull = nulls != null && nulls[start + row];
                pageNulls[row] = isNull;
                if (!isNull) {
                    lengths[count++] = offsets[start + row + 1] - offsets[start + row];
                }
            }
            beginPage(rows, rows - count);
            StringPages.writeUtf8(bytes, offsets, start, start + rows, lengths, count, page);
            entries.add(finishPage(PageEncoding.STRING_PLAIN, (byte) 0, rows - count));
        }
        ColumnFooter.write(footer, ColumnEncoding.STRING_PLAIN, 0, null, entries, ColumnZoneMap.compute(column));
    }

    /** Starts a data page: its NULL bitmap from {@link #pageNulls}, only when it has NULLs. */
    private void beginPage(int rows, int nullCount)
    {
        page.reset();
        if (nullCount > 0) {
            page.writeBitmap(pageNulls, rows);
        }
    }

    /** Compresses the page when that pays, writes it and returns its footer entry. */
    private PageEntry finishPage(PageEncoding encoding, byte flags, int nullCount)
            throws IOException
    {
        byte[] stored = page.array();
        int decodedLength = page.size();
        int storedLength = decodedLength;
        if (decodedLength >= MIN_COMPRESSIBLE_BYTES && decodedLength <= MAX_COMPRESSIBLE_BYTES) {
            int bound = COMPRESSOR.maxCompressedLength(decodedLength);
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            int compressedLength = COMPRESSOR.compress(stored, 0, decodedLength, compressed, 0, bound);
            // Keep it only when it saves at least an eighth: decompressing costs time on every read.
            if (compressedLength <= decodedLength - decodedLength / 8) {
                stored = compressed;
                storedLength = compressedLength;
                flags |= SegmentFormat.FLAG_LZ4;
            }
        }
        PageEntry entry = new PageEntry(filePosition, storedLength, decodedLength, encoding, flags, crc32c(stored, storedLength), nullCount);
        writeToFile(stored, storedLength);
        return entry;
    }

    private int crc32c(byte[] bytes, int length)
    {
        checksum.reset();
        checksum.update(bytes, 0, length);
        return (int) checksum.getValue();
    }

    private void writeToFile(byte[] bytes, int length)
            throws IOException
    {
        filePosition += length;
        if (length <= writeBuffer.remaining()) {
            writeBuffer.put(bytes, 0, length);
            return;
        }
        flushWriteBuffer();
        if (length <= writeBuffer.remaining()) {
            writeBuffer.put(bytes, 0, length);
            return;
        }
        writeFully(ByteBuffer.wrap(bytes, 0, length));
    }

    private void flushWriteBuffer()
            throws IOException
    {
        writeBuffer.flip();
        writeFully(writeBuffer);
        writeBuffer.clear();
    }

    private void writeFully(ByteBuffer buffer)
            throws IOException
    {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
