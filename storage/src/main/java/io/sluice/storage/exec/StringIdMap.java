package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;

import java.util.Arrays;

/**
 * Gives each distinct string a dense id (first-seen order) without a node per entry: an open-addressing table
 * whose slots pack the string's hash (high half) with id + 1 (low half, 0 = empty), so a probe touches the key
 * only when the hashes agree. One id may be reserved for NULL ({@link #nullId()}); it is never in the table.
 */
final class StringIdMap
{
    private static final int MULTIPLIER = 0x9E3779B9;

    private String[] keys;
    private int size;
    private int nullId = -1;
    private long[] table;
    private int mask;
    private int shift;
    private int resizeAt;
    // Scratch of idsOf, allocated on first use.
    private int[] batchHashes;
    private long[] batchEntries;
    private String[] batchCandidates;

    StringIdMap()
    {
        this(16);
    }

    StringIdMap(int expectedSize)
    {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) * 2;
        keys = new String[Math.max(4, expectedSize)];
        allocateTable(capacity);
    }

    private void allocateTable(int capacity)
    {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity / 2;
    }

    private int slotOf(int hash)
    {
        return (hash * MULTIPLIER) >>> shift;
    }

    /** The non-null key's id, adding the key when it is new. */
    int idOf(String key)
    {
        int hash = key.hashCode();
        int slot = slotOf(hash);
        while (true) {
            long entry = table[slot];
            if (entry == 0) {
                return add(slot, hash, key);
            }
            if ((int) (entry >>> 32) == hash) {
                int id = (int) entry - 1;
                if (key.equals(keys[id])) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The ids of {@code values[selection[i]]} for i below count (NULL elements get {@link #nullId()}), adding new
     * keys. Equivalent to calling {@link #idOf} per row, but in passes over the batch: hashes, then table slots,
     * then candidate keys, so the cache misses of different rows overlap instead of following one another.
     */
    void idsOf(String[] values, int[] selection, int count, int[] ids)
    {
        if (batchHashes == null || batchHashes.length < count) {
            batchHashes = new int[Math.max(count, ColumnZoneMap.PAGE_ROWS)];
            batchEntries = new long[batchHashes.length];
            batchCandidates = new String[batchHashes.length];
        }
        int[] hashes = batchHashes;
        long[] entries = batchEntries;
        String[] candidates = batchCandidates;
        for (int i = 0; i < count; i++) {
            String value = values[selection[i]];
            hashes[i] = value == null ? 0 : value.hashCode();
        }
        long[] table = this.table;
        for (int i = 0; i < count; i++) {
            entries[i] = table[slotOf(hashes[i])];
        }
        String[] keys = this.keys;
        for (int i = 0; i < count; i++) {
            long entry = entries[i];
            candidates[i] = entry != 0 && (int) (entry >>> 32) == hashes[i] ? keys[(int) entry - 1] : null;
        }
        for (int i = 0; i < count; i++) {
            String value = values[selection[i]];
            String candidate = candidates[i];
            if (value == null) {
                ids[i] = nullId();
            }
            else if (candidate != null && candidate.equals(value)) {
                ids[i] = (int) entries[i] - 1;
            }
            else {
                // Not in the first slot probed, or new (maybe added by an earlier row of this batch).
                ids[i] = idOf(value);
            }
            candidates[i] = null;
        }
    }

    /** {@link #findAll(String[], int, int, int[])} of {@code keys[0..count)}, split across threads when many. */
    int[] findAll(String[] keys, int count, MergeParallelism parallelism)
    {
        int[] ids = new int[count];
        int parts = parallelism.partsFor(count);
        ParallelWork.run(parts, part -> {
            findAll(keys, (int) ((long) count * part / parts), (int) ((long) count * (part + 1) / parts), ids);
            return part;
        });
        return ids;
    }

    /**
     * The ids of the non-null {@code keys[from..to)} in {@code ids} (at the same positions), -1 for those absent;
     * like {@link #find} per key, but in passes over batches so that the cache misses of different keys overlap.
     */
    void findAll(String[] keys, int from, int to, int[] ids)
    {
        // Its own scratch: lookups only read the map, so several threads may run them at once.
        int[] hashes = new int[ColumnZoneMap.PAGE_ROWS];
        long[] entries = new long[ColumnZoneMap.PAGE_ROWS];
        long[] table = this.table;
        String[] stored = this.keys;
        for (int start = from; start < to; start += hashes.length) {
            int batch = Math.min(hashes.length, to - start);
            for (int i = 0; i < batch; i++) {
                hashes[i] = keys[start + i].hashCode();
            }
            for (int i = 0; i < batch; i++) {
                entries[i] = table[slotOf(hashes[i])];
            }
            for (int i = 0; i < batch; i++) {
                long entry = entries[i];
                String key = keys[start + i];
                if (entry == 0) {
                    ids[start + i] = -1;
                }
                else if ((int) (entry >>> 32) == hashes[i] && key.equals(stored[(int) entry - 1])) {
                    ids[start + i] = (int) entry - 1;
                }
                else {
                    // Not in the first slot probed.
                    ids[start + i] = find(key);
                }
            }
        }
    }

    /** Adds every key of {@code other} (its NULL too); returns this map's id of each of other's ids. */
    int[] addAll(StringIdMap other)
    {
        int[] ids = new int[other.size];
        int[] selection = new int[ColumnZoneMap.PAGE_ROWS];
        int[] batchIds = new int[ColumnZoneMap.PAGE_ROWS];
        for (int start = 0; start < other.size; start += selection.length) {
            int batch = Math.min(selection.length, other.size - start);
            for (int i = 0; i < batch; i++) {
                selection[i] = start + i;
            }
            idsOf(other.keys, selection, batch, batchIds);
            System.arraycopy(batchIds, 0, ids, start, batch);
        }
        return ids;
    }

    /** The non-null key's id, or -1 when absent. */
    int find(String key)
    {
        int hash = key.hashCode();
        int slot = slotOf(hash);
        while (true) {
            long entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) == hash) {
                int id = (int) entry - 1;
                if (key.equals(keys[id])) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(int slot, int hash, String key)
    {
        int id = newId(key);
        table[slot] = entry(hash, id);
        if (size > resizeAt) {
            rehash();
        }
        return id;
    }

    private static long entry(int hash, int id)
    {
        return ((long) hash << 32) | ((id + 1) & 0xFFFF_FFFFL);
    }

    private int newId(String key)
    {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size] = key;
        return size++;
    }

    private void rehash()
    {
        long[] oldTable = table;
        allocateTable(oldTable.length * 2);
        for (long entry : oldTable) {
            if (entry == 0) {
                continue;
            }
            int slot = slotOf((int) (entry >>> 32));
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = entry;
        }
    }

    /** The id standing for NULL, reserved on first use. */
    int nullId()
    {
        if (nullId < 0) {
            nullId = newId(null);
        }
        return nullId;
    }

    /** Whether {@link #nullId()} was reserved. */
    boolean hasNullId()
    {
        return nullId >= 0;
    }

    boolean isNull(int id)
    {
        return id == nullId;
    }

    /** The key of an id; null for the NULL id. */
    String key(int id)
    {
        return keys[id];
    }

    int size()
    {
        return size;
    }
}
