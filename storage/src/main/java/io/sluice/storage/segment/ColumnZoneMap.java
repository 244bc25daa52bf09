package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.column.Utf8Strings;

/**
 * Per page of {@link #PAGE_ROWS} rows of one column: the smallest and largest non-NULL value and the NULL count,
 * so scans can skip pages a filter cannot match. Only the arrays of the column's physical type are filled
 * (dictionary columns keep min/max codes in the long arrays). A page with only NULLs has {@code nullCount == rows}
 * and meaningless min/max.
 */
public final class ColumnZoneMap
{
    public static final int PAGE_ROWS = 4096;

    private final int pageCount;
    private final int[] nullCounts;
    private final long[] longMinimums;
    private final long[] longMaximums;
    private final double[] doubleMinimums;
    private final double[] doubleMaximums;
    private final String[] stringMinimums;
    private final String[] stringMaximums;

    private ColumnZoneMap(int pageCount, int[] nullCounts, long[] longMinimums, long[] longMaximums, double[] doubleMinimums, double[] doubleMaximums, String[] stringMinimums, String[] stringMaximums)
    {
        this.pageCount = pageCount;
        this.nullCounts = nullCounts;
        this.longMinimums = longMinimums;
        this.longMaximums = longMaximums;
        this.doubleMinimums = doubleMinimums;
        this.doubleMaximums = doubleMaximums;
        this.stringMinimums = stringMinimums;
        this.stringMaximums = stringMaximums;
    }

    public static int pageCount(int rowCount)
    {
        return (rowCount + PAGE_ROWS - 1) / PAGE_ROWS;
    }

    public static ColumnZoneMap compute(ColumnVector column)
    {
        int rowCount = column.size();
        int pages = pageCount(rowCount);
        int[] nullCounts = new int[pages];
        if (column instanceof LongVector longs) {
            long[] minimums = new long[pages];
            long[] maximums = new long[pages];
            long[] values = longs.values();
            boolean[] nulls = longs.nulls();
            for (int page = 0; page < pages; page++) {
                long minimum = Long.MAX_VALUE;
                long maximum = Long.MIN_VALUE;
                int nullCount = 0;
                int end = Math.min(rowCount, (page + 1) * PAGE_ROWS);
                for (int row = page * PAGE_ROWS; row < end; row++) {
                    if (nulls != null && nulls[row]) {
                        nullCount++;
                        continue;
                    }
                    minimum = Math.min(minimum, values[row]);
                    maximum = Math.max(maximum, values[row]);
                }
                minimums[page] = minimum;
                maximums[page] = maximum;
                nullCounts[page] = nullCount;
            }
            return new ColumnZoneMap(pages, nullCounts, minimums, maximums, null, null, null, null);
        }
        if (column instanceof DoubleVector doubles) {
            double[] minimums = new double[pages];
            double[] maximums = new double[pages];
            double[] values = doubles.values();
            boolean[] nulls = doubles.nulls();
            for (int page = 0; page < pages; page++) {
                double minimum = Double.POSITIVE_INFINITY;
                double maximum = Double.NEGATIVE_INFINITY;
                int nullCount = 0;
                int end = Math.min(rowCount, (page + 1) * PAGE_ROWS);
                for (int row = page * PAGE_ROWS; row < end; row++) {
                    if (nulls != null && nulls[row]) {
                        nullCount++;
                        continue;
                    }
                    // NaN compares as neither smaller nor larger; keep it from narrowing the range.
                    minimum = Double.isNaN(values[row]) ? Double.NEGATIVE_INFINITY : Math.min(minimum, values[row]);
                    maximum = Double.isNaN(values[row]) ? Double.POSITIVE_INFINITY : Math.max(maximum, values[row]);
                }
                minimums[page] = minimum;
                maximums[page] = maximum;
                nullCounts[page] = nullCount;
            }
            return new ColumnZoneMap(pages, nullCounts, null, null, minimums, maximums, null, null);
        }
        if (column instanceof DictionaryVector dictionary) {
            long[] minimums = new long[pages];
            long[] maximums = new long[pages];
            int[] codes = dictionary.codes();
            for (int page = 0; page < pages; page++) {
                long minimum = Long.MAX_VALUE;
                long maximum = Long.MIN_VALUE;
                int nullCount = 0;
                int end = Math.min(rowCount, (page + 1) * PAGE_ROWS);
                for (int row = page * PAGE_ROWS; row < end; row++) {
                    int code = codes[row];
                    if (code == DictionaryVector.NULL_CODE) {
                        nullCount++;
                        continue;
                    }
                    minimum = Math.min(minimum, code);
                    maximum = Math.max(maximum, code);
                }
                minimums[page] = minimum;
                maximums[page] = maximum;
                nullCounts[page] = nullCount;
            }
            return new ColumnZoneMap(pages, nullCounts, minimums, maximums, null, null, null, null);
        }
        StringVector strings = (StringVector) column;
        if (strings.isUtf8()) {
            return computeUtf8(strings, pages, nullCounts);
        }
        String[] values = strings.values();
        String[] minimums = new String[pages];
        String[] maximums = new String[pages];
        for (int page = 0; page < pages; page++) {
            String minimum = null;
            String maximum = null;
            int nullCount = 0;
            int end = Math.min(rowCount, (page + 1) * PAGE_ROWS);
            for (int row = page * PAGE_ROWS; row < end; row++) {
                String value = values[row];
                if (value == null) {
                    nullCount++;
                    continue;
                }
                if (minimum == null || value.compareTo(minimum) < 0) {
                    minimum = value;
                }
                if (maximum == null || value.compareTo(maximum) > 0) {
                    maximum = value;
                }
            }
            minimums[page] = minimum;
            maximums[page] = maximum;
            nullCounts[page] = nullCount;
        }
        return new ColumnZoneMap(pages, nullCounts, null, null, null, null, minimums, maximums);
    }

    /** Like the plain strings' zone map, comparing bytes: only each page's smallest and largest become strings. */
    private static ColumnZoneMap computeUtf8(StringVector strings, int pages, int[] nullCounts)
    {
        int rowCount = strings.size();
        byte[] bytes = strings.utf8Bytes();
        int[] offsets = strings.utf8Offsets();
        boolean[] nulls = strings.utf8Nulls();
        String[] minimums = new String[pages];
        String[] maximums = new String[pages];
        for (int page = 0; page < pages; page++) {
            int minimum = -1;
            int maximum = -1;
            int nullCount = 0;
            int end = Math.min(rowCount, (page + 1) * PAGE_ROWS);
            for (int row = page * PAGE_ROWS; row < end; row++) {
                if (nulls != null && nulls[row]) {
                    nullCount++;
                    continue;
                }
                int from = offsets[row];
                int to = offsets[row + 1];
                if (minimum < 0 || Utf8Strings.compare(bytes, from, to, bytes, offsets[minimum], offsets[minimum + 1]) < 0) {
                    minimum = row;
                }
                if (maximum < 0 || Utf8Strings.compare(bytes, from, to, bytes, offsets[maximum], offsets[maximum + 1]) > 0) {
                    maximum = row;
                }
            }
            minimums[page] = minimum < 0 ? null : strings.value(minimum);
            maximums[page] = maximum < 0 ? null : strings.value(maximum);
            nullCounts[page] = nullCount;
        }
        return new ColumnZoneMap(pages, nullCounts, null, null, null, null, minimums, maximums);
    }

    public int pageCount()
    {
        return pageCount;
    }

    public int nullCount(int page)
    {
        return nullCounts[page];
    }

    /** Minimum of a LONG column, or the minimum code of a dictionary column. */
    public long longMinimum(int page)
    {
        return longMinimums[page];
    }

    public long longMaximum(int page)
    {
        return longMaximums[page];
    }

    public double doubleMinimum(int page)
    {
        return doubleMinimums[page];
    }

    public double doubleMaximum(int page)
    {
        return doubleMaximums[page];
    }

    /** Minimum of a plain string column; null when the page has only NULLs. */
    public String stringMinimum(int page)
    {
        return stringMinimums[page];
    }

    public String stringMaximum(int page)
    {
        return stringMaximums[page];
    }
}
