package io.sluice.storage.column;

import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds a {@link ColumnBatch} row by row without a per-row object: set the columns of the current row, then
 * {@link #commitRow()} or {@link #discardRow()}. Columns not set in a committed row are NULL.
 */
public final class ColumnBatchBuilder
{
    private static final int INITIAL_CAPACITY = 1024;

    private final PhysicalType[] types;
    private final long[][] longs;
    private final double[][] doubles;
    private final String[][] strings;
    private final boolean[][] nulls;
    private final boolean[] assigned;
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
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int newCapacity)
    {
        capacity = newCapacity;
        for (int column = 0; column < types.length; column++) {
            switch (types[column]) {
                case LONG -> longs[column] = new long[newCapacity];
                case DOUBLE -> doubles[column] = new double[newCapacity];
                case STRING -> strings[column] = new String[newCapacity];
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
                case STRING -> strings[column] = Arrays.copyOf(strings[column], newCapacity);
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
        strings[column][rowCount] = value;
        nulls[column][rowCount] = false;
        assigned[column] = true;
    }

    public void setNull(int column)
    {
        ensureCurrentRowFits();
        nulls[column][rowCount] = true;
        if (strings[column] != null) {
            strings[column][rowCount] = null;
        }
        assigned[column] = true;
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
            }
            assigned[column] = false;
        }
        rowCount++;
    }

    public void discardRow()
    {
        Arrays.fill(assigned, false);
    }

    public int rowCount()
    {
        return rowCount;
    }

    /** Hands the rows over as a batch and starts a new, empty one. */
    public ColumnBatch build()
    {
        List<ColumnVector> vectors = new ArrayList<>(types.length);
        for (int column = 0; column < types.length; column++) {
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
        allocate(INITIAL_CAPACITY);
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
