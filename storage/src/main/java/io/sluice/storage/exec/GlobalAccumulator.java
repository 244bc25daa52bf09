package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One aggregate of an aggregation without GROUP BY, accumulated in primitive fields. A fully selected page may be
 * answered from zone maps (MIN, MAX, COUNT) or summed in a loop without a selection vector.
 */
abstract class GlobalAccumulator
{
    abstract void startSegment(Segment segment);

    /** All rows of {@code [start, end)}, the whole of page {@code page}, are selected. */
    abstract void addRange(int page, int start, int end);

    abstract void addSelection(int[] selection, int count);

    void finishSegment() {}

    /** Adds another partial state of the same aggregate (another scan thread's). */
    abstract void merge(GlobalAccumulator other);

    abstract Object result();

    static GlobalAccumulator create(AggregateCall call, PhysicalType type, String expression, MergeParallelism mergeParallelism)
    {
        int column = call.column();
        return switch (call.kind()) {
            case COUNT -> {
                if (column < 0) {
                    yield new CountRows();
                }
                yield call.distinct() ? new CountDistinct(column, type, mergeParallelism) : new CountValues(column);
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

    static final class CountRows
            extends GlobalAccumulator
    {
        private long count;

        @Override
        void startSegment(Segment segment) {}

        @Override
        void addRange(int page, int start, int end)
        {
            count += end - start;
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            this.count += count;
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            count += ((CountRows) other).count;
        }

        @Override
        Object result()
        {
            return count;
        }
    }

    static final class CountValues
            extends GlobalAccumulator
    {
        private final int column;
        private long count;
        private Segment segment;
        private ColumnNulls nulls;

        CountValues(int column)
        {
            this.column = column;
        }

        @Override
        void startSegment(Segment segment)
        {
            this.segment = segment;
            this.nulls = ColumnNulls.of(SegmentColumns.column(segment, column));
        }

        @Override
        void addRange(int page, int start, int end)
        {
            count += end - start;
            if (!nulls.hasNoNulls()) {
                count -= segment.zoneMap(column).nullCount(page);
            }
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            this.count += nulls.countNonNull(selection, count);
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            count += ((CountValues) other).count;
        }

        @Override
        Object result()
        {
            return count;
        }
    }

    /**
     * COUNT(DISTINCT): a primitive set for numbers (doubles by canonical bits) and a hash set for plain strings; a
     * dictionary segment only marks the codes it selects, and the result merges the segments' sorted dictionaries
     * (no hashing) and looks the merged values up in the hash set of the plain segments' strings.
     */
    static final class CountDistinct
            extends GlobalAccumulator
    {
        private final int column;
        private final PhysicalType type;
        private final MergeParallelism mergeParallelism;
        private final LongIdMap numbers;
        private StringIdMap strings;
        private long[] longValues;
        private double[] doubleValues;
        private boolean[] nulls;
        private String[] plainStrings;
        private int[] codes;
        // Per dictionary segment, whether each code was selected (at code + 1; 0 is NULL), in first-seen order.
        private final List<DictionaryVector> dictionaries = new ArrayList<>();
        private final Map<DictionaryVector, boolean[]> selectedCodes = new IdentityHashMap<>();
        private boolean[] selected;
        // Plain strings: the non-NULL rows of a page and their (unused) ids, for the batched set insert.
        private final int[] rows = new int[ColumnZoneMap.PAGE_ROWS];
        private final int[] ids = new int[ColumnZoneMap.PAGE_ROWS];

        CountDistinct(int column, PhysicalType type, MergeParallelism mergeParallelism)
        {
            this.column = column;
            this.type = type;
            this.mergeParallelism = mergeParallelism;
            this.numbers = type == PhysicalType.STRING ? null : new LongIdMap();
            this.strings = type == PhysicalType.STRING ? new StringIdMap() : null;
        }

        @Override
        void startSegment(Segment segment)
        {
            ColumnVector vector = SegmentColumns.typedColumn(segment, column, type);
            longValues = null;
            doubleValues = null;
            nulls = null;
            plainStrings = null;
            codes = null;
            selected = null;
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
                DictionaryVector dictionary = (DictionaryVector) vector;
                codes = dictionary.codes();
                selected = selectedCodes(dictionary);
            }
        }

        private boolean[] selectedCodes(DictionaryVector dictionary)
        {
            boolean[] codesSelected = selectedCodes.get(dictionary);
            if (codesSelected == null) {
                codesSelected = new boolean[dictionary.dictionarySize() + 1];
                dictionaries.add(dictionary);
                selectedCodes.put(dictionary, codesSelected);
            }
            return codesSelected;
        }

        @Override
        void addRange(int page, int start, int end)
        {
            if (selected != null) {
                boolean[] selected = this.selected;
                int[] codes = this.codes;
                for (int row = start; row < end; row++) {
                    selected[codes[row] + 1] = true;
                }
                return;
            }
            if (plainStrings != null) {
                int count = 0;
                for (int row = start; row < end; row++) {
                    rows[count] = row;
                    count += plainStrings[row] == null ? 0 : 1;
                }
                strings.idsOf(plainStrings, rows, count, ids);
                return;
            }
            for (int row = start; row < end; row++) {
                addNumber(row);
            }
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            if (selected != null) {
                boolean[] selected = this.selected;
                int[] codes = this.codes;
                for (int i = 0; i < count; i++) {
                    selected[codes[selection[i]] + 1] = true;
                }
                return;
            }
            if (plainStrings != null) {
                int nonNull = 0;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    rows[nonNull] = row;
                    nonNull += plainStrings[row] == null ? 0 : 1;
                }
                strings.idsOf(plainStrings, rows, nonNull, ids);
                return;
            }
            for (int i = 0; i < count; i++) {
                addNumber(selection[i]);
            }
        }

        private void addNumber(int row)
        {
            if (nulls == null || !nulls[row]) {
                numbers.idOf(longValues != null ? longValues[row] : GroupKeyColumn.canonicalBits(doubleValues[row]));
            }
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            CountDistinct distinct = (CountDistinct) other;
            if (numbers != null) {
                for (int id = 0; id < distinct.numbers.size(); id++) {
                    numbers.idOf(distinct.numbers.key(id));
                }
                return;
            }
            if (strings.size() == 0) {
                // Often only one scan thread met plain segments: take its set as it is.
                strings = distinct.strings;
            }
            else if (distinct.strings.size() > 0) {
                strings.addAll(distinct.strings);
            }
            for (DictionaryVector dictionary : distinct.dictionaries) {
                boolean[] otherSelected = distinct.selectedCodes.get(dictionary);
                boolean[] codesSelected = selectedCodes(dictionary);
                for (int index = 0; index < codesSelected.length; index++) {
                    codesSelected[index] |= otherSelected[index];
                }
            }
        }

        @Override
        Object result()
        {
            if (numbers != null) {
                return (long) numbers.size();
            }
            List<boolean[]> selections = new ArrayList<>(dictionaries.size());
            for (DictionaryVector dictionary : dictionaries) {
                selections.add(selectedCodes.get(dictionary));
            }
            SortedDictionaryMerge merged = SortedDictionaryMerge.merge(dictionaries, selections, mergeParallelism);
            long count = merged.keyCount() + strings.size();
            if (merged.keyCount() > 0 && strings.size() > 0) {
                // Values both in a dictionary and among the plain strings count once.
                int[] found = strings.findAll(merged.keys(), merged.keyCount(), mergeParallelism);
                for (int id : found) {
                    count -= id >= 0 ? 1 : 0;
                }
            }
            return count;
        }
    }

    /** SUM and AVG of longs, exact in 128 bits; pages whose zone map bounds the values are summed without carry checks. */
    static final class SumLongs
            extends GlobalAccumulator
    {
        private final int column;
        private final boolean average;
        private final String expression;
        private long high;
        private long low;
        private long count;
        private Segment segment;
        private long[] values;
        private boolean[] nulls;

        SumLongs(int column, boolean average, String expression)
        {
            this.column = column;
            this.average = average;
            this.expression = expression;
        }

        @Override
        void startSegment(Segment segment)
        {
            LongVector vector = SegmentColumns.longColumn(segment, column);
            this.segment = segment;
            this.values = vector.values();
            this.nulls = vector.nulls();
        }

        private boolean isSafe(int page)
        {
            ColumnZoneMap zoneMap = segment.zoneMap(column);
            return LongSums.isSafePage(zoneMap.longMinimum(page), zoneMap.longMaximum(page));
        }

        private void addExact(long value)
        {
            long sum = low + value;
            high += LongSums.carry(low, value, sum);
            low = sum;
        }

        @Override
        void addRange(int page, int start, int end)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            if (isSafe(page)) {
                long sum = 0;
                int nonNull = end - start;
                if (nulls == null) {
                    for (int row = start; row < end; row++) {
                        sum += values[row];
                    }
                }
                else {
                    for (int row = start; row < end; row++) {
                        boolean isNull = nulls[row];
                        sum += isNull ? 0 : values[row];
                        nonNull -= isNull ? 1 : 0;
                    }
                }
                addExact(sum);
                count += nonNull;
                return;
            }
            for (int row = start; row < end; row++) {
                if (nulls == null || !nulls[row]) {
                    addExact(values[row]);
                    count++;
                }
            }
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            if (count > 0 && isSafe(selection[0] / ColumnZoneMap.PAGE_ROWS)) {
                long sum = 0;
                int nonNull = count;
                if (nulls == null) {
                    for (int i = 0; i < count; i++) {
                        sum += values[selection[i]];
                    }
                }
                else {
                    for (int i = 0; i < count; i++) {
                        int row = selection[i];
                        boolean isNull = nulls[row];
                        sum += isNull ? 0 : values[row];
                        nonNull -= isNull ? 1 : 0;
                    }
                }
                addExact(sum);
                this.count += nonNull;
                return;
            }
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls == null || !nulls[row]) {
                    addExact(values[row]);
                    this.count++;
                }
            }
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            SumLongs sum = (SumLongs) other;
            addExact(sum.low);
            high += sum.high;
            count += sum.count;
        }

        @Override
        Object result()
        {
            if (count == 0) {
                return null;
            }
            if (average) {
                return LongSums.average(high, low, count);
            }
            return LongSums.toLong(high, low, expression);
        }
    }

    static final class SumDoubles
            extends GlobalAccumulator
    {
        private final int column;
        private final boolean average;
        private final String expression;
        private double sum;
        private long count;
        private double[] values;
        private boolean[] nulls;

        SumDoubles(int column, boolean average, String expression)
        {
            this.column = column;
            this.average = average;
            this.expression = expression;
        }

        @Override
        void startSegment(Segment segment)
        {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, column);
            this.values = vector.values();
            this.nulls = vector.nulls();
        }

        @Override
        void addRange(int page, int start, int end)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double sum = this.sum;
            if (nulls == null) {
                for (int row = start; row < end; row++) {
                    sum += values[row];
                }
                count += end - start;
            }
            else {
                long nonNull = 0;
                for (int row = start; row < end; row++) {
                    if (!nulls[row]) {
                        sum += values[row];
                        nonNull++;
                    }
                }
                count += nonNull;
            }
            this.sum = sum;
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            double sum = this.sum;
            if (nulls == null) {
                for (int i = 0; i < count; i++) {
                    sum += values[selection[i]];
                }
                this.count += count;
            }
            else {
                long nonNull = 0;
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    if (!nulls[row]) {
                        sum += values[row];
                        nonNull++;
                    }
                }
                this.count += nonNull;
            }
            this.sum = sum;
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            SumDoubles doubles = (SumDoubles) other;
            sum += doubles.sum;
            count += doubles.count;
        }

        @Override
        Object result()
        {
            if (count == 0) {
                return null;
            }
            if (average) {
                return sum / count;
            }
            return DoubleSums.checkedSum(sum, expression);
        }
    }

    /** MIN or MAX of longs; a fully selected page is answered from its zone map. */
    static final class ExtremeLong
            extends GlobalAccumulator
    {
        private final int column;
        private final boolean minimum;
        private boolean seen;
        private long best;
        private Segment segment;
        private long[] values;
        private boolean[] nulls;

        ExtremeLong(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
            this.best = minimum ? Long.MAX_VALUE : Long.MIN_VALUE;
        }

        @Override
        void startSegment(Segment segment)
        {
            LongVector vector = SegmentColumns.longColumn(segment, column);
            this.segment = segment;
            this.values = vector.values();
            this.nulls = vector.nulls();
        }

        @Override
        void addRange(int page, int start, int end)
        {
            ColumnZoneMap zoneMap = segment.zoneMap(column);
            if (zoneMap.nullCount(page) == end - start) {
                return;
            }
            best = minimum ? Math.min(best, zoneMap.longMinimum(page)) : Math.max(best, zoneMap.longMaximum(page));
            seen = true;
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            long best = this.best;
            boolean seen = this.seen;
            if (nulls == null) {
                if (minimum) {
                    for (int i = 0; i < count; i++) {
                        best = Math.min(best, values[selection[i]]);
                    }
                }
                else {
                    for (int i = 0; i < count; i++) {
                        best = Math.max(best, values[selection[i]]);
                    }
                }
                seen = true;
            }
            else {
                for (int i = 0; i < count; i++) {
                    int row = selection[i];
                    if (!nulls[row]) {
                        best = minimum ? Math.min(best, values[row]) : Math.max(best, values[row]);
                        seen = true;
                    }
                }
            }
            this.best = best;
            this.seen = seen;
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            ExtremeLong extreme = (ExtremeLong) other;
            if (extreme.seen) {
                best = minimum ? Math.min(best, extreme.best) : Math.max(best, extreme.best);
                seen = true;
            }
        }

        @Override
        Object result()
        {
            return seen ? best : null;
        }
    }

    /** MIN or MAX of doubles (Math.min/max semantics); zone maps answer pages with finite bounds. */
    static final class ExtremeDouble
            extends GlobalAccumulator
    {
        private final int column;
        private final boolean minimum;
        private boolean seen;
        private double best;
        private Segment segment;
        private double[] values;
        private boolean[] nulls;

        ExtremeDouble(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
            this.best = minimum ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        @Override
        void startSegment(Segment segment)
        {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, column);
            this.segment = segment;
            this.values = vector.values();
            this.nulls = vector.nulls();
        }

        @Override
        void addRange(int page, int start, int end)
        {
            ColumnZoneMap zoneMap = segment.zoneMap(column);
            if (zoneMap.nullCount(page) == end - start) {
                return;
            }
            double pageMinimum = zoneMap.doubleMinimum(page);
            double pageMaximum = zoneMap.doubleMaximum(page);
            // Infinite bounds may stand for a NaN: read the rows then.
            if (Double.isInfinite(pageMinimum) || Double.isInfinite(pageMaximum)) {
                for (int row = start; row < end; row++) {
                    add(row);
                }
                return;
            }
            best = minimum ? Math.min(best, pageMinimum) : Math.max(best, pageMaximum);
            seen = true;
        }

        private void add(int row)
        {
            if (nulls == null || !nulls[row]) {
                best = minimum ? Math.min(best, values[row]) : Math.max(best, values[row]);
                seen = true;
            }
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            for (int i = 0; i < count; i++) {
                add(selection[i]);
            }
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            ExtremeDouble extreme = (ExtremeDouble) other;
            if (extreme.seen) {
                best = minimum ? Math.min(best, extreme.best) : Math.max(best, extreme.best);
                seen = true;
            }
        }

        @Override
        Object result()
        {
            return seen ? best : null;
        }
    }

    /** MIN or MAX of strings; on a dictionary the extreme code of a segment is tracked and looked up once. */
    static final class ExtremeString
            extends GlobalAccumulator
    {
        private final int column;
        private final boolean minimum;
        private String best;
        private Segment segment;
        private String[] plainStrings;
        private DictionaryVector dictionary;
        private int bestCode;

        ExtremeString(int column, boolean minimum)
        {
            this.column = column;
            this.minimum = minimum;
        }

        @Override
        void startSegment(Segment segment)
        {
            ColumnVector vector = SegmentColumns.stringColumn(segment, column);
            this.segment = segment;
            this.plainStrings = null;
            this.dictionary = null;
            if (vector instanceof StringVector plain) {
                plainStrings = plain.values();
            }
            else {
                dictionary = (DictionaryVector) vector;
                bestCode = minimum ? Integer.MAX_VALUE : DictionaryVector.NULL_CODE;
            }
        }

        private void offer(String value)
        {
            if (value != null && (best == null || (minimum ? value.compareTo(best) < 0 : value.compareTo(best) > 0))) {
                best = value;
            }
        }

        @Override
        void addRange(int page, int start, int end)
        {
            ColumnZoneMap zoneMap = segment.zoneMap(column);
            if (zoneMap.nullCount(page) == end - start) {
                return;
            }
            if (dictionary != null) {
                bestCode = (int) (minimum ? Math.min(bestCode, zoneMap.longMinimum(page)) : Math.max(bestCode, zoneMap.longMaximum(page)));
            }
            else {
                offer(minimum ? zoneMap.stringMinimum(page) : zoneMap.stringMaximum(page));
            }
        }

        @Override
        void addSelection(int[] selection, int count)
        {
            if (dictionary != null) {
                int[] codes = dictionary.codes();
                int bestCode = this.bestCode;
                for (int i = 0; i < count; i++) {
                    int code = codes[selection[i]];
                    if (code >= 0) {
                        bestCode = minimum ? Math.min(bestCode, code) : Math.max(bestCode, code);
                    }
                }
                this.bestCode = bestCode;
                return;
            }
            String[] strings = plainStrings;
            for (int i = 0; i < count; i++) {
                offer(strings[selection[i]]);
            }
        }

        @Override
        void finishSegment()
        {
            if (dictionary != null && bestCode >= 0 && bestCode != Integer.MAX_VALUE) {
                offer(dictionary.dictionaryValue(bestCode));
            }
        }

        @Override
        void merge(GlobalAccumulator other)
        {
            offer(((ExtremeString) other).best);
        }

        @Override
        Object result()
        {
            return best;
        }
    }
}
