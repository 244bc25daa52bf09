package io.sluice.sql.function;

import io.sluice.sql.ast.MysqlOperators;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserUtil;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles a parsed SQL expression into a {@link ScalarExpression} that runs per row without a planner: column
 * references, literals, arithmetic ({@code + - * / % DIV}, with INTERVALs on dates), comparisons, AND/OR/NOT,
 * IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, CASE, CAST and the functions of {@link MysqlFunctions}. Values are Long,
 * Double, BigDecimal, String, Boolean or null; date/times are strings as MySQL prints them.
 */
public final class ExpressionInterpreter
{
    private static final Set<String> INTERVAL_FUNCTIONS = Set.of("DATE_ADD", "ADDDATE", "DATE_SUB", "SUBDATE");
    private static final Set<String> NILADIC_NAMES = Set.of("CURRENT_DATE", "CURRENT_TIMESTAMP");

    private ExpressionInterpreter() {}

    /**
     * @param inputNames the names expressions may reference, matched ignoring case, in input array order
     * @param zone the time zone of from_unixtime, unix_timestamp and now
     */
    public static ScalarExpression compile(SqlNode expression, List<String> inputNames, ZoneId zone)
    {
        return compile(expression, inputNames, Clock.system(zone));
    }

    /** As {@link #compile(SqlNode, List, ZoneId)}, with the clock (and its zone) NOW() and CURDATE() read. */
    public static ScalarExpression compile(SqlNode expression, List<String> inputNames, Clock clock)
    {
        return new Compilation(List.copyOf(inputNames), clock).compile(expression, false);
    }

    /** The names of every function the interpreter knows (upper case); operators and CASE/CAST are not listed. */
    public static Set<String> functionNames()
    {
        return ScalarFunctions.NAMES;
    }

    private record Compilation(List<String> inputNames, Clock clock)
    {
        /** @param intervalAllowed whether an INTERVAL may appear here (DATE_ADD's second argument, + and -) */
        ScalarExpression compile(SqlNode node, boolean intervalAllowed)
        {
            if (node instanceof SqlNumericLiteral numeric) {
                Object constant = numericConstant(numeric);
                return inputs -> constant;
            }
            if (node instanceof SqlCharStringLiteral string) {
                String constant = string.getValueAs(String.class);
                return inputs -> constant;
            }
            if (node instanceof SqlIntervalLiteral interval) {
                requireIntervalAllowed(intervalAllowed);
                IntervalValue constant = intervalConstant(interval);
                return inputs -> constant;
            }
            if (node instanceof SqlUnknownLiteral typed) {
                // DATE '2024-01-05', TIMESTAMP '2024-01-05 10:00:00': the text, as every date is here.
                Object constant = typedLiteral(typed);
                return inputs -> constant;
            }
            if (node instanceof SqlLiteral literal) {
                Object value = literal.getValue();
                if (value != null && !(value instanceof Boolean)) {
                    throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported literal: " + literal);
                }
                return inputs -> value;
            }
            if (node instanceof SqlIdentifier identifier) {
                return compileIdentifier(identifier);
            }
            if (node instanceof SqlCase sqlCase) {
                return compileCase(sqlCase);
            }
            if (node instanceof SqlBasicCall call) {
                return compileCall(call, intervalAllowed);
            }
            // e.g. FLOOR(x TO DAY)'s unit
            throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported expression: " + node);
        }

        private static Object typedLiteral(SqlUnknownLiteral literal)
        {
            String tag = literal.tag.toUpperCase(Locale.ROOT);
            Object value = switch (tag) {
                case "DATE" -> SqlValues.cast(literal.getValue(), "DATE");
                case "TIMESTAMP", "DATETIME" -> SqlValues.cast(literal.getValue(), "DATETIME");
                default -> throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported literal: " + literal);
            };
            if (value == null) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Incorrect " + tag + " value: '" + literal.getValue() + "'");
            }
            return value;
        }

        private static Object numericConstant(SqlNumericLiteral numeric)
        {
            BigDecimal value = numeric.getValueAs(BigDecimal.class);
            if (!numeric.isExact()) {
                return value.doubleValue();
            }
            // As in MySQL, 12 is an integer and 1.50 a decimal (keeping its scale).
            if (value.scale() <= 0 && SqlValues.fitsInLong(value)) {
                return value.longValueExact();
            }
            return value;
        }

        private ScalarExpression compileIdentifier(SqlIdentifier identifier)
        {
            String name = identifier.names.get(identifier.names.size() - 1);
            for (int i = 0; i < inputNames.size(); i++) {
                if (inputNames.get(i).equalsIgnoreCase(name)) {
                    int index = i;
                    return inputs -> inputs[index];
                }
            }
            // CURRENT_DATE and CURRENT_TIMESTAMP without parentheses parse as names.
            String upper = name.toUpperCase(Locale.ROOT);
            if (identifier.isSimple() && NILADIC_NAMES.contains(upper)) {
                return ScalarFunctions.function(upper, List.of(), clock);
            }
            throw new ExpressionException(ExpressionException.Kind.UNKNOWN_COLUMN,
                    "Unknown column '" + name + "' in the load mapping; known: " + String.join(", ", inputNames));
        }

        private ScalarExpression compileCase(SqlCase sqlCase)
        {
            ScalarExpression value = sqlCase.getValueOperand() == null ? null : compile(sqlCase.getValueOperand(), false);
            ScalarExpression[] whens = compileAll(sqlCase.getWhenOperands()).toArray(new ScalarExpression[0]);
            ScalarExpression[] thens = compileAll(sqlCase.getThenOperands()).toArray(new ScalarExpression[0]);
            ScalarExpression otherwise = sqlCase.getElseOperand() == null ? inputs -> null : compile(sqlCase.getElseOperand(), false);
            return inputs -> {
                Object subject = value == null ? null : value.evaluate(inputs);
                for (int i = 0; i < whens.length; i++) {
                    Object when = whens[i].evaluate(inputs);
                    boolean matched = value == null
                            ? SqlValues.isTrue(when)
                            : subject != null && when != null && SqlValues.compare(subject, when) == 0;
                    if (matched) {
                        return thens[i].evaluate(inputs);
                    }
                }
                return otherwise.evaluate(inputs);
            };
        }

        private List<ScalarExpression> compileAll(SqlNodeList nodes)
        {
            List<ScalarExpression> result = new ArrayList<>();
            for (SqlNode node : nodes) {
                result.add(compile(node, false));
            }
            return result;
        }

        private ScalarExpression compileCall(SqlBasicCall call, boolean intervalAllowed)
        {
            SqlKind kind = call.getKind();
            if (call.getOperator() == MysqlOperators.DIV) {
                ScalarExpression left = compile(call.operand(0), false);
                ScalarExpression right = compile(call.operand(1), false);
                return inputs -> SqlValues.integerDivide(left.evaluate(inputs), right.evaluate(inputs));
            }
            switch (kind) {
                case CAST:
                    return compileCast(call);
                case IN:
                case NOT_IN:
                    return compileIn(call, kind == SqlKind.NOT_IN);
                case BETWEEN:
                    return compileBetween(call);
                case INTERVAL:
                    requireIntervalAllowed(intervalAllowed);
                    return compileInterval(call);
                case TRIM:
                    return compileTrim(call);
                case PLUS:
                case MINUS:
                    return dateOrNumberArithmetic(kind, compile(call.operand(0), true), compile(call.operand(1), true));
                default:
                    break;
            }
            if (call.getFunctionQuantifier() != null) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported expression: " + call);
            }
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            boolean intervalArgument = INTERVAL_FUNCTIONS.contains(name);
            List<ScalarExpression> operands = new ArrayList<>();
            List<SqlNode> operandNodes = call.getOperandList();
            for (int i = 0; i < operandNodes.size(); i++) {
                SqlNode operand = operandNodes.get(i);
                operands.add(operand == null ? inputs -> null : compile(operand, intervalArgument && i == 1));
            }
            return switch (kind) {
                case TIMES, DIVIDE, MOD -> {
                    ScalarExpression left = operands.get(0);
                    ScalarExpression right = operands.get(1);
                    yield inputs -> SqlValues.arithmetic(kind, left.evaluate(inputs), right.evaluate(inputs));
                }
                case MINUS_PREFIX -> {
                    ScalarExpression operand = operands.get(0);
                    yield inputs -> SqlValues.negate(operand.evaluate(inputs));
                }
                case PLUS_PREFIX -> operands.get(0);
                case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                        comparison(kind, operands.get(0), operands.get(1));
                case AND -> {
                    ScalarExpression left = operands.get(0);
                    ScalarExpression right = operands.get(1);
                    yield inputs -> SqlValues.and(left.evaluate(inputs), right.evaluate(inputs));
                }
                case OR -> {
                    ScalarExpression left = operands.get(0);
                    ScalarExpression right = operands.get(1);
                    yield inputs -> SqlValues.or(left.evaluate(inputs), right.evaluate(inputs));
                }
                case NOT -> {
                    ScalarExpression operand = operands.get(0);
                    yield inputs -> {
                        Object value = operand.evaluate(inputs);
                        return value == null ? null : !SqlValues.isTrue(value);
                    };
                }
                case IS_NULL -> {
                    ScalarExpression operand = operands.get(0);
                    yield inputs -> operand.evaluate(inputs) == null;
                }
                case IS_NOT_NULL -> {
                    ScalarExpression operand = operands.get(0);
                    yield inputs -> operand.evaluate(inputs) != null;
                }
                default -> ScalarFunctions.function(name, operands, clock);
            };
        }

        private ScalarExpression compileCast(SqlBasicCall call)
        {
            ScalarExpression operand = compile(call.operand(0), false);
            SqlDataTypeSpec spec = (SqlDataTypeSpec) call.operand(1);
            String type = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
            if (type.equals("DECIMAL") && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic && basic.getScale() >= 0) {
                int scale = basic.getScale();
                return inputs -> {
                    BigDecimal value = (BigDecimal) SqlValues.cast(operand.evaluate(inputs), type);
                    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
                };
            }
            return inputs -> SqlValues.cast(operand.evaluate(inputs), type);
        }

        /** MySQL: NULL when nothing matches and a candidate is NULL. */
        private ScalarExpression compileIn(SqlBasicCall call, boolean negated)
        {
            ScalarExpression subject = compile(call.operand(0), false);
            if (!(call.operand(1) instanceof SqlNodeList list)) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported expression: " + call);
            }
            ScalarExpression[] candidates = compileAll(list).toArray(new ScalarExpression[0]);
            return inputs -> {
                Object value = subject.evaluate(inputs);
                if (value == null) {
                    return null;
                }
                boolean sawNull = false;
                for (ScalarExpression candidate : candidates) {
                    Object candidateValue = candidate.evaluate(inputs);
                    if (candidateValue == null) {
                        sawNull = true;
                    }
                    else if (SqlValues.compare(value, candidateValue) == 0) {
                        return !negated;
                    }
                }
                return sawNull ? null : (Object) negated;
            };
        }

        private ScalarExpression compileBetween(SqlBasicCall call)
        {
            SqlBetweenOperator operator = (SqlBetweenOperator) call.getOperator();
            if (operator.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported expression: " + call);
            }
            boolean negated = operator.isNegated();
            ScalarExpression subject = compile(call.operand(0), false);
            ScalarExpression low = compile(call.operand(1), false);
            ScalarExpression high = compile(call.operand(2), false);
            return inputs -> {
                Object value = subject.evaluate(inputs);
                Object lowValue = low.evaluate(inputs);
                Object highValue = high.evaluate(inputs);
                Object aboveLow = value == null || lowValue == null ? null : (Object) (SqlValues.compare(value, lowValue) >= 0);
                Object belowHigh = value == null || highValue == null ? null : (Object) (SqlValues.compare(value, highValue) <= 0);
                Object between = SqlValues.and(aboveLow, belowHigh);
                return between == null ? null : negated != (Boolean) between;
            };
        }

        /** {@code INTERVAL amount unit}, the amount an expression. */
        private ScalarExpression compileInterval(SqlBasicCall call)
        {
            ScalarExpression amount = compile(call.operand(0), false);
            SqlIntervalQualifier qualifier = (SqlIntervalQualifier) call.operand(1);
            if (qualifier.timeUnitRange.endUnit != null) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported interval unit: " + qualifier);
            }
            String unit = qualifier.timeUnitRange.startUnit.name();
            if (IntervalValue.of(1L, unit) == null) {
                throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported interval unit: " + unit);
            }
            return inputs -> {
                Object value = amount.evaluate(inputs);
                return value == null ? null : IntervalValue.of(value, unit);
            };
        }

        private static IntervalValue intervalConstant(SqlIntervalLiteral literal)
        {
            SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            SqlIntervalQualifier qualifier = value.getIntervalQualifier();
            if (qualifier.isYearMonth()) {
                return IntervalValue.ofMonths(SqlParserUtil.intervalToMonths(value.getIntervalLiteral(), qualifier) * value.getSign());
            }
            long millis = SqlParserUtil.intervalToMillis(value.getIntervalLiteral(), qualifier) * value.getSign();
            boolean timeUnit = switch (qualifier.timeUnitRange.endUnit == null ? qualifier.timeUnitRange.startUnit : qualifier.timeUnitRange.endUnit) {
                case DAY, WEEK -> false;
                default -> true;
            };
            return IntervalValue.ofMicroseconds(Math.multiplyExact(millis, 1000L), timeUnit);
        }

        private static void requireIntervalAllowed(boolean intervalAllowed)
        {
            if (!intervalAllowed) {
                throw new ExpressionException(ExpressionException.Kind.INVALID,
                        "INTERVAL is only allowed in DATE_ADD, DATE_SUB and date + or - INTERVAL");
            }
        }

        /** TRIM([BOTH | LEADING | TRAILING] [remove] FROM s): Calcite passes (flag, remove, s). */
        private ScalarExpression compileTrim(SqlBasicCall call)
        {
            SqlTrimFunction.Flag flag = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
            String where = flag.name();
            ScalarExpression remove = compile(call.operand(1), false);
            ScalarExpression value = compile(call.operand(2), false);
            return inputs -> MysqlFunctions.trim(where, remove.evaluate(inputs), value.evaluate(inputs));
        }

        /** Numbers add and subtract; a date plus or minus an INTERVAL is DATE_ADD / DATE_SUB. */
        private static ScalarExpression dateOrNumberArithmetic(SqlKind kind, ScalarExpression left, ScalarExpression right)
        {
            boolean plus = kind == SqlKind.PLUS;
            return inputs -> {
                Object leftValue = left.evaluate(inputs);
                Object rightValue = right.evaluate(inputs);
                if (rightValue instanceof IntervalValue interval) {
                    return plus ? MysqlFunctions.dateAdd(leftValue, interval) : MysqlFunctions.dateSub(leftValue, interval);
                }
                if (leftValue instanceof IntervalValue interval) {
                    if (!plus) {
                        throw new ExpressionException(ExpressionException.Kind.INVALID, "An INTERVAL cannot be subtracted from");
                    }
                    return MysqlFunctions.dateAdd(rightValue, interval);
                }
                return SqlValues.arithmetic(kind, leftValue, rightValue);
            };
        }

        private static ScalarExpression comparison(SqlKind kind, ScalarExpression left, ScalarExpression right)
        {
            return inputs -> {
                Object leftValue = left.evaluate(inputs);
                Object rightValue = right.evaluate(inputs);
                if (leftValue == null || rightValue == null) {
                    return null;
                }
                int compared = SqlValues.compare(leftValue, rightValue);
                return switch (kind) {
                    case EQUALS -> compared == 0;
                    case NOT_EQUALS -> compared != 0;
                    case LESS_THAN -> compared < 0;
                    case LESS_THAN_OR_EQUAL -> compared <= 0;
                    case GREATER_THAN -> compared > 0;
                    default -> compared >= 0;
                };
            };
        }
    }
}
