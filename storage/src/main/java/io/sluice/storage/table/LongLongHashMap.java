package io.sluice.storage.table;

import java.util.Arrays;

/**
 * Open-addressing map from long to long with linear probing: no boxing, 16 bytes per slot.
 * Not thread safe.
 */
final class LongLongHashMap
{
    static final long MISSING = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private boolean[] used;
    private int size;
    private int mask;

    LongLongHashMap()
    {
        allocate(1024);
    }

    private void allocate(int capacity)
    {
        keys = new long[capacity];
        values = new long[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    int size()
    {
        return size;
    }

    long get(long key)
    {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return MISSING;
    }

    void put(long key, long value)
    {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    private void grow()
    {
        long[] oldKeys = keys;
        long[] oldValues = values;
        boolean[] oldUsed = used;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    void clear()
    {
        Arrays.fill(used, false);
        size = 0;
    }

    private int slot(long key)
    {
        long hash = key * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 32)) & mask;
    }
}
