package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
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
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a {@link ScanPredicate} into a {@link FilterNode}: NOT is pushed to the leaves (valid in three-valued logic:
 * {@code NOT (a < b)} is {@code a >= b}, unknown stays unknown), literals are converted to the column's type the way
 * MySQL compares them, and predicates that can never be true become {@link Never}.
 */
final class FilterCompiler
{
    private static final double TWO_TO_63 = 0x1p63;

    private final List<PhysicalType> columnTypes;

    private FilterCompiler(List<PhysicalType> columnTypes)
    {
        this.columnTypes = columnTypes;
    }

    static FilterNode compile(ScanPredicate predicate, List<PhysicalType> columnTypes)
    {
        return new FilterCompiler(columnTypes).normalize(predicate, false);
    }

    private FilterNode normalize(ScanPredicate predicate, boolean negate)
    {
        if (predicate instanceof ScanPredicate.Compare compare) {
            return compare(compare.column(), negate ? negate(compare.operator()) : compare.operator(), compare.value());
        }
        if (predicate instanceof ScanPredicate.InList in) {
            return in(in.column(), in.values(), in.negated() != negate);
        }
        if (predicate instanceof ScanPredicate.IsNull isNull) {
            return new NullTest(checkColumn(isNull.column()), isNull.negated() != negate);
        }
        if (predicate instanceof ScanPredicate.Like like) {
            return like(like.column(), like.pattern(), like.negated() != negate);
        }
        if (predicate instanceof ScanPredicate.Not not) {
            return normalize(not.term(), !negate);
        }
        if (predicate instanceof ScanPredicate.And and) {
            return negate ? or(normalizeAll(and.terms(), true)) : and(normalizeAll(and.terms(), false));
        }
        ScanPredicate.Or or = (ScanPredicate.Or) predicate;
        return negate ? and(normalizeAll(or.terms(), true)) : or(normalizeAll(or.terms(), false));
    }

    private List<FilterNode> normalizeAll(List<ScanPredicate> terms, boolean negate)
    {
        List<FilterNode> nodes = new ArrayList<>(terms.size());
        for (ScanPredicate term : terms) {
            nodes.add(normalize(term, negate));
        }
        return nodes;
    }

    private static FilterNode and(List<FilterNode> terms)
    {
        List<FilterNode> flat = new ArrayList<>();
        for (FilterNode term : terms) {
            if (term instanceof Never) {
                return term;
            }
            if (term instanceof And and) {
                flat.addAll(and.terms());
            }
            else {
                flat.add(term);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat);
    }

    private static FilterNode or(List<FilterNode> terms)
    {
        List<FilterNode> flat = new ArrayList<>();
        for (FilterNode term : terms) {
            if (term instanceof Never) {
                continue;
            }
            if (term instanceof Or or) {
                flat.addAll(or.terms());
            }
            else {
                flat.add(term);
            }
        }
        if (flat.isEmpty()) {
            return new Never();
        }
        return flat.size() == 1 ? flat.get(0) : new Or(flat);
    }

    private static Operator negate(Operator operator)
    {
        return switch (operator) {
            case EQUAL -> Operator.NOT_EQUAL;
            case NOT_EQUAL -> Operator.EQUAL;
            case LESS -> Operator.GREATER_OR_EQUAL;
            case LESS_OR_EQUAL -> Operator.GREATER;
            case GREATER -> Operator.LESS_OR_EQUAL;
            case GREATER_OR_EQUAL -> Operator.LESS;
        };
    }

    private int checkColumn(int column)
    {
        if (column < 0 || column >= columnTypes.size()) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Filter column " + column + " does not exist; the table has " + columnTypes.size() + " columns");
        }
        return column;
    }

    private FilterNode compare(int column, Operator operator, Object value)
    {
        PhysicalType type = columnTypes.get(checkColumn(column));
        return switch (type) {
            case LONG -> {
                if (value instanceof Long literal) {
                    yield longCompare(column, operator, literal);
                }
                if (value instanceof Double literal) {
                    yield longCompareWithDouble(column, operator, literal);
                }
                throw literalMismatch(column, type, value);
            }
            case DOUBLE -> {
                if (value instanceof Long || value instanceof Double) {
                    yield doubleCompare(column, operator, ((Number) value).doubleValue());
                }
                throw literalMismatch(column, type, value);
            }
            case STRING -> {
                if (value instanceof String literal) {
                    yield new StringCompare(column, operator, literal);
                }
                throw literalMismatch(column, type, value);
            }
        };
    }

    private static FilterNode longCompare(int column, Operator operator, long value)
    {
        return switch (operator) {
            case EQUAL -> new LongRange(column, value, value, false);
            case NOT_EQUAL -> new LongRange(column, value, value, true);
            case LESS -> value == Long.MIN_VALUE ? new Never() : new LongRange(column, Long.MIN_VALUE, value - 1, false);
            case LESS_OR_EQUAL -> new LongRange(column, Long.MIN_VALUE, value, false);
            case GREATER -> value == Long.MAX_VALUE ? new Never() : new LongRange(column, value + 1, Long.MAX_VALUE, false);
            case GREATER_OR_EQUAL -> new LongRange(column, value, Long.MAX_VALUE, false);
        };
    }

    /** An integer column against a fractional or huge literal, exactly: {@code x < 2.5} is {@code x <= 2}. */
    private static FilterNode longCompareWithDouble(int column, Operator operator, double value)
    {
        if (Double.isNaN(value)) {
            return operator == Operator.NOT_EQUAL ? new NullTest(column, true) : new Never();
        }
        if (value >= TWO_TO_63) {
            return switch (operator) {
                case LESS, LESS_OR_EQUAL, NOT_EQUAL -> new NullTest(column, true);
                case GREATER, GREATER_OR_EQUAL, EQUAL -> new Never();
            };
        }
        if (value < -TWO_TO_63) {
            return switch (operator) {
                case GREATER, GREATER_OR_EQUAL, NOT_EQUAL -> new NullTest(column, true);
                case LESS, LESS_OR_EQUAL, EQUAL -> new Never();
            };
        }
        if (value == Math.rint(value)) {
            return longCompare(column, operator, (long) value);
        }
        // A fraction within the long range: |value| < 2^52, so floor is exact.
        long floor = (long) Math.floor(value);
        return switch (operator) {
            case EQUAL -> new Never();
            case NOT_EQUAL -> new NullTest(column, true);
            case LESS, LESS_OR_EQUAL -> new LongRange(column, Long.MIN_VALUE, floor, false);
            case GREATER, GREATER_OR_EQUAL -> new LongRange(column, floor + 1, Long.MAX_VALUE, false);
        };
    }

    private static FilterNode doubleCompare(int column, Operator operator, double value)
    {
        if (Double.isNaN(value)) {
            return operator == Operator.NOT_EQUAL ? new NullTest(column, true) : new Never();
        }
        return switch (operator) {
            case EQUAL -> new DoubleRange(column, value, value, false);
            case NOT_EQUAL -> new DoubleRange(column, value, value, true);
            // Strict bounds become inclusive ones at the adjacent double.
            case LESS -> value == Double.NEGATIVE_INFINITY ? new Never() : new DoubleRange(column, Double.NEGATIVE_INFINITY, Math.nextDown(value), false);
            case LESS_OR_EQUAL -> new DoubleRange(column, Double.NEGATIVE_INFINITY, value, false);
            case GREATER -> value == Double.POSITIVE_INFINITY ? new Never() : new DoubleRange(column, Math.nextUp(value), Double.POSITIVE_INFINITY, false);
            case GREATER_OR_EQUAL -> new DoubleRange(column, value, Double.POSITIVE_INFINITY, false);
        };
    }

    private FilterNode in(int column, List<Object> values, boolean negated)
    {
        PhysicalType type = columnTypes.get(checkColumn(column));
        FilterNode node = switch (type) {
            case LONG -> longIn(column, values, negated);
            case DOUBLE -> doubleIn(column, values, negated);
            case STRING -> stringIn(column, values, negated);
        };
        if (node != null) {
            return node;
        }
        // No value can match: IN is never true, NOT IN is true for every non-NULL value.
        return negated ? new NullTest(column, true) : new Never();
    }

    private FilterNode longIn(int column, List<Object> values, boolean negated)
    {
        long[] longs = new long[values.size()];
        int count = 0;
        for (Object value : values) {
            if (value instanceof Long literal) {
                longs[count++] = literal;
            }
            else if (value instanceof Double literal) {
                // Only integral values within the long range can equal an integer.
                if (literal == Math.rint(literal) && literal >= -TWO_TO_63 && literal < TWO_TO_63) {
                    longs[count++] = (long) literal.doubleValue();
                }
            }
            else {
                throw literalMismatch(column, PhysicalType.LONG, value);
            }
        }
        long[] distinct = Arrays.stream(longs, 0, count).sorted().distinct().toArray();
        return distinct.length == 0 ? null : new LongIn(column, distinct, negated);
    }

    private FilterNode doubleIn(int column, List<Object> values, boolean negated)
    {
        double[] doubles = new double[values.size()];
        int count = 0;
        for (Object value : values) {
            if (!(value instanceof Long || value instanceof Double)) {
                throw literalMismatch(column, PhysicalType.DOUBLE, value);
            }
            double literal = ((Number) value).doubleValue();
            if (!Double.isNaN(literal)) {
                // -0.0 equals 0.0; keep one spelling so a sorted search finds it.
                doubles[count++] = literal + 0.0;
            }
        }
        double[] distinct = Arrays.stream(doubles, 0, count).sorted().distinct().toArray();
        return distinct.length == 0 ? null : new DoubleIn(column, distinct, negated);
    }

    private FilterNode stringIn(int column, List<Object> values, boolean negated)
    {
        TreeSet<String> strings = new TreeSet<>();
        for (Object value : values) {
            if (!(value instanceof String literal)) {
                throw literalMismatch(column, PhysicalType.STRING, value);
            }
            strings.add(literal);
        }
        return strings.isEmpty() ? null : new StringIn(column, new ArrayList<>(strings), negated);
    }

    private FilterNode like(int column, String pattern, boolean negated)
    {
        PhysicalType type = columnTypes.get(checkColumn(column));
        if (type != PhysicalType.STRING) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "LIKE on a " + type + " column is not supported by the storage executor");
        }
        LikePattern compiled = LikePattern.compile(pattern);
        if (compiled.matchesAnything()) {
            return negated ? new Never() : new NullTest(column, true);
        }
        return new LikeTest(column, compiled, negated);
    }

    private static SluiceException literalMismatch(int column, PhysicalType type, Object value)
    {
        String literalType = value instanceof String ? "string" : "numeric";
        return new SluiceException(ErrorCode.NOT_SUPPORTED, "Comparing " + type + " column " + column + " with the " + literalType + " literal " + value + " is not supported by the storage executor");
    }
}
