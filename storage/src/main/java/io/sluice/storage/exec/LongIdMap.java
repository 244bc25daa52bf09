package io.sluice.storage.exec;

import java.util.Arrays;

/**
 * Gives each distinct long a dense id (0, 1, 2... in first-seen order), with no boxing: an open-addressing table of
 * ids with linear probing (Fibonacci hashing, so sequential keys spread), the keys kept by id. Serves as a group-key
 * dictionary and as a distinct-value set. One id may be reserved for NULL ({@link #nullId()}); it is never in the
 * table, so no key compares equal to it.
 */
final class LongIdMap
{
    private static final int EMPTY = -1;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private int size;
    private int nullId = -1;
    private int[] table;
    private int mask;
    private int shift;
    private int resizeAt;

    LongIdMap()
    {
        this(16);
    }

    LongIdMap(int expectedSize)
    {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) * 2;
        keys = new long[Math.max(4, expectedSize)];
        allocateTable(capacity);
    }

    private void allocateTable(int capacity)
    {
        table = new int[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity / 2;
    }

    /** The key's id, adding the key when it is new. */
    int idOf(long key)
    {
        int slot = (int) ((key * MULTIPLIER) >>> shift);
        while (true) {
            int id = table[slot];
            if (id == EMPTY) {
                return add(slot, key);
            }
            if (keys[id] == key) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The key's id, or -1 when absent. */
    int find(long key)
    {
        int slot = (int) ((key * MULTIPLIER) >>> shift);
        while (true) {
            int id = table[slot];
            if (id == EMPTY) {
                return -1;
            }
            if (keys[id] == key) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(int slot, long key)
    {
        int id = newId(key);
        table[slot] = id;
        if (size > resizeAt) {
            rehash();
        }
        return id;
    }

    private int newId(long key)
    {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size] = key;
        return size++;
    }

    private void rehash()
    {
        allocateTable(table.length * 2);
        for (int id = 0; id < size; id++) {
            if (id == nullId) {
                continue;
            }
            int slot = (int) ((keys[id] * MULTIPLIER) >>> shift);
            while (table[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id;
        }
    }

    /** The id standing for NULL, reserved on first use. */
    int nullId()
    {
        if (nullId < 0) {
            nullId = newId(0);
        }
        return nullId;
    }

    boolean isNull(int id)
    {
        return id == nullId;
    }

    long key(int id)
    {
        return keys[id];
    }

    /** Number of ids, including the NULL id when reserved. */
    int size()
    {
        return size;
    }
}
