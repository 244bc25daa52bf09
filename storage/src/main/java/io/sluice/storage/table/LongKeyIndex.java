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

    long get(long key)
    {
        for (int slot = table.home(key); !table.isEmpty(slot); slot = table.next(slot)) {
            if (table.word(slot) == key) {
                return table.location(slot);
            }
        }
        return MISSING;
    }

    @Override
    public void put(List<ColumnVector> columns, int row, long location)
    {
        long key = ((LongVector) columns.get(0)).value(row);
        table.reserveOne();
        int slot = table.home(key);
        for (; !table.isEmpty(slot); slot = table.next(slot)) {
            if (table.word(slot) == key) {
                table.setLocation(slot, location);
                return;
            }
        }
        table.insert(slot, key, location);
    }

    @Override
    public void remove(List<ColumnVector> columns, int row)
    {
        long key = ((LongVector) columns.get(0)).value(row);
        for (int slot = table.home(key); !table.isEmpty(slot); slot = table.next(slot)) {
            if (table.word(slot) == key) {
                table.delete(slot);
                return;
            }
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
