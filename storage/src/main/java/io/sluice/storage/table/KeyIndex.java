package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;

import java.util.List;

/**
 * Maps the key of a row (the table's leading key columns) to a location, a non-negative long such as
 * {@code slot << 32 | row}. Keys are read from column vectors, so lookups allocate nothing.
 * Not thread safe: owned by one table's commit lock, or by one batch.
 */
interface KeyIndex
{
    long MISSING = -1;

    long get(List<ColumnVector> columns, int row);

    /** Adds or replaces the key's location. */
    void put(List<ColumnVector> columns, int row, long location);

    void remove(List<ColumnVector> columns, int row);

    int size();

    /** Heap bytes held by the index's arrays. */
    long memoryBytes();

    static long location(int slot, int row)
    {
        return ((long) slot << 32) | (row & 0xFFFF_FFFFL);
    }

    static int slot(long location)
    {
        return (int) (location >>> 32);
    }

    static int row(long location)
    {
        return (int) location;
    }
}
