package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.exec.FilterNode.And;
import io.sluice.storage.exec.FilterNode.DoubleIn;
import io.sluice.storage.exec.FilterNode.DoubleRange;
import io.sluice.storage.exec.FilterNode.LikeTest;
import io.sluice.storage.exec.FilterNode.LongIn;
import io.sluice.storage.exec.FilterNode.LongRange;
import io.sluice.storage.exec.FilterNode.Never;
import io.sluice.storage.exec.FilterNode.NullTest;
import io.sluice.storage.exec.FilterNode.Or;
import io.sluice.storage.exec.FilterNode.StringCompare;
import io.sluice.storage.exec.FilterNode.StringIn;
import io.sluice.storage.exec.NumericFilters.CodeMaskFilter;
import io.sluice.storage.exec.NumericFilters.CodeRangeFilter;
import io.sluice.storage.exec.NumericFilters.DoubleInFilter;
import io.sluice.storage.exec.NumericFilters.DoubleRangeFilter;
import io.sluice.storage.exec.NumericFilters.LongInFilter;
import io.sluice.storage.exec.NumericFilters.LongRangeFilter;
import io.sluice.storage.exec.NumericFilters.NullTestFilter;
import io.sluice.storage.exec.StringFilters.StringCompareFilter;
import io.sluice.storage.exec.StringFilters.StringInFilter;
import io.sluice.storage.exec.StringFilters.StringLikeFilter;
import io.sluice.storage.segment.Segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a query's {@link FilterNode} to each segment. String predicates on dictionary vectors are translated once
 * per segment into a code range (the dictionary is sorted) or a mask over codes, so rows are filtered on ints.
 * Lookup sets of IN lists are built once per query; the binder is read-only afterwards and shared by scan threads.
 */
final class FilterBinder
{
    private final FilterNode root;
    private final Map<FilterNode, LongIdMap> longSets = new IdentityHashMap<>();
    private final Map<FilterNode, Set<String>> stringSets = new IdentityHashMap<>();

    FilterBinder(FilterNode root)
    {
        this.root = root;
        prepare(root);
    }

    private void prepare(FilterNode node)
    {
        if (node instanceof LongIn in) {
            longSets.put(node, LongInFilter.setOf(in.values()));
        }
        else if (node instanceof StringIn in) {
            stringSets.put(node, new HashSet<>(in.values()));
        }
        else if (node instanceof And and) {
            and.terms().forEach(this::prepare);
        }
        else if (node instanceof Or or) {
            or.terms().forEach(this::prepare);
        }
    }

    /** The filter for one segment; {@link SegmentFilter#NEVER} and {@link SegmentFilter#ALWAYS} when decided. */
    SegmentFilter bind(Segment segment)
    {
        return bind(root, segment);
    }

    private SegmentFilter bind(FilterNode node, Segment segment)
    {
        int rowCount = segment.rowCount();
        if (node instanceof LongRange range) {
            LongVector vector = SegmentColumns.longColumn(segment, range.column());
            return new LongRangeFilter(vector.values(), vector.nulls(), range.low(), range.high(), range.negated(), segment.zoneMap(range.column()), rowCount);
        }
        if (node instanceof DoubleRange range) {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, range.column());
            return new DoubleRangeFilter(vector.values(), vector.nulls(), range.low(), range.high(), range.negated(), segment.zoneMap(range.column()), rowCount);
        }
        if (node instanceof LongIn in) {
            LongVector vector = SegmentColumns.longColumn(segment, in.column());
            return new LongInFilter(vector.values(), vector.nulls(), in.values(), longSets.get(node), in.negated(), segment.zoneMap(in.column()), rowCount);
        }
        if (node instanceof DoubleIn in) {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, in.column());
            return new DoubleInFilter(vector.values(), vector.nulls(), in.values(), in.negated(), segment.zoneMap(in.column()), rowCount);
        }
        if (node instanceof StringCompare compare) {
            return bindStringCompare(compare, segment);
        }
        if (node instanceof StringIn in) {
            return bindStringIn(in, segment);
        }
        if (node instanceof LikeTest like) {
            return bindLike(like, segment);
        }
        if (node instanceof NullTest test) {
            return bindNullTest(test, segment);
        }
        if (node instanceof And and) {
            List<SegmentFilter> terms = new ArrayList<>(and.terms().size());
            for (FilterNode term : and.terms()) {
                SegmentFilter bound = bind(term, segment);
                if (bound == SegmentFilter.NEVER) {
                    return bound;
                }
                terms.add(bound);
            }
            return SegmentFilter.and(terms);
        }
        if (node instanceof Or or) {
            List<SegmentFilter> terms = new ArrayList<>(or.terms().size());
            for (FilterNode term : or.terms()) {
                SegmentFilter bound = bind(term, segment);
                if (bound == SegmentFilter.ALWAYS) {
                    return bound;
                }
                terms.add(bound);
            }
            return SegmentFilter.or(terms);
        }
        if (node instanceof Never) {
            return SegmentFilter.NEVER;
        }
        throw new IllegalStateException("unknown filter node " + node);
    }

    private static SegmentFilter bindStringCompare(StringCompare compare, Segment segment)
    {
        int column = compare.column();
        ColumnVector vector = SegmentColumns.stringColumn(segment, column);
        if (vector instanceof StringVector strings) {
            return new StringCompareFilter(strings.values(), compare.operator(), compare.value(), segment.zoneMap(column), segment.rowCount());
        }
        DictionaryVector dictionary = (DictionaryVector) vector;
        int size = dictionary.dictionarySize();
        // position: the literal's code, or where it would be inserted (the first code above it).
        int found = search(dictionary, compare.value());
        int position = found >= 0 ? found : -found - 1;
        int low;
        int high;
        boolean negated = false;
        switch (compare.operator()) {
            case EQUAL -> {
                if (found < 0) {
                    return SegmentFilter.NEVER;
                }
                low = found;
                high = found;
            }
            case NOT_EQUAL -> {
                if (found < 0) {
                    return codesNotNull(dictionary, segment, column);
                }
                low = found;
                high = found;
                negated = true;
            }
            case LESS -> {
                low = 0;
                high = position - 1;
            }
            case LESS_OR_EQUAL -> {
                low = 0;
                high = found >= 0 ? found : position - 1;
            }
            case GREATER -> {
                low = found >= 0 ? found + 1 : position;
                high = size - 1;
            }
            case GREATER_OR_EQUAL -> {
                low = position;
                high = size - 1;
            }
            default -> throw new IllegalStateException("unknown operator " + compare.operator());
        }
        if (low > high) {
            return SegmentFilter.NEVER;
        }
        if (!negated && low == 0 && high == size - 1) {
            return codesNotNull(dictionary, segment, column);
        }
        return new CodeRangeFilter(dictionary.codes(), low, high, negated, segment.zoneMap(column), segment.rowCount());
    }

    private static SegmentFilter codesNotNull(DictionaryVector dictionary, Segment segment, int column)
    {
        return new NullTestFilter(null, null, dictionary.codes(), true, segment.zoneMap(column), segment.rowCount());
    }

    /** Binary search of the sorted dictionary, with {@link java.util.Arrays#binarySearch} conventions. */
    private static int search(DictionaryVector dictionary, String value)
    {
        int low = 0;
        int high = dictionary.dictionarySize() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = dictionary.dictionaryValue(middle).compareTo(value);
            if (order < 0) {
                low = middle + 1;
            }
            else if (order > 0) {
                high = middle - 1;
            }
            else {
                return middle;
            }
        }
        return -(low + 1);
    }

    private SegmentFilter bindStringIn(StringIn in, Segment segment)
    {
        int column = in.column();
        ColumnVector vector = SegmentColumns.stringColumn(segment, column);
        if (vector instanceof StringVector strings) {
            return new StringInFilter(strings.values(), in.values(), stringSets.get(in), in.negated(), segment.zoneMap(column));
        }
        DictionaryVector dictionary = (DictionaryVector) vector;
        boolean[] listed = new boolean[dictionary.dictionarySize() + 1];
        for (String value : in.values()) {
            int code = search(dictionary, value);
            if (code >= 0) {
                listed[code + 1] = true;
            }
        }
        return codeMask(dictionary, listed, in.negated(), segment, column);
    }

    private static SegmentFilter bindLike(LikeTest like, Segment segment)
    {
        int column = like.column();
        ColumnVector vector = SegmentColumns.stringColumn(segment, column);
        if (vector instanceof StringVector strings) {
            return new StringLikeFilter(strings.values(), like.pattern(), like.negated(), segment.zoneMap(column));
        }
        DictionaryVector dictionary = (DictionaryVector) vector;
        boolean[] matching = new boolean[dictionary.dictionarySize() + 1];
        for (int code = 0; code < dictionary.dictionarySize(); code++) {
            matching[code + 1] = like.pattern().matches(dictionary.dictionaryValue(code));
        }
        return codeMask(dictionary, matching, like.negated(), segment, column);
    }

    /** A filter passing the non-NULL codes set in {@code mask} (indexed by code + 1), or those not set if negated. */
    private static SegmentFilter codeMask(DictionaryVector dictionary, boolean[] mask, boolean negated, Segment segment, int column)
    {
        if (negated) {
            for (int index = 1; index < mask.length; index++) {
                mask[index] = !mask[index];
            }
        }
        mask[0] = false;
        int set = 0;
        for (int index = 1; index < mask.length; index++) {
            set += mask[index] ? 1 : 0;
        }
        if (set == 0) {
            return SegmentFilter.NEVER;
        }
        if (set == mask.length - 1) {
            return codesNotNull(dictionary, segment, column);
        }
        return new CodeMaskFilter(dictionary.codes(), mask, segment.zoneMap(column), segment.rowCount());
    }

    private static SegmentFilter bindNullTest(NullTest test, Segment segment)
    {
        int column = test.column();
        ColumnVector vector = SegmentColumns.column(segment, column);
        boolean[] nulls = null;
        String[] strings = null;
        int[] codes = null;
        if (vector instanceof LongVector longs) {
            nulls = longs.nulls();
        }
        else if (vector instanceof DoubleVector doubles) {
            nulls = doubles.nulls();
        }
        else if (vector instanceof StringVector plain) {
            strings = plain.values();
        }
        else {
            codes = ((DictionaryVector) vector).codes();
        }
        if ((vector instanceof LongVector || vector instanceof DoubleVector) && nulls == null) {
            // No null mask: no value is NULL.
            return test.negated() ? SegmentFilter.ALWAYS : SegmentFilter.NEVER;
        }
        return new NullTestFilter(nulls, strings, codes, test.negated(), segment.zoneMap(column), segment.rowCount());
    }
}
