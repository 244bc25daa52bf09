package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.column.Utf8Writer;
import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies chosen rows of column vectors into new compact vectors (dictionary columns keep their dictionary), and
 * builds constant vectors for columns a write or an old segment does not have.
 */
final class ColumnSelection
{
    private ColumnSelection() {}

    static List<ColumnVector> select(List<ColumnVector> columns, int[] rows, int count)
    {
        List<ColumnVector> result = new ArrayList<>(columns.size());
        for (ColumnVector column : columns) {
            result.add(select(column, rows, count));
        }
        return result;
    }

    static ColumnVector select(ColumnVector column, int[] rows, int count)
    {
        if (column instanceof LongVector longs) {
            long[] source = longs.values();
            boolean[] sourceNulls = longs.nulls();
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = source[rows[i]];
            }
            return new LongVector(values, selectNulls(sourceNulls, rows, count), count);
        }
        if (column instanceof DoubleVector doubles) {
            double[] source = doubles.values();
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = source[rows[i]];
            }
            return new DoubleVector(values, selectNulls(doubles.nulls(), rows, count), count);
        }
        if (column instanceof DictionaryVector dictionary) {
            int[] source = dictionary.codes();
            int[] codes = new int[count];
            for (int i = 0; i < count; i++) {
                codes[i] = source[rows[i]];
            }
            String[] values = new String[dictionary.dictionarySize()];
            for (int code = 0; code < values.length; code++) {
                values[code] = dictionary.dictionaryValue(code);
            }
            return new DictionaryVector(codes, values, count);
        }
        StringVector strings = (StringVector) column;
        if (strings.isUtf8()) {
            return selectUtf8(strings, rows, count);
        }
        String[] source = strings.values();
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = source[rows[i]];
        }
        return new StringVector(values, count);
    }

    private static StringVector selectUtf8(StringVector strings, int[] rows, int count)
    {
        int[] offsets = strings.utf8Offsets();
        long length = 0;
        for (int i = 0; i < count; i++) {
            length += offsets[rows[i] + 1] - offsets[rows[i]];
        }
        Utf8Writer writer = new Utf8Writer(length, count);
        for (int i = 0; i < count; i++) {
            writer.appendFrom(strings, rows[i]);
        }
        return writer.build();
    }

    /** The vector with arrays exactly {@code rowCount} long (copied only when they are longer). */
    static ColumnVector trim(ColumnVector column, int rowCount)
    {
        if (column.size() != rowCount) {
            throw new IllegalArgumentException("vector of " + column.size() + " rows for " + rowCount);
        }
        if (column instanceof LongVector longs && (longs.values().length > rowCount || (longs.nulls() != null && longs.nulls().length > rowCount))) {
            return new LongVector(Arrays.copyOf(longs.values(), rowCount), longs.nulls() == null ? null : Arrays.copyOf(longs.nulls(), rowCount), rowCount);
        }
        if (column instanceof DoubleVector doubles && (doubles.values().length > rowCount || (doubles.nulls() != null && doubles.nulls().length > rowCount))) {
            return new DoubleVector(Arrays.copyOf(doubles.values(), rowCount), doubles.nulls() == null ? null : Arrays.copyOf(doubles.nulls(), rowCount), rowCount);
        }
        if (column instanceof StringVector strings && !strings.isUtf8() && strings.values().length > rowCount) {
            return new StringVector(Arrays.copyOf(strings.values(), rowCount), rowCount);
        }
        if (column instanceof DictionaryVector dictionary && dictionary.codes().length > rowCount) {
            String[] values = new String[dictionary.dictionarySize()];
            for (int code = 0; code < values.length; code++) {
                values[code] = dictionary.dictionaryValue(code);
            }
            return new DictionaryVector(Arrays.copyOf(dictionary.codes(), rowCount), values, rowCount);
        }
        return column;
    }

    private static boolean[] selectNulls(boolean[] sourceNulls, int[] rows, int count)
    {
        if (sourceNulls == null) {
            return null;
        }
        boolean[] nulls = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            nulls[i] = sourceNulls[rows[i]];
            any |= nulls[i];
        }
        return any ? nulls : null;
    }

    /** A vector of {@code size} copies of a physical value (Long, Double, String) or of NULL. */
    static ColumnVector constant(PhysicalType type, Object value, int size)
    {
        boolean[] nulls = null;
        if (value == null) {
            nulls = new boolean[size];
            Arrays.fill(nulls, true);
        }
        return switch (type) {
            case LONG -> {
                long[] values = new long[size];
                if (value != null) {
                    Arrays.fill(values, (Long) value);
                }
                yield new LongVector(values, nulls, size);
            }
            case DOUBLE -> {
                double[] values = new double[size];
                if (value != null) {
                    Arrays.fill(values, (Double) value);
                }
                yield new DoubleVector(values, nulls, size);
            }
            case STRING -> {
                String[] values = new String[size];
                Arrays.fill(values, (String) value);
                yield new StringVector(values, size);
            }
        };
    }

    /** One vector holding the parts' rows one after the other (parts of one column, so of one physical type). */
    static ColumnVector concatenate(List<ColumnVector> parts, int totalRows)
    {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ColumnVector first = parts.get(0);
        boolean[] nulls = new boolean[totalRows];
        boolean anyNull = false;
        int offset = 0;
        if (first instanceof LongVector) {
            long[] values = new long[totalRows];
            for (ColumnVector part : parts) {
                LongVector longs = (LongVector) part;
                System.arraycopy(longs.values(), 0, values, offset, part.size());
                if (longs.nulls() != null) {
                    System.arraycopy(longs.nulls(), 0, nulls, offset, part.size());
                    anyNull = true;
                }
                offset += part.size();
            }
            return new LongVector(values, anyNull ? nulls : null, totalRows);
        }
        if (first instanceof DoubleVector) {
            double[] values = new double[totalRows];
            for (ColumnVector part : parts) {
                DoubleVector doubles = (DoubleVector) part;
                System.arraycopy(doubles.values(), 0, values, offset, part.size());
                if (doubles.nulls() != null) {
                    System.arraycopy(doubles.nulls(), 0, nulls, offset, part.size());
                    anyNull = true;
                }
                offset += part.size();
            }
            return new DoubleVector(values, anyNull ? nulls : null, totalRows);
        }
        // Strings: plain values; the segment's encoder picks a dictionary again if it pays.
        if (allUtf8(parts)) {
            long length = 0;
            for (ColumnVector part : parts) {
                length += ((StringVector) part).utf8Offsets()[part.size()];
            }
            Utf8Writer writer = new Utf8Writer(length, totalRows);
            for (ColumnVector part : parts) {
                StringVector strings = (StringVector) part;
                for (int row = 0; row < part.size(); row++) {
                    writer.appendFrom(strings, row);
                }
            }
            return writer.build();
        }
        String[] values = new String[totalRows];
        for (ColumnVector part : parts) {
            for (int row = 0; row < part.size(); row++) {
                values[offset + row] = RowKeys.stringValue(part, row);
            }
            offset += part.size();
        }
        return new StringVector(values, totalRows);
    }

    private static boolean allUtf8(List<ColumnVector> parts)
    {
        for (ColumnVector part : parts) {
            if (!(part instanceof StringVector strings) || !strings.isUtf8()) {
                return false;
            }
        }
        return true;
    }
}
