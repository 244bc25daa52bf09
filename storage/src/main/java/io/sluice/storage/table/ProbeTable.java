package io.sluice.storage.table;

import java.util.Arrays;

/**
 * The open-addressing arrays behind the primary indexes: per slot a probe word (the key itself, or a 64-bit key hash)
 * and a location, 16 bytes per slot, linear probing with backward-shift deletion (no tombstones). When 80% full it
 * grows to 1.5 slots per entry, so it is never below 2/3 full: at most 24 bytes per entry.
 * The owner decides what a match is; this class only keeps the slots consistent.
 */
final class ProbeTable
{
    static final long EMPTY = -1;
    private static final int MINIMUM_CAPACITY = 16;

    private long[] words;
    private long[] locations;
    private int size;

    ProbeTable(int expectedEntries)
    {
        allocate((int) Math.max(MINIMUM_CAPACITY, Math.min(Integer.MAX_VALUE - 8, expectedEntries * 3L / 2 + 1)));
    }

    private void allocate(int capacity)
    {
        words = new long[capacity];
        locations = new long[capacity];
        Arrays.fill(locations, EMPTY);
    }

    /** The first slot to probe for a word. */
    int home(long word)
    {
        long hash = word * 0x9E3779B97F4A7C15L;
        hash ^= hash >>> 29;
        // Lemire's multiply-shift range reduction: any capacity, no modulo.
        return (int) (((hash >>> 32) * words.length) >>> 32);
    }

    int next(int slot)
    {
        return slot + 1 == words.length ? 0 : slot + 1;
    }

    boolean isEmpty(int slot)
    {
        return locations[slot] == EMPTY;
    }

    long word(int slot)
    {
        return words[slot];
    }

    long location(int slot)
    {
        return locations[slot];
    }

    void setLocation(int slot, long location)
    {
        locations[slot] = location;
    }

    /** Grows first if one more entry would pass 80%; call before probing for an insert. */
    void reserveOne()
    {
        if ((size + 1) * 5L > words.length * 4L) {
            rehash(Math.max(MINIMUM_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, (size + 1) * 3L / 2)));
        }
    }

    /** Fills an empty slot found by probing. */
    void insert(int slot, long word, long location)
    {
        if (location < 0) {
            throw new IllegalArgumentException("negative location " + location);
        }
        words[slot] = word;
        locations[slot] = location;
        size++;
    }

    /** Empties a slot; later entries of the probe run move up so lookups never need tombstones. */
    void delete(int slot)
    {
        int hole = slot;
        int next = next(hole);
        while (locations[next] != EMPTY) {
            int home = home(words[next]);
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                words[hole] = words[next];
                locations[hole] = locations[next];
                hole = next;
            }
            next = next(next);
        }
        locations[hole] = EMPTY;
        size--;
    }

    private void rehash(int newCapacity)
    {
        long[] oldWords = words;
        long[] oldLocations = locations;
        allocate(newCapacity);
        for (int i = 0; i < oldWords.length; i++) {
            if (oldLocations[i] != EMPTY) {
                int slot = home(oldWords[i]);
                while (locations[slot] != EMPTY) {
                    slot = next(slot);
                }
                words[slot] = oldWords[i];
                locations[slot] = oldLocations[i];
            }
        }
    }

    int size()
    {
        return size;
    }

    long memoryBytes()
    {
        return 16L * words.length;
    }
}
