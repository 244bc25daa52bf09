package io.sluice.storage.column;

import io.sluice.storage.type.PhysicalType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds a {@link ColumnBatch} row by row without a per-row object: set the columns of the current row, then
 * {@link #commitRow()} or {@link #discardRow()}. Columns not set in a committed row are NULL.
 *
 * <p>A string column keeps Java strings, or, once {@link #useUtf8 told to}, the UTF-8 bytes of its values in one
 * array: a column whose values hardly repeat (names, ids) then costs no object per row, neither to make nor for the
 * garbage collector to copy while the batch waits for its commit, and the batch's vector is already in the form a
 * segment keeps.
 */
public final class ColumnBatchBuilder
{
    private static final int INITIAL_CAPACITY = 1024;
    /** The next batch starts with room for as many rows as the last one had, up to this. */
    private static final int MAXIMUM_PRESIZED_ROWS = 1 << 20;

    private final PhysicalType[] types;
    private final long[][] longs;
    private final double[][] doubles;
    private final String[][] strings;
    private final boolean[][] nulls;
    private final boolean[] assigned;
    /** Per string column in UTF-8 form, its values; holds exactly the committed rows between rows. */
    private final Utf8Writer[] utf8;
    /** Per string column, whether this batch has a value UTF-8 cannot carry, so it stays in strings. */
    private final boolean[] utf8Refused;
    private int capacity;
    private int rowCount;

    public ColumnBatchBuilder(List<PhysicalType> types)
    {
        this.types = requireNonNull(types, "types is null").toArray(new PhysicalType[0]);
        int columnCount = this.types.length;
        this.longs = new long[columnCount][];
        this.doubles = new double[columnCount][];
        this.strings = new String[columnCount][];
        this.nulls = new boolean[columnCount][];
        this.assigned = new boolean[columnCount];
        this.utf8 = new Utf8Writer[columnCount];
        this.utf8Refused = new boolean[columnCount];
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int newCapacity)
    {
        capacity = newCapacity;
        for (int column = 0; column < types.length; column++) {
            switch (types[column]) {
                case LONG -> longs[column] = new long[newCapacity];
                case DOUBLE -> doubles[column] = new double[newCapacity];
                // A UTF-8 column keeps its values in its writer.
                case STRING -> strings[column] = utf8[column] == null ? new String[newCapacity] : null;
            }
            nulls[column] = new boolean[newCapacity];
        }
    }

    private void ensureCurrentRowFits()
    {
        if (rowCount < capacity) {
            return;
        }
        int newCapacity = capacity * 2;
        for (int column = 0; column < types.length; column++) {
            switch (types[column]) {
                case LONG -> longs[column] = Arrays.copyOf(longs[column], newCapacity);
                case DOUBLE -> doubles[column] = Arrays.copyOf(doubles[column], newCapacity);
                case STRING -> strings[column] = strings[column] == null ? null : Arrays.copyOf(strings[column], newCapacity);
            }
            nulls[column] = Arrays.copyOf(nulls[column], newCapacity);
        }
        capacity = newCapacity;
    }

    public int columnCount()
    {
        return types.length;
    }

    public PhysicalType type(int column)
    {
        return types[column];
    }

    public void setLong(int column, long value)
    {
        ensureCurrentRowFits();
        longs[column][rowCount] = value;
        nulls[column][rowCount] = false;
        assigned[column] = true;
    }

    public void setDouble(int column, double value)
    {
        ensureCurrentRowFits();
        doubles[column][rowCount] = value;
        nulls[column][rowCount] = false;
        assigned[column] = true;
    }

    public void setString(int column, String value)
    {
        if (value == null) {
            setNull(column);
            return;
        }
        ensureCurrentRowFits();
        Utf8Writer writer = utf8[column];
        if (writer != null) {
            writer.truncate(rowCount);
            if (writer.append(value)) {
                assigned[column] = true;
                return;
            }
            refuseUtf8(column);
        }
        strings[column][rowCount] = value;
        nulls[column][rowCount] = false;
        assigned[column] = true;
    }

    /** A string value given as {@code chars[offset, offset + length)}. */
    public void setText(int column, char[] chars, int offset, int length)
    {
        Utf8Writer writer = utf8[column];
        if (writer == null) {
            setString(column, new String(chars, offset, length));
            return;
        }
        ensureCurrentRowFits();
        writer.truncate(rowCount);
        if (writer.append(chars, offset, offset + length)) {
            assigned[column] = true;
            return;
        }
        refuseUtf8(column);
        setString(column, new String(chars, offset, length));
    }

    /** A string value given as ASCII bytes (the caller checked): {@code bytes[offset, offset + length)}. */
    public void setAsciiText(int column, byte[] bytes, int offset, int length)
    {
        Utf8Writer writer = utf8[column];
        if (writer == null) {
            setString(column, new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
            return;
        }
        ensureCurrentRowFits();
        writer.truncate(rowCount);
        writer.appendUtf8(bytes, offset, offset + length);
        assigned[column] = true;
    }

    public void setNull(int column)
    {
        ensureCurrentRowFits();
        nulls[column][rowCount] = true;
        if (strings[column] != null) {
            strings[column][rowCount] = null;
        }
        if (utf8[column] != null) {
            utf8[column].truncate(rowCount);
            utf8[column].appendNull();
        }
        assigned[column] = true;
    }

    /** Whether the string column is in UTF-8 form. */
    public boolean isUtf8(int column)
    {
        return utf8[column] != null;
    }

    /**
     * Puts a string column in UTF-8 form or back, converting the rows it already has (a value of the current row
     * is dropped: set it after). A column stays in Java strings for the rest of the batch once a value holds an
     * unpaired surrogate, which UTF-8 cannot carry. The form lasts into later batches.
     */
    public void useUtf8(int column, boolean useUtf8)
    {
        if (types[column] != PhysicalType.STRING) {
            throw new IllegalArgumentException("Column " + column + " holds " + types[column] + " values, not strings");
        }
        assigned[column] = false;
        Utf8Writer writer = utf8[column];
        if (useUtf8 == (writer != null) || (useUtf8 && utf8Refused[column])) {
            if (writer != null) {
                writer.truncate(rowCount);
            }
            return;
        }
        if (useUtf8) {
            Utf8Writer converted = new Utf8Writer(16L * Math.max(rowCount, INITIAL_CAPACITY), Math.max(rowCount, INITIAL_CAPACITY));
            String[] values = strings[column];
            for (int row = 0; row < rowCount; row++) {
                if (values[row] == null) {
                    converted.appendNull();
                }
                else if (!converted.append(values[row])) {
                    utf8Refused[column] = true;
                    return;
                }
            }
            utf8[column] = converted;
            strings[column] = null;
            return;
        }
        writer.truncate(rowCount);
        StringVector vector = writer.build();
        String[] values = new String[capacity];
        strings[column] = values;
        boolean[] columnNulls = nulls[column];
        for (int row = 0; row < rowCount; row++) {
            values[row] = vector.value(row);
            columnNulls[row] = values[row] == null;
        }
        utf8[column] = null;
    }

    /** A value UTF-8 cannot carry: the column goes back to strings for the rest of the batch. */
    private void refuseUtf8(int column)
    {
        useUtf8(column, false);
        utf8Refused[column] = true;
    }

    public boolean isAssigned(int column)
    {
        return assigned[column];
    }

    public void commitRow()
    {
        ensureCurrentRowFits();
        for (int column = 0; column < types.length; column++) {
            if (!assigned[column]) {
                nulls[column][rowCount] = true;
                if (strings[column] != null) {
                    strings[column][rowCount] = null;
                }
                if (utf8[column] != null) {
                    utf8[column].truncate(rowCount);
                    utf8[column].appendNull();
                }
            }
            assigned[column] = false;
        }
        rowCount++;
    }

    public void discardRow()
    {
        Arrays.fill(assigned, false);
        for (Utf8Writer writer : utf8) {
            if (writer != null) {
                writer.truncate(rowCount);
            }
        }
    }

    public int rowCount()
    {
        return rowCount;
    }

    /** Hands the rows over as a batch and starts a new, empty one. */
    public ColumnBatch build()
    {
        List<ColumnVector> vectors = new ArrayList<>(types.length);
        // A stream of batches has batches of similar size: room for as many rows as this one saves growing the
        // arrays step by step, each step a copy of the last.
        int nextCapacity = Math.max(INITIAL_CAPACITY, Math.min(rowCount, MAXIMUM_PRESIZED_ROWS));
        for (int column = 0; column < types.length; column++) {
            if (utf8[column] != null) {
                Utf8Writer writer = utf8[column];
                writer.truncate(rowCount);
                long bytesPerRow = rowCount == 0 ? 16 : writer.byteCount() / rowCount + 1;
                vectors.add(writer.build());
                utf8[column] = new Utf8Writer(bytesPerRow * nextCapacity, nextCapacity);
                continue;
            }
            boolean[] columnNulls = hasNull(nulls[column], rowCount) ? nulls[column] : null;
            vectors.add(switch (types[column]) {
                case LONG -> new LongVector(longs[column], columnNulls, rowCount);
                case DOUBLE -> new DoubleVector(doubles[column], columnNulls, rowCount);
                case STRING -> new StringVector(strings[column], rowCount);
            });
        }
        ColumnBatch batch = new ColumnBatch(vectors, rowCount);
        rowCount = 0;
        Arrays.fill(assigned, false);
        Arrays.fill(utf8Refused, false);
        allocate(nextCapacity);
        return batch;
    }

    private static boolean hasNull(boolean[] nulls, int size)
    {
        for (int i = 0; i < size; i++) {
            if (nulls[i]) {
                return true;
            }
        }
        return false;
    }
}
