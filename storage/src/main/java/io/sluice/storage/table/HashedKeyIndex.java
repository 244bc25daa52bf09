package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;

import java.util.Arrays;
import java.util.List;

/**
 * The index of a table with a composite, string or nullable key: open addressing over (64-bit key hash, location),
 * 16 bytes per slot, no key copies. Equal hashes are confirmed by comparing the real key at the candidate location,
 * which the owner resolves through {@link KeyMatcher}. Grows like {@link LongKeyIndex}.
 */
final class HashedKeyIndex
        implements KeyIndex
{
    /** Tells whether the row stored at a location has the same key as a probe row. */
    interface KeyMatcher
    {
        boolean matches(long location, List<ColumnVector> columns, int row);
    }

    private static final int MINIMUM_CAPACITY = 16;
    private static final long EMPTY = -1;

    private final int[] keyColumns;
    private final KeyMatcher matcher;
    private long[] hashes;
    private long[] locations;
    private int size;

    HashedKeyIndex(int[] keyColumns, KeyMatcher matcher)
    {
        this.keyColumns = keyColumns.clone();
        this.matcher = matcher;
        allocate(MINIMUM_CAPACITY);
    }

    private void allocate(int capacity)
    {
        hashes = new long[capacity];
        locations = new long[capacity];
        Arrays.fill(locations, EMPTY);
    }

    @Override
    public long get(List<ColumnVector> columns, int row)
    {
        long hash = RowKeys.hash(columns, keyColumns, row);
        int capacity = hashes.length;
        int slot = home(hash, capacity);
        while (locations[slot] != EMPTY) {
            if (hashes[slot] == hash && matcher.matches(locations[slot], columns, row)) {
                return locations[slot];
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return MISSING;
    }

    @Override
    public void put(List<ColumnVector> columns, int row, long location)
    {
        if (location < 0) {
            throw new IllegalArgumentException("negative location " + location);
        }
        if ((size + 1) * 5L > hashes.length * 4L) {
            // 1.5 slots per key after growing: 2/3 full, so at most 24 bytes per key.
            rehash(Math.max(MINIMUM_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, (size + 1) * 3L / 2)));
        }
        long hash = RowKeys.hash(columns, keyColumns, row);
        int capacity = hashes.length;
        int slot = home(hash, capacity);
        while (locations[slot] != EMPTY) {
            if (hashes[slot] == hash && matcher.matches(locations[slot], columns, row)) {
                locations[slot] = location;
                return;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        hashes[slot] = hash;
        locations[slot] = location;
        size++;
    }

    @Override
    public void remove(List<ColumnVector> columns, int row)
    {
        long hash = RowKeys.hash(columns, keyColumns, row);
        int capacity = hashes.length;
        int slot = home(hash, capacity);
        while (locations[slot] != EMPTY) {
            if (hashes[slot] == hash && matcher.matches(locations[slot], columns, row)) {
                deleteAt(slot);
                return;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
    }

    private void deleteAt(int slot)
    {
        int capacity = hashes.length;
        int hole = slot;
        int next = hole + 1 == capacity ? 0 : hole + 1;
        while (locations[next] != EMPTY) {
            int home = home(hashes[next], capacity);
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                hashes[hole] = hashes[next];
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
        long[] oldHashes = hashes;
        long[] oldLocations = locations;
        allocate(newCapacity);
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldLocations[i] != EMPTY) {
                int slot = home(oldHashes[i], newCapacity);
                while (locations[slot] != EMPTY) {
                    slot = slot + 1 == newCapacity ? 0 : slot + 1;
                }
                hashes[slot] = oldHashes[i];
                locations[slot] = oldLocations[i];
            }
        }
    }

    private static int home(long hash, int capacity)
    {
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
        return 16L * hashes.length;
    }
}
