package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.type.PhysicalType;

import java.util.Arrays;

/**
 * One aggregate of a GROUP BY, its state in arrays indexed by group id. {@link #add} runs a column at a time over
 * a page: the group ids of the selected rows are resolved first, then each aggregate makes one tight pass.
 */
abstract class GroupAccumulator
{
    abstract void startSegment(Segment segment);

    /** Makes room for group ids below {@code capacity}; new groups start empty. */
    abstract void grow(int capacity);

    /** Accumulates row {@code selection[i]} into group {@code groups[i]}, for i below count. */
    abstract void add(int[] selection, int[] groups, int count);

    /** Adds group {@code otherGroup} of another partial state (another scan thread's) into {@code group}. */
    abstract void merge(GroupAccumulator other, int otherGroup, int group);

    /**
     * Allocates now whatever state merging {@code other} would allocate on demand for all groups, so that several
     * threads can then merge into disjoint groups at once.
     */
    void prepareMerge(GroupAccumulator other) {}

    /** Fails the query when a group's result is out of range (a SUM beyond BIGINT). */
    void validate(int groupCount) {}

    abstract boolean isNull(int group);

    /** Order of two non-NULL results. */
    abstract int compareNonNull(int left, int right);

    abstract Object value(int group);

    static GroupAccumulator create(AggregateCall call, PhysicalType type, String expression)
    {
        int column = call.column();
        return switch (call.kind()) {
            case COUNT -> {
                if (column < 0) {
                    yield new CountRows();
                }
                yield call.distinct() ? new CountDistinct(column, type) : new CountValues(column);
            }
            case SUM, AVG -> switch (type) {
                case LONG -> new SumLongs(column, call.kind() == AggregateCall.Kind.AVG, expression);
                case DOUBLE -> new SumDoubles(column, call.kind() == AggregateCall.Kind.AVG, expression);
                case STRING -> throw new SluiceException(ErrorCode.NOT_SUPPORTED, expression + " over a STRING column is not supported by the storage executor");
            };
            case MIN, MAX -> switch (type) {
                case LONG -> new ExtremeLong(column, call.kind() == AggregateCall.Kind.MIN);
                case DOUBLE -> new ExtremeDouble(column, call.kind() == AggregateCall.Kind.MIN);
                case STRING -> new ExtremeString(column, call.kind() == AggregateCall.Kind.MIN);
            };
        };
    }

    /** COUNT(*) and COUNT(column) share the counts and their ordering. */
    private abstract static class Counts
            extends GroupAccumulator
    {
        long[] counts = new long[0];

        @Override
        void grow(int capacity)
        {
            counts = Arrays.copyOf(counts, capacity);
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            counts[group] += ((Counts) other).counts[otherGroup];
        }

        @Override
        boolean isNull(int group)
        {
            return false;
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Long.compare(counts[left], counts[right]);
        }

        @Override
        Object value(int group)
        {
            return counts[group];
        }
    }

    private static final class CountRows
            extends Counts
    {
        @Override
        void startSegment(Segment segment) {}

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            long[] counts = this.counts;
            for (int i = 0; i < count; i++) {
                counts[groups[i]]++;
            }
        }
    }

    private static final class CountValues
            extends Counts
    {
        private final int column;
        private ColumnNulls nulls;

        private CountValues(int column)
        {
            this.column = column;
        }

        @Override
        void startSegment(Segment segment)
        {
            nulls = ColumnNulls.of(SegmentColumns.column(segment, column));
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            nulls.countNonNullByGroup(selection, groups, count, counts);
        }
    }

    /** COUNT(DISTINCT): a set per group, created on the group's first non-NULL value. */
    private static final class CountDistinct
            extends GroupAccumulator
    {
        private final int column;
        private final PhysicalType type;
        private LongIdMap[] numberSets = new LongIdMap[0];
        private StringIdMap[] stringSets = new StringIdMap[0];
        private long[] longValues;
        private double[] doubleValues;
        private boolean[] nulls;
        private String[] plainStrings;
        private DictionaryVector dictionary;

        private CountDistinct(int column, PhysicalType type)
        {
            this.column = column;
            this.type = type;
        }

        @Override
        void startSegment(Segment segment)
        {
            ColumnVector vector = SegmentColumns.typedColumn(segment, column, type);
            longValues = null;
            doubleValues = null;
            nulls = null;
            plainStrings = null;
            dictionary = null;
            if (vector instanceof LongVector longs) {
                longValues = longs.values();
                nulls = longs.nulls();
            }
            else if (vector instanceof DoubleVector doubles) {
                doubleValues = doubles.values();
                nulls = doubles.nulls();
            }
            else if (vector instanceof StringVector plain) {
                plainStrings = plain.values();
            }
            else {
                dictionary = (DictionaryVector) vector;
            }
        }

        @Override
        void grow(int capacity)
        {
            if (type == PhysicalType.STRING) {
                stringSets = Arrays.copyOf(stringSets, capacity);
            }
            else {
                numberSets = Arrays.copyOf(numberSets, capacity);
            }
        }

        private LongIdMap numberSet(int group)
        {
            LongIdMap set = numberSets[group];
            if (set == null) {
                set = new LongIdMap(4);
                numberSets[group] = set;
            }
            return set;
        }

        private StringIdMap stringSet(int group)
        {
            StringIdMap set = stringSets[group];
            if (set == null) {
                set = new StringIdMap(4);
                stringSets[group] = set;
            }
            return set;
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (dictionary != null) {
                    int code = dictionary.code(row);
                    if (code >= 0) {
                        stringSet(groups[i]).idOf(dictionary.dictionaryValue(code));
                    }
                }
                else if (plainStrings != null) {
                    String value = plainStrings[row];
                    if (value != null) {
                        stringSet(groups[i]).idOf(value);
                    }
                }
                else if (nulls == null || !nulls[row]) {
                    numberSet(groups[i]).idOf(longValues != null ? longValues[row] : GroupKeyColumn.canonicalBits(doubleValues[row]));
                }
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            CountDistinct distinct = (CountDistinct) other;
            if (type == PhysicalType.STRING) {
                StringIdMap from = distinct.stringSets[otherGroup];
                for (int id = 0; from != null && id < from.size(); id++) {
                    stringSet(group).idOf(from.key(id));
                }
            }
            else {
                LongIdMap from = distinct.numberSets[otherGroup];
                for (int id = 0; from != null && id < from.size(); id++) {
                    numberSet(group).idOf(from.key(id));
                }
            }
        }

        private long count(int group)
        {
            if (type == PhysicalType.STRING) {
                return stringSets[group] == null ? 0 : stringSets[group].size();
            }
            return numberSets[group] == null ? 0 : numberSets[group].size();
        }

        @Override
        boolean isNull(int group)
        {
            return false;
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Long.compare(count(left), count(right));
        }

        @Override
        Object value(int group)
        {
            return count(group);
        }
    }

    /**
     * Which groups have a non-NULL value, and how many when an average needs the count: a SUM keeps one byte per
     * group instead of a long, so the per-row updates of a high-cardinality GROUP BY touch less memory.
     */
    private static final class ValueCounts
    {
        private final boolean counted;
        private long[] counts;
        private boolean[] present;

        private ValueCounts(boolean counted)
        {
            this.counted = counted;
            this.counts = counted ? new long[0] : null;
            this.present = counted ? null : new boolean[0];
        }

        private void grow(int capacity)
        {
            if (counted) {
                counts = Arrays.copyOf(counts, capacity);
            }
            else {
                present = Arrays.copyOf(present, capacity);
            }
        }

        private void merge(ValueCounts other, int otherGroup, int group)
        {
            if (counted) {
                counts[group] += other.counts[otherGroup];
            }
            else {
                present[group] |= other.present[otherGroup];
            }
        }

        private boolean hasValues(int group)
        {
            return counted ? counts[group] > 0 : present[group];
        }

        /** Only when counted. */
        private long count(int group)
        {
            return counts[group];
        }
    }

    /** SUM and AVG of longs, exact: a group's carries go to a high word allocated on the first overflow. */
    private static final class SumLongs
            extends GroupAccumulator
    {
        private final int column;
        private final boolean average;
        private final String expression;
        private long[] lows = new long[0];
        private long[] highs;
        private final ValueCounts valueCounts;
        private long[] values;
        private boolean[] nulls;

        private SumLongs(int column, boolean average, String expression)
        {
            this.column = column;
            this.average = average;
            this.expression = expression;
            this.valueCounts = new ValueCounts(average);
        }

        @Override
        void startSegment(Segment segment)
        {
            LongVector vector = SegmentColumns.longColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void grow(int capacity)
        {
            lows = Arrays.copyOf(lows, capacity);
            valueCounts.grow(capacity);
            if (highs != null) {
                highs = Arrays.copyOf(highs, capacity);
            }
        }

        private void carry(int group, long value)
        {
            if (highs == null) {
                highs = new long[lows.length];
            }
            highs[group] += value < 0 ? -1 : 1;
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            long[] lows = this.lows;
            long[] counts = valueCounts.counts;
            boolean[] present = valueCounts.present;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls != null && nulls[row]) {
                    continue;
                }
                int group = groups[i];
                long value = values[row];
                long low = lows[group];
                long sum = low + value;
                lows[group] = sum;
                if (counts != null) {
                    counts[group]++;
                }
                else {
                    present[group] = true;
                }
                if (((low ^ sum) & (value ^ sum)) < 0) {
                    carry(group, value);
                }
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            SumLongs sums = (SumLongs) other;
            long value = sums.lows[otherGroup];
            long low = lows[group];
            long sum = low + value;
            lows[group] = sum;
            long carry = LongSums.carry(low, value, sum) + (sums.highs == null ? 0 : sums.highs[otherGroup]);
            if (carry != 0) {
                if (highs == null) {
                    highs = new long[lows.length];
                }
                highs[group] += carry;
            }
            valueCounts.merge(sums.valueCounts, otherGroup, group);
        }

        @Override
        void prepareMerge(GroupAccumulator other)
        {
            // Adding two partial sums may carry even when neither has carried yet.
            if (highs == null) {
                highs = new long[lows.length];
            }
        }

        private long high(int group)
        {
            return highs == null ? 0 : highs[group];
        }

        @Override
        void validate(int groupCount)
        {
            if (average || highs == null) {
                return;
            }
            for (int group = 0; group < groupCount; group++) {
                if (highs[group] != 0 && valueCounts.hasValues(group)) {
                    throw LongSums.overflow(expression);
                }
            }
        }

        @Override
        boolean isNull(int group)
        {
            return !valueCounts.hasValues(group);
        }

        @Override
        int compareNonNull(int left, int right)
        {
            if (average) {
                return Double.compare(averageOf(left), averageOf(right));
            }
            // Valid sums fit in a long (validate ran before any sort).
            return Long.compare(lows[left], lows[right]);
        }

        private double averageOf(int group)
        {
            return LongSums.average(high(group), lows[group], valueCounts.count(group));
        }

        @Override
        Object value(int group)
        {
            if (!valueCounts.hasValues(group)) {
                return null;
            }
            // Not a conditional expression: it would widen the long to a double.
            if (average) {
                return averageOf(group);
            }
            return LongSums.toLong(high(group), lows[group], expression);
        }
    }

    private static final class SumDoubles
            extends GroupAccumulator
    {
        private final int column;
        private final boolean average;
        private final String expression;
        private double[] sums = new double[0];
        private final ValueCounts valueCounts;
        private double[] values;
        private boolean[] nulls;

        private SumDoubles(int column, boolean average, String expression)
        {
            this.column = column;
            this.average = average;
            this.expression = expression;
            this.valueCounts = new ValueCounts(average);
        }

        @Override
        void startSegment(Segment segment)
        {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void grow(int capacity)
        {
            sums = Arrays.copyOf(sums, capacity);
            valueCounts.grow(capacity);
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double[] sums = this.sums;
            long[] counts = valueCounts.counts;
            boolean[] present = valueCounts.present;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls != null && nulls[row]) {
                    continue;
                }
                int group = groups[i];
                sums[group] += values[row];
                if (counts != null) {
                    counts[group]++;
                }
                else {
                    present[group] = true;
                }
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            SumDoubles doubles = (SumDoubles) other;
            sums[group] += doubles.sums[otherGroup];
            valueCounts.merge(doubles.valueCounts, otherGroup, group);
        }

        @Override
        void validate(int groupCount)
        {
            if (average) {
                return;
            }
            for (int group = 0; group < groupCount; group++) {
                if (valueCounts.hasValues(group)) {
                    DoubleSums.checkedSum(sums[group], expression);
                }
            }
        }

        private double result(int group)
        {
            return average ? sums[group] / valueCounts.count(group) : sums[group];
        }

        @Override
        boolean isNull(int group)
        {
            return !valueCounts.hasValues(group);
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Double.compare(result(left), result(right));
        }

        @Override
        Object value(int group)
        {
            return valueCounts.hasValues(group) ? result(group) : null;
        }
    }

    private static final class ExtremeLong
            extends GroupAccumulator
    {
        private final int column;
        private final boolean minimum;
        private long[] best = new long[0];
        private boolean[] seen = new boolean[0];
        private long[] values;
        private boolean[] nulls;

        private ExtremeLong(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
        }

        @Override
        void startSegment(Segment segment)
        {
            LongVector vector = SegmentColumns.longColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void grow(int capacity)
        {
            int oldCapacity = best.length;
            best = Arrays.copyOf(best, capacity);
            seen = Arrays.copyOf(seen, capacity);
            Arrays.fill(best, oldCapacity, capacity, minimum ? Long.MAX_VALUE : Long.MIN_VALUE);
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            long[] best = this.best;
            boolean[] seen = this.seen;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls != null && nulls[row]) {
                    continue;
                }
                int group = groups[i];
                best[group] = minimum ? Math.min(best[group], values[row]) : Math.max(best[group], values[row]);
                seen[group] = true;
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            ExtremeLong extreme = (ExtremeLong) other;
            if (extreme.seen[otherGroup]) {
                long value = extreme.best[otherGroup];
                best[group] = minimum ? Math.min(best[group], value) : Math.max(best[group], value);
                seen[group] = true;
            }
        }

        @Override
        boolean isNull(int group)
        {
            return !seen[group];
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Long.compare(best[left], best[right]);
        }

        @Override
        Object value(int group)
        {
            return seen[group] ? best[group] : null;
        }
    }

    private static final class ExtremeDouble
            extends GroupAccumulator
    {
        private final int column;
        private final boolean minimum;
        private double[] best = new double[0];
        private boolean[] seen = new boolean[0];
        private double[] values;
        private boolean[] nulls;

        private ExtremeDouble(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
        }

        @Override
        void startSegment(Segment segment)
        {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void grow(int capacity)
        {
            int oldCapacity = best.length;
            best = Arrays.copyOf(best, capacity);
            seen = Arrays.copyOf(seen, capacity);
            Arrays.fill(best, oldCapacity, capacity, minimum ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double[] best = this.best;
            boolean[] seen = this.seen;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls != null && nulls[row]) {
                    continue;
                }
                int group = groups[i];
                best[group] = minimum ? Math.min(best[group], values[row]) : Math.max(best[group], values[row]);
                seen[group] = true;
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            ExtremeDouble extreme = (ExtremeDouble) other;
            if (extreme.seen[otherGroup]) {
                double value = extreme.best[otherGroup];
                best[group] = minimum ? Math.min(best[group], value) : Math.max(best[group], value);
                seen[group] = true;
            }
        }

        @Override
        boolean isNull(int group)
        {
            return !seen[group];
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Double.compare(best[left], best[right]);
        }

        @Override
        Object value(int group)
        {
            return seen[group] ? best[group] : null;
        }
    }

    private static final class ExtremeString
            extends GroupAccumulator
    {
        private final int column;
        private final boolean minimum;
        private String[] best = new String[0];
        private String[] plainStrings;
        private DictionaryVector dictionary;

        private ExtremeString(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
        }

        @Override
        void startSegment(Segment segment)
        {
            ColumnVector vector = SegmentColumns.stringColumn(segment, column);
            plainStrings = vector instanceof StringVector plain ? plain.values() : null;
            dictionary = vector instanceof DictionaryVector codes ? codes : null;
        }

        @Override
        void grow(int capacity)
        {
            best = Arrays.copyOf(best, capacity);
        }

        private void offer(int group, String value)
        {
            String current = best[group];
            if (current == null || (value != current && (minimum ? value.compareTo(current) < 0 : value.compareTo(current) > 0))) {
                best[group] = value;
            }
        }

        @Override
        void add(int[] selection, int[] groups, int count)
        {
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                String value = dictionary != null ? dictionary.value(row) : plainStrings[row];
                if (value != null) {
                    offer(groups[i], value);
                }
            }
        }

        @Override
        void merge(GroupAccumulator other, int otherGroup, int group)
        {
            String value = ((ExtremeString) other).best[otherGroup];
            if (value != null) {
                offer(group, value);
            }
        }

        @Override
        boolean isNull(int group)
        {
            return best[group] == null;
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return best[left].compareTo(best[right]);
        }

        @Override
        Object value(int group)
        {
            return best[group];
        }
    }
}
