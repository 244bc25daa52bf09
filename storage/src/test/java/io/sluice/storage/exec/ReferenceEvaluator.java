package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately naive row-at-a-time evaluator of {@link ScanRequest}s: boxed values, three-valued logic with
 * {@code Boolean} (null is unknown), LIKE through a regular expression, exact sums with BigInteger. The executor
 * must agree with it.
 */
final class ReferenceEvaluator
{
    private final List<PhysicalType> types;
    private final Map<String, Pattern> likePatterns = new HashMap<>();

    ReferenceEvaluator(List<PhysicalType> types)
    {
        this.types = types;
    }

    /** The live rows of the slices, boxed, in scan order. */
    static List<Object[]> liveRows(List<SegmentSlice> slices)
    {
        List<Object[]> rows = new ArrayList<>();
        for (SegmentSlice slice : slices) {
            Segment segment = slice.segment();
            for (int row = 0; row < segment.rowCount(); row++) {
                if (slice.isDeleted(row)) {
                    continue;
                }
                Object[] values = new Object[segment.columns().size()];
                for (int column = 0; column < values.length; column++) {
                    values[column] = segment.column(column).objectValue(row);
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /**
     * Every output row over the given {@link #liveRows}, sorted by ORDER BY (ties in scan order) but without OFFSET
     * and LIMIT.
     */
    List<Object[]> evaluateAll(List<Object[]> liveRows, ScanRequest request)
    {
        List<Object[]> input = new ArrayList<>();
        for (Object[] values : liveRows) {
            if (request.filter().isEmpty() || Boolean.TRUE.equals(test(request.filter().get(), values))) {
                input.add(values);
            }
        }
        List<Object[]> output;
        if (request.isAggregation()) {
            output = aggregate(input, request);
        }
        else {
            output = new ArrayList<>();
            for (Object[] row : input) {
                Object[] projected = new Object[request.projection().size()];
                for (int i = 0; i < projected.length; i++) {
                    projected[i] = row[request.projection().get(i)];
                }
                output.add(projected);
            }
        }
        output.sort(comparator(request.orderBy()));
        return output;
    }

    static Comparator<Object[]> comparator(List<SortKey> keys)
    {
        return (left, right) -> {
            for (SortKey key : keys) {
                Object leftValue = left[key.field()];
                Object rightValue = right[key.field()];
                if (leftValue == null || rightValue == null) {
                    if (leftValue == null && rightValue == null) {
                        continue;
                    }
                    boolean leftFirst = (leftValue == null) == key.nullsFirst();
                    return leftFirst ? -1 : 1;
                }
                int order = compareValues(leftValue, rightValue);
                if (order != 0) {
                    return key.descending() ? -order : order;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings("unchecked")
    static int compareValues(Object left, Object right)
    {
        if (left.getClass() != right.getClass()) {
            // Only when the executor returns a wrong type: order by type so the mismatch is reported, not thrown.
            return left.getClass().getName().compareTo(right.getClass().getName());
        }
        if (left instanceof Double leftDouble) {
            return Double.compare(leftDouble, (Double) right);
        }
        return ((Comparable<Object>) left).compareTo(right);
    }

    // ---- filters, three-valued ----

    private Boolean test(ScanPredicate predicate, Object[] row)
    {
        if (predicate instanceof ScanPredicate.Compare compare) {
            Object value = row[compare.column()];
            if (value == null) {
                return null;
            }
            int order = compareForFilter(value, compare.value());
            if (order == Integer.MIN_VALUE) {
                return false;
            }
            return switch (compare.operator()) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }
        if (predicate instanceof ScanPredicate.InList in) {
            Object value = row[in.column()];
            if (value == null) {
                return null;
            }
            boolean found = false;
            for (Object listed : in.values()) {
                found |= compareForFilter(value, listed) == 0;
            }
            return found != in.negated();
        }
        if (predicate instanceof ScanPredicate.IsNull isNull) {
            return (row[isNull.column()] == null) != isNull.negated();
        }
        if (predicate instanceof ScanPredicate.Like like) {
            Object value = row[like.column()];
            if (value == null) {
                return null;
            }
            return likePatterns.computeIfAbsent(like.pattern(), ReferenceEvaluator::likeRegex).matcher((String) value).matches() != like.negated();
        }
        if (predicate instanceof ScanPredicate.Not not) {
            Boolean inner = test(not.term(), row);
            return inner == null ? null : !inner;
        }
        if (predicate instanceof ScanPredicate.And and) {
            Boolean result = true;
            for (ScanPredicate term : and.terms()) {
                Boolean value = test(term, row);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        ScanPredicate.Or or = (ScanPredicate.Or) predicate;
        Boolean result = false;
        for (ScanPredicate term : or.terms()) {
            Boolean value = test(term, row);
            if (Boolean.TRUE.equals(value)) {
                return true;
            }
            if (value == null) {
                result = null;
            }
        }
        return result;
    }

    /** Exact comparison of a column value with a literal; MIN_VALUE when incomparable (a NaN). */
    private static int compareForFilter(Object value, Object literal)
    {
        if (value instanceof String string) {
            return string.compareTo((String) literal);
        }
        if (value instanceof Long longValue && literal instanceof Long longLiteral) {
            return Long.compare(longValue, longLiteral);
        }
        double left = ((Number) value).doubleValue();
        double right = ((Number) literal).doubleValue();
        if (Double.isNaN(left) || Double.isNaN(right)) {
            return Integer.MIN_VALUE;
        }
        if (value instanceof Long longValue) {
            return new BigDecimal(longValue).compareTo(new BigDecimal(right));
        }
        // A double column against a long literal compares as doubles, like MySQL.
        return left < right ? -1 : (left == right ? 0 : 1);
    }

    static Pattern likeRegex(String pattern)
    {
        StringBuilder regex = new StringBuilder();
        int[] codePoints = pattern.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int codePoint = codePoints[i];
            if (codePoint == '\\' && i + 1 < codePoints.length) {
                i++;
                regex.append(Pattern.quote(Character.toString(codePoints[i])));
            }
            else if (codePoint == '%') {
                regex.append(".*");
            }
            else if (codePoint == '_') {
                regex.append(".");
            }
            else {
                regex.append(Pattern.quote(Character.toString(codePoint)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    // ---- aggregation ----

    private List<Object[]> aggregate(List<Object[]> input, ScanRequest request)
    {
        Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] row : input) {
            List<Object> key = new ArrayList<>();
            for (int column : request.groupBy()) {
                key.add(canonical(row[column]));
            }
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(row);
        }
        if (request.groupBy().isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<Object[]> output = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object[]>> group : groups.entrySet()) {
            Object[] row = new Object[request.groupBy().size() + request.aggregates().size()];
            for (int i = 0; i < request.groupBy().size(); i++) {
                row[i] = group.getKey().get(i);
            }
            for (int i = 0; i < request.aggregates().size(); i++) {
                row[request.groupBy().size() + i] = aggregate(request.aggregates().get(i), group.getValue());
            }
            output.add(row);
        }
        return output;
    }

    private static Object canonical(Object value)
    {
        if (value instanceof Double number && number == 0.0) {
            return 0.0;
        }
        return value;
    }

    private Object aggregate(AggregateCall call, List<Object[]> rows)
    {
        int column = call.column();
        if (column < 0) {
            return (long) rows.size();
        }
        List<Object> values = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[column] != null) {
                values.add(row[column]);
            }
        }
        PhysicalType type = types.get(column);
        switch (call.kind()) {
            case COUNT -> {
                if (!call.distinct()) {
                    return (long) values.size();
                }
                Set<Object> distinct = new HashSet<>();
                for (Object value : values) {
                    distinct.add(canonical(value));
                }
                return (long) distinct.size();
            }
            case SUM, AVG -> {
                if (values.isEmpty()) {
                    return null;
                }
                if (type == PhysicalType.LONG) {
                    BigInteger sum = BigInteger.ZERO;
                    for (Object value : values) {
                        sum = sum.add(BigInteger.valueOf((Long) value));
                    }
                    if (call.kind() == AggregateCall.Kind.AVG) {
                        return sum.doubleValue() / values.size();
                    }
                    if (sum.bitLength() > 63) {
                        throw new SluiceException(ErrorCode.DATA_OUT_OF_RANGE, "BIGINT value is out of range");
                    }
                    return sum.longValue();
                }
                double sum = 0;
                for (Object value : values) {
                    sum += (Double) value;
                }
                return call.kind() == AggregateCall.Kind.AVG ? sum / values.size() : sum;
            }
            default -> {
                if (values.isEmpty()) {
                    return null;
                }
                Object best = values.get(0);
                for (Object value : values) {
                    int order = compareValues(value, best);
                    if (call.kind() == AggregateCall.Kind.MIN ? order < 0 : order > 0) {
                        best = value;
                    }
                }
                return best;
            }
        }
    }
}
