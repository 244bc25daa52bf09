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
    }}
