package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.LongVector;

import java.util.List;

/**
 * The index of a table whose key is one NOT NULL integer column: the key itself is the probe word, so a lookup
 * reads no row and allocates nothing. At most 24 bytes per key (see {@link ProbeTable}).
 */
final class LongKeyIndex
        implements KeyIndex
{
    private final ProbeTable table;

    /** Sized for the expected number of keys, so filling it never rehashes. */
    LongKeyIndex(int expectedKeys)
    {
        table = new ProbeTable(expectedKeys);
    }

    @Override
    public long get(List<ColumnVector> columns, int row)
    {
        return get(((LongVector) columns.get(0)).value(row));
    }

    @Override
    public void getAll(List<ColumnVector> columns, int rowCount, long[] locations)
    {
        LongVector keys = (LongVector) columns.get(0);
        for (int row = 0; row < rowCount; row++) {
            locations[row] = get(keys.value(row));
        }
    }

    long get(long key)
    {
        int slot = find(key);
        return slot < 0 ? MISSING : table.location(slot);
    }

    /** The slot holding the key, or -1. */
    private int find(long key)
    {
        int slot = table.home(key);
        for (int distance = 0; !table.endsProbe(slot, distance); distance++) {
            if (table.word(slot) == key) {
                return slot;
            }
            slot = table.next(slot);
        }
        return -1;
    }

    @Override
    public void put(List<ColumnVector> columns, int row, long location)
    {
        table.upsertUniqueWord(((LongVector) columns.get(0)).value(row), location);
    }

    @Override
    public long putIfAbsent(List<ColumnVector> columns, int row, long location)
    {
        return table.putIfAbsentUniqueWord(((LongVector) columns.get(0)).value(row), location);
    }

    @Override
    public void putSegment(List<ColumnVector> columns, int rowCount, int slot)
    {
        LongVector keys = (LongVector) columns.get(0);
        for (int row = 0; row < rowCount; row++) {
            table.upsertUniqueWord(keys.value(row), KeyIndex.location(slot, row));
        }
    }

    @Override
    public void remove(List<ColumnVector> columns, int row)
    {
        int slot = find(((LongVector) columns.get(0)).value(row));
        if (slot >= 0) {
            table.delete(slot);
        }
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
