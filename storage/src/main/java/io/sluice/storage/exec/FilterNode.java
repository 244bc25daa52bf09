package io.sluice.storage.exec;

import io.sluice.storage.exec.ScanPredicate.Operator;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A {@link ScanPredicate} normalized for execution: NOT pushed down to the leaves, literals converted to the column's
 * physical type, numeric comparisons turned into inclusive ranges. Every node is true, false or unknown per row (SQL
 * three-valued logic) and a row passes only when true. Built once per query, then bound to each segment.
 */
sealed interface FilterNode
        permits FilterNode.LongRange, FilterNode.DoubleRange, FilterNode.StringCompare, FilterNode.LongIn, FilterNode.DoubleIn,
        FilterNode.StringIn, FilterNode.NullTest, FilterNode.LikeTest, FilterNode.And, FilterNode.Or, FilterNode.Never
{
    /** LONG column: {@code low <= value <= high}, or its negation when negated; unknown for NULL. */
    record LongRange(int column, long low, long high, boolean negated)
            implements FilterNode
    {
        public LongRange
        {
            if (low > high) {
                throw new IllegalArgumentException("empty range");
            }
        }
    }

    /** DOUBLE column: {@code low <= value <= high}, or its negation when negated; unknown for NULL. */
    record DoubleRange(int column, double low, double high, boolean negated)
            implements FilterNode {}

    /** STRING column compared with a literal by {@link String#compareTo}. */
    record StringCompare(int column, Operator operator, String value)
            implements FilterNode
    {
        public StringCompare
        {
            requireNonNull(operator, "operator is null");
            requireNonNull(value, "value is null");
        }
    }

    /** LONG column {@code [NOT] IN}: values sorted and distinct, never empty. */
    record LongIn(int column, long[] values, boolean negated)
            implements FilterNode {}

    /** DOUBLE column {@code [NOT] IN}: values sorted, distinct, without NaN and -0.0, never empty. */
    record DoubleIn(int column, double[] values, boolean negated)
            implements FilterNode {}

    /** STRING column {@code [NOT] IN}: values sorted and distinct, never empty. */
    record StringIn(int column, List<String> values, boolean negated)
            implements FilterNode
    {
        public StringIn
        {
            values = List.copyOf(values);
        }
    }

    /** {@code IS NULL}, or {@code IS NOT NULL} when negated; never unknown. */
    record NullTest(int column, boolean negated)
            implements FilterNode {}

    record LikeTest(int column, LikePattern pattern, boolean negated)
            implements FilterNode
    {
        public LikeTest
        {
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** At least two terms, none an And. */
    record And(List<FilterNode> terms)
            implements FilterNode
    {
        public And
        {
            terms = List.copyOf(terms);
        }
    }

    /** At least two terms, none an Or. */
    record Or(List<FilterNode> terms)
            implements FilterNode
    {
        public Or
        {
            terms = List.copyOf(terms);
        }
    }

    /** Never true (false or unknown for every row): what {@code x = 1.5} is for a LONG column. */
    record Never()
            implements FilterNode {}
}
