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

    /**
     * The locations of rows 0..rowCount-1 of the columns, in one loop over the batch: lookups that do not depend on
     * each other let the processor overlap their cache misses, which a lookup between other per-row work cannot.
     */
    default void getAll(List<ColumnVector> columns, int rowCount, long[] locations)
    {
        for (int row = 0; row < rowCount; row++) {
            locations[row] = get(columns, row);
        }
    }

    /** Adds or replaces the key's location. */
    void put(List<ColumnVector> columns, int row, long location);

    /** Adds the key with this location unless it is there: then returns its location and changes nothing. */
    default long putIfAbsent(List<ColumnVector> columns, int row, long location)
    {
        long existing = get(columns, row);
        if (existing == MISSING) {
            put(columns, row, location);
        }
        return existing;
    }

    /** Puts every row of a segment that has no deleted row, at {@code location(slot, row)}. */
    default void putSegment(List<ColumnVector> columns, int rowCount, int slot)
    {
        for (int row = 0; row < rowCount; row++) {
            put(columns, row, location(slot, row));
        }
    }

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
