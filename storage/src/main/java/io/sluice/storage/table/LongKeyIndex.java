package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.LongVector;

import java.util.Arrays;
import java.util.List;

/**
 * The index of a table whose key is one NOT NULL integer column: open addressing with linear probing over two
 * primitive arrays (key, location), 16 bytes per slot. When 80% full it grows to 1.5 slots per key, so it is never
 * below 2/3 full: at most 24 bytes per key, with short probe runs.
 */
final class LongKeyIndex
        implements KeyIndex
{
    private static final int MINIMUM_CAPACITY = 16;
    private static final long EMPTY = -1;

    private long[] keys;
    private long[] locations;
    private int size;

    LongKeyIndex()
    {
        allocate(MINIMUM_CAPACITY);
    }

    private void allocate(int capacity)
    {
        keys = new long[capacity];
        locations = new long[capacity];
        Arrays.fill(locations, EMPTY);
    }

    @Override
    public long get(List<ColumnVector> columns, int row)
    {
        return get(((LongVector) columns.get(0)).value(row));
    }

    long get(long key)
    {
        int capacity = keys.length;
        int slot = home(key, capacity);
        while (locations[slot] != EMPTY) {
            if (keys[slot] == key) {
                return locations[slot];
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return MISSING;
    }

    @Override
    public void put(List<ColumnVector> columns, int row, long location)
    {
        put(((LongVector) columns.get(0)).value(row), location);
    }

    void put(long key, long location)
    {
        if (location < 0) {
            throw new IllegalArgumentException("negative location " + location);
        }
        if ((size + 1) * 5L > keys.length * 4L) {
            // 1.5 slots per key after growing: 2/3 full, so at most 24 bytes per key.
            rehash(Math.max(MINIMUM_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, (size + 1) * 3L / 2)));
        }
        int capacity = keys.length;
        int slot = home(key, capacity);
        while (locations[slot] != EMPTY) {
            if (keys[slot] == key) {
                locations[slot] = location;
                return;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        keys[slot] = key;
        locations[slot] = location;
        size++;
    }

    @Override
    public void remove(List<ColumnVector> columns, int row)
    {
        remove(((LongVector) columns.get(0)).value(row));
    }

    void remove(long key)
    {
        int capacity = keys.length;
        int slot = home(key, capacity);
        while (locations[slot] != EMPTY) {
            if (keys[slot] == key) {
                deleteAt(slot);
                return;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
    }

    /** Backward-shift deletion: later entries of the probe run move up, so lookups never need tombstones. */
    private void deleteAt(int slot)
    {
        int capacity = keys.length;
        int hole = slot;
        int next = hole + 1 == capacity ? 0 : hole + 1;
        while (locations[next] != EMPTY) {
            int home = home(keys[next], capacity);
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                keys[hole] = keys[next];
                locations[hole] = locations[next];
                hole = next;
            }
            next = next + 1 == capacity ? 0 : next + 1;
        }
        locations[hole] = EMPTY;
        size--;
    }

    private void rehash(int newCapacity)
    {
        long[] oldKeys = keys;
        long[] oldLocations = locations;
        allocate(newCapacity);
        int capacity = newCapacity;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLocations[i] != EMPTY) {
                int slot = home(oldKeys[i], capacity);
                while (locations[slot] != EMPTY) {
                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }
                keys[slot] = oldKeys[i];
                locations[slot] = oldLocations[i];
            }
        }
    }

    private static int home(long key, int capacity)
    {
        long hash = key * 0x9E3779B97F4A7C15L;
        hash ^= hash >>> 29;
        // Lemire's multiply-shift range reduction: any capacity, no modulo.
        return (int) (((hash >>> 32) * capacity) >>> 32);
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public long memoryBytes()
    {
        return 16L * keys.length;
    }
}
