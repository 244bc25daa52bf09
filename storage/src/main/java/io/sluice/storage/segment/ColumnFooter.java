package io.sluice.storage.segment;

import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column's part of the footer:
 * <pre>
 * column encoding (1) | page count (4)
 * | [dictionary columns: dictionary size (4) | dictionary page entry]
 * | per page: page entry | minimum | maximum
 * </pre>
 * Minimum and maximum are what {@link ColumnZoneMap} computes: 8-byte longs (codes for dictionary columns), 8-byte
 * double bits, or strings as a UTF-16 unit count (4, -1 when the page has only NULLs) and the units.
 */
final class ColumnFooter
{
    private final ColumnEncoding encoding;
    private final int dictionarySize;
    private final PageEntry dictionaryPage;
    private final List<PageEntry> pages;
    private final long[] longMinimums;
    private final long[] longMaximums;
    private final String[] stringMinimums;
    private final String[] stringMaximums;

    private ColumnFooter(ColumnEncoding encoding, int dictionarySize, PageEntry dictionaryPage, List<PageEntry> pages, long[] longMinimums, long[] longMaximums, String[] stringMinimums, String[] stringMaximums)
    {
        this.encoding = requireNonNull(encoding, "encoding is null");
        this.dictionarySize = dictionarySize;
        this.dictionaryPage = dictionaryPage;
        this.pages = List.copyOf(pages);
        this.longMinimums = longMinimums;
        this.longMaximums = longMaximums;
        this.stringMinimums = stringMinimums;
        this.stringMaximums = stringMaximums;
    }

    ColumnEncoding encoding()
    {
        return encoding;
    }

    int dictionarySize()
    {
        return dictionarySize;
    }

    /** The dictionary page of a dictionary column, else null. */
    PageEntry dictionaryPage()
    {
        return dictionaryPage;
    }

    List<PageEntry> pages()
    {
        return pages;
    }

    long longMinimum(int page)
    {
        return longMinimums[page];
    }

    long longMaximum(int page)
    {
        return longMaximums[page];
    }

    double doubleMinimum(int page)
    {
        return Double.longBitsToDouble(longMinimums[page]);
    }

    double doubleMaximum(int page)
    {
        return Double.longBitsToDouble(longMaximums[page]);
    }

    String stringMinimum(int page)
    {
        return stringMinimums[page];
    }

    String stringMaximum(int page)
    {
        return stringMaximums[page];
    }

    static void write(PageOutput output, ColumnEncoding encoding, int dictionarySize, PageEntry dictionaryPage, List<PageEntry> pages, ColumnZoneMap zoneMap)
    {
        output.writeByte(encoding.id());
        output.writeInt(pages.size());
        if (encoding == ColumnEncoding.STRING_DICTIONARY) {
            output.writeInt(dictionarySize);
            dictionaryPage.writeTo(output);
        }
        for (int page = 0; page < pages.size(); page++) {
            pages.get(page).writeTo(output);
            switch (encoding) {
                case LONG_ADAPTIVE, STRING_DICTIONARY -> {
                    output.writeLong(zoneMap.longMinimum(page));
                    output.writeLong(zoneMap.longMaximum(page));
                }
                case DOUBLE_PLAIN -> {
                    output.writeLong(Double.doubleToRawLongBits(zoneMap.doubleMinimum(page)));
                    output.writeLong(Double.doubleToRawLongBits(zoneMap.doubleMaximum(page)));
                }
                case STRING_PLAIN -> {
                    writeString(output, zoneMap.stringMinimum(page));
                    writeString(output, zoneMap.stringMaximum(page));
                }
            }
        }
    }

    private static void writeString(PageOutput output, String value)
    {
        if (value == null) {
            output.writeInt(-1);
            return;
        }
        output.writeInt(value.length());
        output.writeUtf16(value);
    }

    /** Reads the part of a column of {@code type} in a segment of {@code rowCount} rows. */
    static ColumnFooter readFrom(PageInput input, PhysicalType type, int rowCount)
    {
        byte encodingId = input.readByte();
        ColumnEncoding encoding = ColumnEncoding.fromId(encodingId);
        if (encoding == null) {
            throw new CorruptPageException("unknown column encoding " + encodingId);
        }
        if (encoding.type() != type) {
            throw new CorruptPageException("column encoding " + encoding + " for a " + type + " column");
        }
        int pageCount = input.readInt();
        if (pageCount != ColumnZoneMap.pageCount(rowCount)) {
            throw new CorruptPageException(pageCount + " pages for " + rowCount + " rows");
        }
        int dictionarySize = 0;
        PageEntry dictionaryPage = null;
        if (encoding == ColumnEncoding.STRING_DICTIONARY) {
            dictionarySize = input.readCount(Integer.MAX_VALUE, "dictionary size");
            dictionaryPage = PageEntry.readFrom(input, 0);
            if (dictionaryPage.encoding() != PageEncoding.DICTIONARY_VALUES) {
                throw new CorruptPageException("dictionary page has encoding " + dictionaryPage.encoding());
            }
        }
        List<PageEntry> pages = new ArrayList<>(pageCount);
        long[] longMinimums = new long[pageCount];
        long[] longMaximums = new long[pageCount];
        String[] stringMinimums = encoding == ColumnEncoding.STRING_PLAIN ? new String[pageCount] : null;
        String[] stringMaximums = encoding == ColumnEncoding.STRING_PLAIN ? new String[pageCount] : null;
        for (int page = 0; page < pageCount; page++) {
            PageEntry entry = PageEntry.readFrom(input, pageRows(rowCount, page));
            if (!encoding.allows(entry.encoding())) {
                throw new CorruptPageException("page " + page + " has encoding " + entry.encoding() + " in a " + encoding + " column");
            }
            pages.add(entry);
            if (encoding == ColumnEncoding.STRING_PLAIN) {
                stringMinimums[page] = readString(input);
                stringMaximums[page] = readString(input);
            }
            else {
                longMinimums[page] = input.readLong();
                longMaximums[page] = input.readLong();
            }
        }
        return new ColumnFooter(encoding, dictionarySize, dictionaryPage, pages, longMinimums, longMaximums, stringMinimums, stringMaximums);
    }

    private static String readString(PageInput input)
    {
        int length = input.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > input.remaining() / 2) {
            throw new CorruptPageException("impossible zone map string length " + length);
        }
        char[] characters = new char[length];
        byte[] buffer = input.buffer();
        int start = input.skip(2L * length);
        for (int i = 0; i < length; i++) {
            characters[i] = (char) ((buffer[start + 2 * i] & 0xFF) | (buffer[start + 2 * i + 1] & 0xFF) << 8);
        }
        return new String(characters);
    }

    static int pageRows(int rowCount, int page)
    {
        return Math.min(ColumnZoneMap.PAGE_ROWS, rowCount - page * ColumnZoneMap.PAGE_ROWS);
    }
}
