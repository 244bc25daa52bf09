package io.sluice.sql.function;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlCase;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a parsed SQL expression into a {@link ScalarExpression} that runs per row without a planner: column
 * references, literals, arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL, IN, CASE, CAST and the functions of
 * {@link ScalarFunctions}. Values are Long, Double, BigDecimal, String, Boolean or null; date/times are strings as
 * MySQL prints them.
 */
public final class ExpressionInterpreter
{
    private ExpressionInterpreter() {}

    /**
     * @param inputNames the names expressions may reference, matched ignoring case, in input array order
     * @param zone the time zone of from_unixtime, unix_timestamp and now
     */
    public static ScalarExpression compile(SqlNode expression, List<String> inputNames, ZoneId zone)
    {
        return new Compilation(List.copyOf(inputNames), zone).compile(expression);
    }

    private record Compilation(List<String> inputNames, ZoneId zone)
    {
        ScalarExpression compile(SqlNode node)
        {
            if (node instanceof SqlNumericLiteral numeric) {
                BigDecimal value = numeric.getValueAs(BigDecimal.class);
                Object constant = numeric.isExact() && value.scale() <= 0 ? (Object) value.longValue() : (Object) value.doubleValue();
                return inputs -> constant;
            }
            if (node instanceof SqlCharStringLiteral string) {
                String constant = string.getValueAs(String.class);
                return inputs -> constant;
            }
            if (node instanceof SqlLiteral literal) {
                Object value = literal.getValue();
                Object constant = value instanceof Boolean ? value : null;
                return inputs -> constant;
            }
            if (node instanceof SqlIdentifier identifier) {
                String name = identifier.names.get(identifier.names.size() - 1);
                for (int i = 0; i < inputNames.size(); i++) {
                    if (inputNames.get(i).equalsIgnoreCase(name)) {
                        int index = i;
                        return inputs -> inputs[index];
                    }
                }
                throw new ExpressionException(ExpressionException.Kind.UNKNOWN_COLUMN, "Unknown column '" + name + "' in the load mapping; known: " + String.join(", ", inputNames));
            }
            if (node instanceof SqlCase sqlCase) {
                return compileCase(sqlCase);
            }
            if (node instanceof SqlBasicCall call) {
                return compileCall(call);
            }
            throw new ExpressionException(ExpressionException.Kind.INVALID, "Unsupported expression: " + node);
        }

        private ScalarExpression compileCase(SqlCase sqlCase)
        {
            ScalarExpression value = sqlCase.getValueOperand() == null ? null : compile(sqlCase.getValueOperand());
            List<ScalarExpression> whens = compileAll(sqlCase.getWhenOperands());
            List<ScalarExpression> thens = compileAll(sqlCase.getThenOperands());
            ScalarExpression otherwise = sqlCase.getElseOperand() == null ? inputs -> null : compile(sqlCase.getElseOperand());
            return inputs -> {
                Object subject = value == null ? null : value.evaluate(inputs);
                for (int i = 0; i < whens.size(); i++) {
                    Object when = whens.get(i).evaluate(inputs);
                    boolean matched = value == null ? Boolean.TRUE.equals(when) : SqlValues.compare(subject, when) == 0;
                    if (matched) {
                        return thens.get(i).evaluate(inputs);
                    }
                }
                return otherwise.evaluate(inputs);
            };
        }

        private List<ScalarExpression> compileAll(SqlNodeList nodes)
        {
            List<ScalarExpression> result = new ArrayList<>();
            for (SqlNode node : nodes) {
                result.add(compile(node));
            }
            return result;
        }

        private ScalarExpression compileCall(SqlBasicCall call)
        {
            SqlKind kind = call.getKind();
            if (kind == SqlKind.CAST) {
                ScalarExpression operand = compile(call.operand(0));
                String type = ((SqlDataTypeSpec) call.operand(1)).getTypeName().getSimple().toUpperCase(Locale.ROOT);
                return inputs -> SqlValues.cast(operand.evaluate(inputs), type);
            }
            if (kind == SqlKind.IN || kind == SqlKind.NOT_IN) {
                ScalarExpression subject = compile(call.operand(0));
                List<ScalarExpression> candidates = compileAll((SqlNodeList) call.operand(1));
                boolean negated = kind == SqlKind.NOT_IN;
                return inputs -> {
                    Object value = subject.evaluate(inputs);
                    if (value == null) {
                        return null;
                    }
                    for (ScalarExpression candidate : candidates) {
                        if (SqlValues.compare(value, candidate.evaluate(inputs)) == 0) {
                            return !negated;
                        }
                    }
                    return negated;
                };
            }
            List<ScalarExpression> operands = new ArrayList<>();
            for (SqlNode operand : call.getOperandList()) {
                operands.add(operand == null ? inputs -> null : compile(operand));
            }
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            return switch (kind) {
                case PLUS, MINUS, TIMES, DIVIDE, MOD -> arithmetic(kind, operands.get(0), operands.get(1));
                case MINUS_PREFIX -> inputs -> SqlValues.negate(operands.get(0).evaluate(inputs));
                case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> comparison(kind, operands.get(0), operands.get(1));
                case AND -> inputs -> SqlValues.and(operands.get(0).evaluate(inputs), operands.get(1).evaluate(inputs));
                case OR -> inputs -> SqlValues.or(operands.get(0).evaluate(inputs), operands.get(1).evaluate(inputs));
                case NOT -> inputs -> {
                    Object value = operands.get(0).evaluate(inputs);
                    return value == null ? null : !SqlValues.isTrue(value);
                };
                case IS_NULL -> inputs -> operands.get(0).evaluate(inputs) == null;
                case IS_NOT_NULL -> inputs -> operands.get(0).evaluate(inputs) != null;
                default -> ScalarFunctions.function(name, operands, zone);
            };
        }

        private static ScalarExpression arithmetic(SqlKind kind, ScalarExpression left, ScalarExpression right)
        {
            return inputs -> SqlValues.arithmetic(kind, left.evaluate(inputs), right.evaluate(inputs));
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
