package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;

import java.util.Arrays;

import static io.sluice.storage.exec.SegmentFilter.ALL;
import static io.sluice.storage.exec.SegmentFilter.NONE;
import static io.sluice.storage.exec.SegmentFilter.SOME;

/**
 * Leaf filters over LONG and DOUBLE vectors (and the code arrays of dictionary vectors, which are ints).
 * The loops compact the selection without branching on the outcome: every row is written, the write index only
 * advances for kept rows.
 */
final class NumericFilters
{
    private NumericFilters() {}

    /** {@code low <= value <= high} (or not, when negated) over longs; dictionary codes use {@link CodeRangeFilter}. */
    static final class LongRangeFilter
            extends SegmentFilter
    {
        private final long[] values;
        private final boolean[] nulls;
        private final long low;
        private final long high;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;
        // value in [low, high] iff value + offset <= biasedSpan (one signed compare standing for an unsigned one).
        private final long offset;
        private final long biasedSpan;

        LongRangeFilter(long[] values, boolean[] nulls, long low, long high, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            this.values = values;
            this.nulls = nulls;
            this.low = low;
            this.high = high;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
            this.offset = Long.MIN_VALUE - low;
            this.biasedSpan = (high - low) + Long.MIN_VALUE;
        }

        @Override
        int pageMatch(int page)
        {
            return rangePageMatch(zoneMap, page, pageRows(rowCount, page), low, high, negated);
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            long offset = this.offset;
            long biasedSpan = this.biasedSpan;
            int kept = 0;
            if (nulls == null && !negated) {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += values[row] + offset <= biasedSpan ? 1 : 0;
                }
            }
            else if (nulls == null) {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += values[row] + offset > biasedSpan ? 1 : 0;
                }
            }
            else {
                boolean inside = !negated;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += !nulls[row] && (values[row] + offset <= biasedSpan) == inside ? 1 : 0;
                }
            }
            return kept;
        }
    }

    /** Page match of {@code low <= value <= high} (or its negation) from min/max stored as longs. */
    static int rangePageMatch(ColumnZoneMap zoneMap, int page, int pageRows, long low, long high, boolean negated)
    {
        int nullCount = zoneMap.nullCount(page);
        if (nullCount == pageRows) {
            return NONE;
        }
        long minimum = zoneMap.longMinimum(page);
        long maximum = zoneMap.longMaximum(page);
        boolean allInside = minimum >= low && maximum <= high;
        boolean allOutside = maximum < low || minimum > high;
        if (negated ? allInside : allOutside) {
            return NONE;
        }
        if (nullCount == 0 && (negated ? allOutside : allInside)) {
            return ALL;
        }
        return SOME;
    }

    /** Dictionary codes in {@code [low, high]} (or not, when negated); the NULL code never passes. */
    static final class CodeRangeFilter
            extends SegmentFilter
    {
        private final int[] codes;
        private final int low;
        private final int high;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        CodeRangeFilter(int[] codes, int low, int high, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            if (low < 0 || low > high) {
                throw new IllegalArgumentException("bad code range " + low + ".." + high);
            }
            this.codes = codes;
            this.low = low;
            this.high = high;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        @Override
        int pageMatch(int page)
        {
            return rangePageMatch(zoneMap, page, pageRows(rowCount, page), low, high, negated);
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            int[] codes = this.codes;
            // code - low <= high - low as unsigned ints: one compare, and the NULL code (-1) is outside.
            int offset = Integer.MIN_VALUE - low;
            int biasedSpan = (high - low) + Integer.MIN_VALUE;
            int kept = 0;
            if (!negated) {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += codes[row] + offset <= biasedSpan ? 1 : 0;
                }
            }
            else {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    int code = codes[row];
                    selection[kept] = row;
                    kept += code >= 0 && code + offset > biasedSpan ? 1 : 0;
                }
            }
            return kept;
        }
    }

    /** Dictionary codes whose entry in a per-segment mask is set (IN lists and LIKE, translated once per segment). */
    static final class CodeMaskFilter
            extends SegmentFilter
    {
        // Indexed by code + 1, so the NULL code reads the (false) entry 0.
        private final boolean[] mask;
        private final int firstCode;
        private final int lastCode;
        private final boolean contiguous;
        private final ColumnZoneMap zoneMap;
        private final int[] codes;
        private final int rowCount;

        CodeMaskFilter(int[] codes, boolean[] mask, ColumnZoneMap zoneMap, int rowCount)
        {
            if (mask[0]) {
                throw new IllegalArgumentException("NULL cannot pass a code mask");
            }
            int first = -1;
            int last = -1;
            int set = 0;
            for (int index = 1; index < mask.length; index++) {
                if (mask[index]) {
                    if (first < 0) {
                        first = index - 1;
                    }
                    last = index - 1;
                    set++;
                }
            }
            this.codes = codes;
            this.mask = mask;
            this.firstCode = first;
            this.lastCode = last;
            this.contiguous = set > 0 && set == last - first + 1;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        /** Whether no code is set: the filter can never pass. */
        boolean isEmpty()
        {
            return firstCode < 0;
        }

        @Override
        int pageMatch(int page)
        {
            int pageRows = pageRows(rowCount, page);
            int nullCount = zoneMap.nullCount(page);
            if (nullCount == pageRows) {
                return NONE;
            }
            long minimum = zoneMap.longMinimum(page);
            long maximum = zoneMap.longMaximum(page);
            if (maximum < firstCode || minimum > lastCode) {
                return NONE;
            }
            if (nullCount == 0 && contiguous && minimum >= firstCode && maximum <= lastCode) {
                return ALL;
            }
            return SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            int[] codes = this.codes;
            boolean[] mask = this.mask;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                selection[kept] = row;
                kept += mask[codes[row] + 1] ? 1 : 0;
            }
            return kept;
        }
    }

    /** {@code low <= value <= high} (or not) over doubles; NaN is in no range, so it passes only negated ranges. */
    static final class DoubleRangeFilter
            extends SegmentFilter
    {
        private final double[] values;
        private final boolean[] nulls;
        private final double low;
        private final double high;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        DoubleRangeFilter(double[] values, boolean[] nulls, double low, double high, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            this.values = values;
            this.nulls = nulls;
            this.low = low;
            this.high = high;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        @Override
        int pageMatch(int page)
        {
            int nullCount = zoneMap.nullCount(page);
            if (nullCount == pageRows(rowCount, page)) {
                return NONE;
            }
            double minimum = zoneMap.doubleMinimum(page);
            double maximum = zoneMap.doubleMaximum(page);
            // A NaN widens a page's zone to the infinities; only finite zones prove that every row is inside.
            boolean finite = !Double.isInfinite(minimum) && !Double.isInfinite(maximum);
            boolean allInside = finite && minimum >= low && maximum <= high;
            boolean allOutside = maximum < low || minimum > high;
            if (negated ? allInside : allOutside) {
                return NONE;
            }
            if (nullCount == 0 && (negated ? allOutside : allInside)) {
                return ALL;
            }
            return SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double low = this.low;
            double high = this.high;
            boolean inside = !negated;
            int kept = 0;
            if (nulls == null) {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    double value = values[row];
                    selection[kept] = row;
                    kept += (value >= low && value <= high) == inside ? 1 : 0;
                }
            }
            else {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    double value = values[row];
                    selection[kept] = row;
                    kept += !nulls[row] && (value >= low && value <= high) == inside ? 1 : 0;
                }
            }
            return kept;
        }
    }

    /** LONG {@code [NOT] IN}: a linear scan for short lists, a hash lookup for long ones. */
    static final class LongInFilter
            extends SegmentFilter
    {
        private static final int LINEAR_LIMIT = 12;

        private final long[] values;
        private final boolean[] nulls;
        private final long[] list;
        private final LongIdMap set;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        LongInFilter(long[] values, boolean[] nulls, long[] list, LongIdMap set, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            this.values = values;
            this.nulls = nulls;
            this.list = list;
            this.set = list.length > LINEAR_LIMIT ? set : null;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        /** The set form of a sorted list, built once per query and shared (read only) by all segments. */
        static LongIdMap setOf(long[] list)
        {
            LongIdMap set = new LongIdMap(list.length);
            for (long value : list) {
                set.idOf(value);
            }
            return set;
        }

        @Override
        int pageMatch(int page)
        {
            int nullCount = zoneMap.nullCount(page);
            if (nullCount == pageRows(rowCount, page)) {
                return NONE;
            }
            long minimum = zoneMap.longMinimum(page);
            long maximum = zoneMap.longMaximum(page);
            int first = firstAtLeast(minimum);
            boolean anyInZone = first < list.length && list[first] <= maximum;
            boolean zoneIsOneListedValue = minimum == maximum && anyInZone;
            if (negated ? zoneIsOneListedValue : !anyInZone) {
                return NONE;
            }
            if (nullCount == 0 && (negated ? !anyInZone : zoneIsOneListedValue)) {
                return ALL;
            }
            return SOME;
        }

        private int firstAtLeast(long value)
        {
            int index = Arrays.binarySearch(list, value);
            return index >= 0 ? index : -index - 1;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            boolean wanted = !negated;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                selection[kept] = row;
                kept += (nulls == null || !nulls[row]) && contains(values[row]) == wanted ? 1 : 0;
            }
            return kept;
        }

        private boolean contains(long value)
        {
            if (set != null) {
                return set.find(value) >= 0;
            }
            for (long listed : list) {
                if (listed == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /** DOUBLE {@code [NOT] IN} over a sorted list without NaN and -0.0. */
    static final class DoubleInFilter
            extends SegmentFilter
    {
        private final double[] values;
        private final boolean[] nulls;
        private final double[] list;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        DoubleInFilter(double[] values, boolean[] nulls, double[] list, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            this.values = values;
            this.nulls = nulls;
            this.list = list;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        @Override
        int pageMatch(int page)
        {
            int nullCount = zoneMap.nullCount(page);
            if (nullCount == pageRows(rowCount, page)) {
                return NONE;
            }
            double minimum = zoneMap.doubleMinimum(page);
            double maximum = zoneMap.doubleMaximum(page);
            int index = Arrays.binarySearch(list, minimum + 0.0);
            int first = index >= 0 ? index : -index - 1;
            boolean anyInZone = first < list.length && list[first] <= maximum;
            boolean zoneIsOneListedValue = minimum == maximum && anyInZone;
            if (negated ? zoneIsOneListedValue : !anyInZone) {
                return NONE;
            }
            if (nullCount == 0 && (negated ? !anyInZone : zoneIsOneListedValue)) {
                return ALL;
            }
            return SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double[] list = this.list;
            boolean wanted = !negated;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                selection[kept] = row;
                kept += (nulls == null || !nulls[row]) && (Arrays.binarySearch(list, values[row] + 0.0) >= 0) == wanted ? 1 : 0;
            }
            return kept;
        }
    }

    /** {@code IS [NOT] NULL} over any vector kind: exactly one of the three arrays is given. */
    static final class NullTestFilter
            extends SegmentFilter
    {
        private final boolean[] nulls;
        private final String[] strings;
        private final int[] codes;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        NullTestFilter(boolean[] nulls, String[] strings, int[] codes, boolean negated, ColumnZoneMap zoneMap, int rowCount)
        {
            this.nulls = nulls;
            this.strings = strings;
            this.codes = codes;
            this.negated = negated;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        @Override
        int pageMatch(int page)
        {
            int nullCount = zoneMap.nullCount(page);
            int pageRows = pageRows(rowCount, page);
            if (nullCount == 0) {
                return negated ? ALL : NONE;
            }
            if (nullCount == pageRows) {
                return negated ? NONE : ALL;
            }
            return SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            boolean wantNull = !negated;
            int kept = 0;
            if (nulls != null) {
                boolean[] nulls = this.nulls;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += nulls[row] == wantNull ? 1 : 0;
                }
            }
            else if (strings != null) {
                String[] strings = this.strings;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += (strings[row] == null) == wantNull ? 1 : 0;
                }
            }
            else {
                int[] codes = this.codes;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    selection[kept] = row;
                    kept += (codes[row] < 0) == wantNull ? 1 : 0;
                }
            }
            return kept;
        }
    }
}
