package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.LongVector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory primary index of a PRIMARY KEY or UNIQUE KEY table: key to the location (segment id, row) of the
 * live row with that key. A single integer key uses a primitive map; other keys an encoded string.
 * Guarded by the owning table's commit lock.
 */
final class PrimaryKeyIndex
{
    static final long MISSING = LongLongHashMap.MISSING;

    private final int keyColumnCount;
    private final boolean singleLongKey;
    private final LongLongHashMap longKeys = new LongLongHashMap();
    private final Map<String, Long> encodedKeys = new HashMap<>();

    PrimaryKeyIndex(int keyColumnCount, boolean singleLongKey)
    {
        this.keyColumnCount = keyColumnCount;
        this.singleLongKey = singleLongKey;
    }

    static long location(long segmentId, int row)
    {
        return (segmentId << 32) | row;
    }

    static long segmentId(long location)
    {
        return location >>> 32;
    }

    static int row(long location)
    {
        return (int) location;
    }

    long get(List<ColumnVector> columns, int row)
    {
        if (singleLongKey) {
            return longKeys.get(((LongVector) columns.get(0)).value(row));
        }
        Long location = encodedKeys.get(encodeKey(columns, row));
        return location == null ? MISSING : location;
    }

    void put(List<ColumnVector> columns, int row, long location)
    {
        if (singleLongKey) {
            longKeys.put(((LongVector) columns.get(0)).value(row), location);
        }
        else {
            encodedKeys.put(encodeKey(columns, row), location);
        }
    }

    /** For each row of a batch, whether it is the last row with its key (so it wins within the batch). */
    boolean[] lastOccurrences(List<ColumnVector> columns, int rowCount)
    {
        boolean[] last = new boolean[rowCount];
        if (singleLongKey) {
            // Primitive set of the keys seen from the end: no per-row objects on the load path.
            LongLongHashMap seen = new LongLongHashMap();
            LongVector keys = (LongVector) columns.get(0);
            for (int row = rowCount - 1; row >= 0; row--) {
                long key = keys.value(row);
                if (seen.get(key) == MISSING) {
                    seen.put(key, row);
                    last[row] = true;
                }
            }
            return last;
        }
        Set<String> seen = new HashSet<>();
        for (int row = rowCount - 1; row >= 0; row--) {
            last[row] = seen.add(encodeKey(columns, row));
        }
        return last;
    }

    int size()
    {
        return singleLongKey ? longKeys.size() : encodedKeys.size();
    }

    /** A string that is equal for two rows exactly when their key columns are equal (NULL included). */
    String encodeKey(List<ColumnVector> columns, int row)
    {
        StringBuilder key = new StringBuilder();
        for (int column = 0; column < keyColumnCount; column++) {
            Object value = columns.get(column).objectValue(row);
            if (value == null) {
                key.append('\u0001');
            }
            else {
                key.append('\u0002').append(value);
            }
            key.append('\u0000');
        }
        return key.toString();
    }
}
