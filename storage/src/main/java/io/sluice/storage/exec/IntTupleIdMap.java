package io.sluice.storage.exec;

import java.util.Arrays;

/**
 * Gives each distinct tuple of ints (the per-column key ids of a multi-column GROUP BY) a dense id, with the tuples
 * stored flat by id ({@code width} ints each) and an open-addressing table of ids.
 */
final class IntTupleIdMap
{
    private static final int EMPTY = -1;
    private static final int MULTIPLIER = 0x9E3779B9;

    private final int width;
    private int[] tuples;
    private int size;
    private int[] table;
    private int mask;
    private int shift;
    private int resizeAt;

    IntTupleIdMap(int width)
    {
        if (width < 2) {
            throw new IllegalArgumentException("a tuple has at least two components: " + width);
        }
        this.width = width;
        this.tuples = new int[16 * width];
        allocateTable(32);
    }

    private void allocateTable(int capacity)
    {
        table = new int[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity / 2;
    }

    private int slotOfHash(int hash)
    {
        return (hash * MULTIPLIER) >>> shift;
    }

    /** The id of the tuple {@code components[0][index], components[1][index], ...}, added when new. */
    int idOf(int[][] components, int index)
    {
        int hash = 0;
        for (int column = 0; column < width; column++) {
            hash = (hash + components[column][index]) * MULTIPLIER;
        }
        int slot = slotOfHash(hash);
        while (true) {
            int id = table[slot];
            if (id == EMPTY) {
                return add(slot, components, index);
            }
            if (equalsTuple(id, components, index)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean equalsTuple(int id, int[][] components, int index)
    {
        int base = id * width;
        for (int column = 0; column < width; column++) {
            if (tuples[base + column] != components[column][index]) {
                return false;
            }
        }
        return true;
    }

    private int add(int slot, int[][] components, int index)
    {
        if ((size + 1) * width > tuples.length) {
            tuples = Arrays.copyOf(tuples, tuples.length * 2);
        }
        int base = size * width;
        for (int column = 0; column < width; column++) {
            tuples[base + column] = components[column][index];
        }
        int id = size++;
        table[slot] = id;
        if (size > resizeAt) {
            rehash();
        }
        return id;
    }

    private void rehash()
    {
        allocateTable(table.length * 2);
        for (int id = 0; id < size; id++) {
            int hash = 0;
            int base = id * width;
            for (int column = 0; column < width; column++) {
                hash = (hash + tuples[base + column]) * MULTIPLIER;
            }
            int slot = slotOfHash(hash);
            while (table[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id;
        }
    }

    int component(int id, int column)
    {
        return tuples[id * width + column];
    }

    int size()
    {
        return size;
    }
}
