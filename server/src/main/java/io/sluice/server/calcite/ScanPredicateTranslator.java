package io.sluice.server.calcite;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.exec.ScanPredicate;
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Translates a Calcite condition over a scan's output fields into an executor predicate over table columns, when
 * every part of it has an exact executor equivalent (SQL three-valued logic included); otherwise gives nothing.
 */
final class ScanPredicateTranslator
{
    private final List<ColumnSchema> columns;
    private final ScanSpec spec;

    ScanPredicateTranslator(List<ColumnSchema> columns, ScanSpec spec)
    {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.spec = requireNonNull(spec, "spec is null");
        if (spec.isAggregation()) {
            throw new IllegalArgumentException("a filter over an aggregation is not a scan predicate");
        }
    }

    Optional<ScanPredicate> translate(RexNode node)
    {
        if (node instanceof RexInputRef) {
            // a BOOLEAN column used as a condition: true when 1
            OptionalInt column = column(node);
            if (column.isPresent() && columns.get(column.getAsInt()).type() == ColumnType.BOOLEAN) {
                return Optional.of(new ScanPredicate.Compare(column.getAsInt(), Operator.EQUAL, 1L));
            }
            return Optional.empty();
        }
        if (!(node instanceof RexCall call)) {
            return Optional.empty();
        }
        return switch (call.getKind()) {
            case AND -> all(call.getOperands(), true);
            case OR -> all(call.getOperands(), false);
            case NOT -> translate(call.getOperands().get(0)).map(ScanPredicateTranslator::not);
            case EQUALS -> comparison(call, Operator.EQUAL);
            case NOT_EQUALS -> comparison(call, Operator.NOT_EQUAL);
            case LESS_THAN -> comparison(call, Operator.LESS);
            case LESS_THAN_OR_EQUAL -> comparison(call, Operator.LESS_OR_EQUAL);
            case GREATER_THAN -> comparison(call, Operator.GREATER);
            case GREATER_THAN_OR_EQUAL -> comparison(call, Operator.GREATER_OR_EQUAL);
            case IS_NULL -> isNull(call, false);
            case IS_NOT_NULL -> isNull(call, true);
            case LIKE -> like(call);
            case SEARCH -> search(call);
            default -> Optional.empty();
        };
    }

    /** NOT of a simple predicate is its negated form: equal under three-valued logic (NULL stays unknown). */
    private static ScanPredicate not(ScanPredicate predicate)
    {
        if (predicate instanceof ScanPredicate.Like like) {
            return new ScanPredicate.Like(like.column(), like.pattern(), !like.negated());
        }
        if (predicate instanceof ScanPredicate.InList in) {
            return new ScanPredicate.InList(in.column(), in.values(), !in.negated());
        }
        if (predicate instanceof ScanPredicate.IsNull isNull) {
            return new ScanPredicate.IsNull(isNull.column(), !isNull.negated());
        }
        if (predicate instanceof ScanPredicate.Not not) {
            return not.term();
        }
        return new ScanPredicate.Not(predicate);
    }

    private Optional<ScanPredicate> all(List<RexNode> operands, boolean conjunction)
    {
        List<ScanPredicate> terms = new ArrayList<>(operands.size());
        for (RexNode operand : operands) {
            Optional<ScanPredicate> term = translate(operand);
            if (term.isEmpty()) {
                return Optional.empty();
            }
            terms.add(term.get());
        }
        if (terms.size() == 1) {
            return Optional.of(terms.get(0));
        }
        return Optional.of(conjunction ? new ScanPredicate.And(terms) : new ScanPredicate.Or(terms));
    }

    private Optional<ScanPredicate> comparison(RexCall call, Operator operator)
    {
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (left instanceof RexLiteral) {
            // 10 < quantity is quantity > 10
            return comparison(right, flip(operator), left);
        }
        return comparison(left, operator, right);
    }

    private Optional<ScanPredicate> comparison(RexNode columnNode, Operator operator, RexNode literalNode)
    {
        OptionalInt column = column(columnNode);
        Optional<Object> value = literalValue(literalNode);
        if (column.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return CalciteValues.comparison(column.getAsInt(), columns.get(column.getAsInt()), operator, value.get());
    }

    private static Operator flip(Operator operator)
    {
        return switch (operator) {
            case EQUAL, NOT_EQUAL -> operator;
            case LESS -> Operator.GREATER;
            case LESS_OR_EQUAL -> Operator.GREATER_OR_EQUAL;
            case GREATER -> Operator.LESS;
            case GREATER_OR_EQUAL -> Operator.LESS_OR_EQUAL;
        };
    }

    private Optional<ScanPredicate> isNull(RexCall call, boolean negated)
    {
        OptionalInt column = column(call.getOperands().get(0));
        if (column.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScanPredicate.IsNull(column.getAsInt(), negated));
    }

    private Optional<ScanPredicate> like(RexCall call)
    {
        if (!(call.getOperator() instanceof SqlLikeOperator operator) || !operator.isCaseSensitive()) {
            return Optional.empty();
        }
        OptionalInt column = column(call.getOperands().get(0));
        if (column.isEmpty() || !CalciteValues.isText(columns.get(column.getAsInt()).type())) {
            return Optional.empty();
        }
        Optional<String> pattern = stringLiteral(call.getOperands().get(1));
        Optional<Character> escape = Optional.empty();
        if (call.getOperands().size() == 3) {
            Optional<String> escapeText = stringLiteral(call.getOperands().get(2));
            if (escapeText.isEmpty() || escapeText.get().length() != 1) {
                return Optional.empty();
            }
            escape = Optional.of(escapeText.get().charAt(0));
        }
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        return CalciteValues.mysqlLikePattern(pattern.get(), escape)
                .map(mysqlPattern -> new ScanPredicate.Like(column.getAsInt(), mysqlPattern, operator.isNegated()));
    }

    /** SEARCH(column, Sarg): IN lists, NOT IN lists, BETWEEN and unions of ranges, with their NULL handling. */
    private Optional<ScanPredicate> search(RexCall call)
    {
        OptionalInt columnIndex = column(call.getOperands().get(0));
        if (columnIndex.isEmpty() || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
            return Optional.empty();
        }
        Sarg<?> sarg = literal.getValueAs(Sarg.class);
        if (sarg == null) {
            return Optional.empty();
        }
        int column = columnIndex.getAsInt();
        ColumnSchema schema = columns.get(column);
        Optional<ScanPredicate> values;
        if (sarg.isPoints()) {
            values = CalciteValues.inList(column, schema, endpoints(sarg.rangeSet.asRanges()), false);
        }
        else if (sarg.isComplementedPoints()) {
            values = CalciteValues.inList(column, schema, endpoints(sarg.rangeSet.complement().asRanges()), true);
        }
        else {
            values = ranges(column, schema, sarg);
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (sarg.nullAs) {
            case UNKNOWN -> values.get();
            case TRUE -> new ScanPredicate.Or(List.of(new ScanPredicate.IsNull(column, false), values.get()));
            // a NULL must make the whole term false, not unknown (it matters under NOT)
            case FALSE -> new ScanPredicate.And(List.of(new ScanPredicate.IsNull(column, true), values.get()));
        });
    }

    private static <C extends Comparable<C>> List<Object> endpoints(Iterable<Range<C>> points)
    {
        List<Object> values = new ArrayList<>();
        for (Range<C> point : points) {
            values.add(point.lowerEndpoint());
        }
        return values;
    }

    private static <C extends Comparable<C>> Optional<ScanPredicate> ranges(int column, ColumnSchema schema, Sarg<C> sarg)
    {
        List<ScanPredicate> alternatives = new ArrayList<>();
        for (Range<C> range : sarg.rangeSet.asRanges()) {
            List<ScanPredicate> bounds = new ArrayList<>(2);
            if (range.hasLowerBound()) {
                Operator operator = range.lowerBoundType() == BoundType.CLOSED ? Operator.GREATER_OR_EQUAL : Operator.GREATER;
                Optional<ScanPredicate> bound = CalciteValues.comparison(column, schema, operator, range.lowerEndpoint());
                if (bound.isEmpty()) {
                    return Optional.empty();
                }
                bounds.add(bound.get());
            }
            if (range.hasUpperBound()) {
                Operator operator = range.upperBoundType() == BoundType.CLOSED ? Operator.LESS_OR_EQUAL : Operator.LESS;
                Optional<ScanPredicate> bound = CalciteValues.comparison(column, schema, operator, range.upperEndpoint());
                if (bound.isEmpty()) {
                    return Optional.empty();
                }
                bounds.add(bound.get());
            }
            alternatives.add(switch (bounds.size()) {
                // the unbounded range holds every non-NULL value
                case 0 -> new ScanPredicate.IsNull(column, true);
                case 1 -> bounds.get(0);
                default -> new ScanPredicate.And(bounds);
            });
        }
        if (alternatives.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(alternatives.size() == 1 ? alternatives.get(0) : new ScanPredicate.Or(alternatives));
    }

    /** The table column of a field reference, also through a CAST that changes no value of the column. */
    private OptionalInt column(RexNode node)
    {
        if (node instanceof RexCall call && call.getKind() == SqlKind.CAST && call.getOperands().get(0) instanceof RexInputRef input
                && CalciteValues.isLosslessWidening(input.getType(), call.getType())) {
            return OptionalInt.of(spec.tableColumn(input.getIndex()));
        }
        if (node instanceof RexInputRef input) {
            return OptionalInt.of(spec.tableColumn(input.getIndex()));
        }
        return OptionalInt.empty();
    }

    /** A literal in Calcite's internal form: BigDecimal, NlsString, DateString, TimestampString or Boolean. */
    private static Optional<Object> literalValue(RexNode node)
    {
        if (!(node instanceof RexLiteral literal) || literal.isNull()) {
            return Optional.empty();
        }
        SqlTypeName type = literal.getTypeName();
        Object value = switch (type) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT, REAL, DOUBLE -> literal.getValueAs(BigDecimal.class);
            case CHAR, VARCHAR -> literal.getValueAs(NlsString.class);
            case DATE -> literal.getValueAs(DateString.class);
            case TIMESTAMP -> literal.getValueAs(TimestampString.class);
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    private static Optional<String> stringLiteral(RexNode node)
    {
        if (node instanceof RexLiteral literal && !literal.isNull() && SqlTypeName.CHAR_TYPES.contains(literal.getTypeName())) {
            return Optional.ofNullable(literal.getValueAs(String.class));
        }
        return Optional.empty();
    }
}
