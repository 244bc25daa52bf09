package io.sluice.storage.column;

import java.util.List;

/**
 * Joins vectors of one column end to end: several load tasks' batches into one commit, several segments' live rows
 * into one compacted segment.
 */
public final class ColumnVectors
{
    private ColumnVectors() {}

    /**
     * One vector holding the parts' rows one after the other (parts of one column, so of one physical type; string
     * parts may mix plain, UTF-8 and dictionary vectors). Strings come out in UTF-8 form when any part has it, so
     * that values loaded as bytes never become Java strings; a segment's encoder picks a dictionary again if it pays.
     */
    public static ColumnVector concatenate(List<ColumnVector> parts, int totalRows)
    {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No parts");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int rows = 0;
        for (ColumnVector part : parts) {
            rows += part.size();
        }
        if (rows != totalRows) {
            throw new IllegalArgumentException("The parts hold " + rows + " rows, not " + totalRows);
        }
        ColumnVector first = parts.get(0);
        if (first instanceof LongVector) {
            long[] values = new long[totalRows];
            boolean[] nulls = null;
            int offset = 0;
            for (ColumnVector part : parts) {
                LongVector longs = (LongVector) requireSameKind(first, part);
                System.arraycopy(longs.values(), 0, values, offset, part.size());
                nulls = copyNulls(longs.nulls(), nulls, offset, part.size(), totalRows);
                offset += part.size();
            }
            return new LongVector(values, nulls, totalRows);
        }
        if (first instanceof DoubleVector) {
            double[] values = new double[totalRows];
            boolean[] nulls = null;
            int offset = 0;
            for (ColumnVector part : parts) {
                DoubleVector doubles = (DoubleVector) requireSameKind(first, part);
                System.arraycopy(doubles.values(), 0, values, offset, part.size());
                nulls = copyNulls(doubles.nulls(), nulls, offset, part.size(), totalRows);
                offset += part.size();
            }
            return new DoubleVector(values, nulls, totalRows);
        }
        if (anyUtf8(parts)) {
            StringVector utf8 = concatenateUtf8(parts, totalRows);
            if (utf8 != null) {
                return utf8;
            }
        }
        String[] values = new String[totalRows];
        int offset = 0;
        for (ColumnVector part : parts) {
            for (int row = 0; row < part.size(); row++) {
                values[offset + row] = stringValue(first, part, row);
            }
            offset += part.size();
        }
        return new StringVector(values, totalRows);
    }

    /** The string parts in UTF-8 form, or null when a value holds an unpaired surrogate (UTF-8 cannot carry it). */
    private static StringVector concatenateUtf8(List<ColumnVector> parts, int totalRows)
    {
        long length = 0;
        for (ColumnVector part : parts) {
            length += part instanceof StringVector strings && strings.isUtf8() ? strings.utf8Offsets()[part.size()] : part.size() * 8L;
        }
        Utf8Writer writer = new Utf8Writer(length, totalRows);
        ColumnVector first = parts.get(0);
        for (ColumnVector part : parts) {
            if (part instanceof StringVector strings && strings.isUtf8()) {
                for (int row = 0; row < part.size(); row++) {
                    writer.appendFrom(strings, row);
                }
                continue;
            }
            for (int row = 0; row < part.size(); row++) {
                String value = stringValue(first, part, row);
                if (value == null) {
                    writer.appendNull();
                }
                else if (!writer.append(value)) {
                    return null;
                }
            }
        }
        return writer.build();
    }

    private static boolean anyUtf8(List<ColumnVector> parts)
    {
        for (ColumnVector part : parts) {
            if (part instanceof StringVector strings && strings.isUtf8()) {
                return true;
            }
        }
        return false;
    }

    private static String stringValue(ColumnVector first, ColumnVector part, int row)
    {
        if (part instanceof DictionaryVector dictionary) {
            return dictionary.value(row);
        }
        if (part instanceof StringVector strings) {
            return strings.value(row);
        }
        throw mixed(first, part);
    }

    private static ColumnVector requireSameKind(ColumnVector first, ColumnVector part)
    {
        if (part.getClass() != first.getClass()) {
            throw mixed(first, part);
        }
        return part;
    }

    private static IllegalArgumentException mixed(ColumnVector first, ColumnVector part)
    {
        return new IllegalArgumentException("A column mixes " + first.getClass().getSimpleName() + " and " + part.getClass().getSimpleName());
    }

    /** Null flags are optional per vector (null when it has none); the result gets an array once any part has nulls. */
    private static boolean[] copyNulls(boolean[] source, boolean[] target, int offset, int size, int rowCount)
    {
        if (source == null) {
            return target;
        }
        boolean[] result = target == null ? new boolean[rowCount] : target;
        System.arraycopy(source, 0, result, offset, size);
        return result;
    }
}
