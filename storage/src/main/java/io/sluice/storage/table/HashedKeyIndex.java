package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;

import java.util.List;

/**
 * The index of a table with a composite, string or nullable key: the probe word is a 64-bit hash of the key, and no
 * key is copied. Equal hashes are confirmed by comparing the real key at the candidate location, which the owner
 * resolves through {@link KeyMatcher}. At most 24 bytes per key (see {@link ProbeTable}).
 */
final class HashedKeyIndex
        implements KeyIndex
{
    /** Tells whether the row stored at a location has the same key as a probe row. */
    interface KeyMatcher
    {
        boolean matches(long location, List<ColumnVector> columns, int row);
    }

    private final int[] keyColumns;
    private final KeyMatcher matcher;
    private final ProbeTable table;

    HashedKeyIndex(int[] keyColumns, int expectedKeys, KeyMatcher matcher)
    {
        this.keyColumns = keyColumns.clone();
        this.matcher = matcher;
        this.table = new ProbeTable(expectedKeys);
    }

    @Override
    public long get(List<ColumnVector> columns, int row)
    {
        int slot = find(RowKeys.hash(columns, keyColumns, row), columns, row);
        return slot < 0 ? MISSING : table.location(slot);
    }

    @Override
    public void put(List<ColumnVector> columns, int row, long location)
    {
        long hash = RowKeys.hash(columns, keyColumns, row);
        int slot = find(hash, columns, row);
        if (slot >= 0) {
            table.setLocation(slot, location);
            return;
        }
        table.reserveOne();
        table.insert(hash, location);
    }

    @Override
    public void remove(List<ColumnVector> columns, int row)
    {
        int slot = find(RowKeys.hash(columns, keyColumns, row), columns, row);
        if (slot >= 0) {
            table.delete(slot);
        }
    }

    /** The slot holding the row's key, or -1. */
    private int find(long hash, List<ColumnVector> columns, int row)
    {
        int slot = table.home(hash);
        for (int distance = 0; !table.endsProbe(slot, distance); distance++) {
            if (table.word(slot) == hash && matcher.matches(table.location(slot), columns, row)) {
                return slot;
            }
            slot = table.next(slot);
        }
        return -1;
    }

    @Override
    public int size()
    {
        return table.size();
    }

    @Override
    public long memoryBytes()
    {
        return table.memoryBytes();
    }
}
