package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;

/**
 * Where a vector keeps its NULLs, whatever its kind: a mask (LONG, DOUBLE, UTF-8 strings; absent when nothing is NULL),
 * null elements (plain strings) or the NULL code (dictionaries). Lets COUNT(column) run one tight loop per kind.
 */
final class ColumnNulls
{
    private final boolean[] nulls;
    private final String[] strings;
    private final int[] codes;

    private ColumnNulls(boolean[] nulls, String[] strings, int[] codes)
    {
        this.nulls = nulls;
        this.strings = strings;
        this.codes = codes;
    }

    static ColumnNulls of(ColumnVector vector)
    {
        if (vector instanceof LongVector longs) {
            return new ColumnNulls(longs.nulls(), null, null);
        }
        if (vector instanceof DoubleVector doubles) {
            return new ColumnNulls(doubles.nulls(), null, null);
        }
        if (vector instanceof StringVector strings) {
            return strings.isUtf8() ? new ColumnNulls(strings.utf8Nulls(), null, null) : new ColumnNulls(null, strings.values(), null);
        }
        return new ColumnNulls(null, null, ((DictionaryVector) vector).codes());
    }

    /** Whether the vector is known to hold no NULL at all. */
    boolean hasNoNulls()
    {
        return nulls == null && strings == null && codes == null;
    }

    boolean isNull(int row)
    {
        if (nulls != null) {
            return nulls[row];
        }
        if (strings != null) {
            return strings[row] == null;
        }
        return codes != null && codes[row] < 0;
    }

    int countNonNull(int[] selection, int count)
    {
        int nonNull = 0;
        if (nulls != null) {
            boolean[] nulls = this.nulls;
            for (int i = 0; i < count; i++) {
                nonNull += nulls[selection[i]] ? 0 : 1;
            }
        }
        else if (strings != null) {
            String[] strings = this.strings;
            for (int i = 0; i < count; i++) {
                nonNull += strings[selection[i]] == null ? 0 : 1;
            }
        }
        else if (codes != null) {
            int[] codes = this.codes;
            for (int i = 0; i < count; i++) {
                nonNull += codes[selection[i]] < 0 ? 0 : 1;
            }
        }
        else {
            nonNull = count;
        }
        return nonNull;
    }

    /** Adds one to {@code counts[groups[i]]} for each selected non-NULL row. */
    void countNonNullByGroup(int[] selection, int[] groups, int count, long[] counts)
    {
        if (nulls != null) {
            boolean[] nulls = this.nulls;
            for (int i = 0; i < count; i++) {
                counts[groups[i]] += nulls[selection[i]] ? 0 : 1;
            }
        }
        else if (strings != null) {
            String[] strings = this.strings;
            for (int i = 0; i < count; i++) {
                counts[groups[i]] += strings[selection[i]] == null ? 0 : 1;
            }
        }
        else if (codes != null) {
            int[] codes = this.codes;
            for (int i = 0; i < count; i++) {
                counts[groups[i]] += codes[selection[i]] < 0 ? 0 : 1;
            }
        }
        else {
            for (int i = 0; i < count; i++) {
                counts[groups[i]]++;
            }
        }
    }
}
