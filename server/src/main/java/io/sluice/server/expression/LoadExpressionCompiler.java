package io.sluice.server.expression;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.SqlSyntaxException;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles COLUMNS and WHERE expressions of routine loads into evaluators that run per row without a planner:
 * column references, literals, arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL, IN, CASE, CAST and the MySQL
 * functions load mappings use (from_unixtime, str_to_date, date_format, if, ifnull, concat, ...).
 * Values are Long, Double, BigDecimal, String, Boolean or null; date/times are strings as MySQL prints them.
 */
public final class LoadExpressionCompiler
        implements ExpressionCompiler
{
    @Override
    public RowExpression compile(String expressionSql, List<String> inputNames, String timeZone)
    {
        SqlNode node;
        try {
            SqlNode statement = SluiceSqlParser.parse("SELECT " + expressionSql);
            if (!(statement instanceof SqlSelect select) || select.getSelectList().size() != 1 || select.getFrom() != null) {
                throw invalid("Not a single expression: " + expressionSql);
            }
            node = select.getSelectList().get(0);
        }
        catch (SqlSyntaxException e) {
            throw invalid("Invalid expression '" + expressionSql + "': " + e.getMessage());
        }
        return new Compilation(inputNames, ZoneId.of(timeZone)).compile(node);
    }

    private static SluiceException invalid(String message)
    {
        return new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, message);
    }

    private record Compilation(List<String> inputNames, ZoneId zone)
    {
        RowExpression compile(SqlNode node)
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
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "' in the load mapping; known: " + String.join(", ", inputNames));
            }
            if (node instanceof SqlCase sqlCase) {
                return compileCase(sqlCase);
            }
            if (node instanceof SqlBasicCall call) {
                return compileCall(call);
            }
            throw invalid("Unsupported expression in a load mapping: " + node);
        }

        private RowExpression compileCase(SqlCase sqlCase)
        {
            RowExpression value = sqlCase.getValueOperand() == null ? null : compile(sqlCase.getValueOperand());
            List<RowExpression> whens = compileAll(sqlCase.getWhenOperands());
            List<RowExpression> thens = compileAll(sqlCase.getThenOperands());
            RowExpression otherwise = sqlCase.getElseOperand() == null ? inputs -> null : compile(sqlCase.getElseOperand());
            return inputs -> {
                Object subject = value == null ? null : value.evaluate(inputs);
                for (int i = 0; i < whens.size(); i++) {
                    Object when = whens.get(i).evaluate(inputs);
                    boolean matched = value == null ? Boolean.TRUE.equals(when) : Values.compare(subject, when) == 0;
                    if (matched) {
                        return thens.get(i).evaluate(inputs);
                    }
                }
                return otherwise.evaluate(inputs);
            };
        }

        private List<RowExpression> compileAll(SqlNodeList nodes)
        {
            List<RowExpression> result = new ArrayList<>();
            for (SqlNode node : nodes) {
                result.add(compile(node));
            }
            return result;
        }

        private RowExpression compileCall(SqlBasicCall call)
        {
            SqlKind kind = call.getKind();
            if (kind == SqlKind.CAST) {
                RowExpression operand = compile(call.operand(0));
                String type = ((SqlDataTypeSpec) call.operand(1)).getTypeName().getSimple().toUpperCase(Locale.ROOT);
                return inputs -> Values.cast(operand.evaluate(inputs), type);
            }
            if (kind == SqlKind.IN || kind == SqlKind.NOT_IN) {
                RowExpression subject = compile(call.operand(0));
                List<RowExpression> candidates = compileAll((SqlNodeList) call.operand(1));
                boolean negated = kind == SqlKind.NOT_IN;
                return inputs -> {
                    Object value = subject.evaluate(inputs);
                    if (value == null) {
                        return null;
                    }
                    for (RowExpression candidate : candidates) {
                        if (Values.compare(value, candidate.evaluate(inputs)) == 0) {
                            return !negated;
                        }
                    }
                    return negated;
                };
            }
            List<RowExpression> operands = new ArrayList<>();
            for (SqlNode operand : call.getOperandList()) {
                operands.add(operand == null ? inputs -> null : compile(operand));
            }
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            return switch (kind) {
                case PLUS, MINUS, TIMES, DIVIDE, MOD -> arithmetic(kind, operands.get(0), operands.get(1));
                case MINUS_PREFIX -> inputs -> Values.negate(operands.get(0).evaluate(inputs));
                case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> comparison(kind, operands.get(0), operands.get(1));
                case AND -> inputs -> Values.and(operands.get(0).evaluate(inputs), operands.get(1).evaluate(inputs));
                case OR -> inputs -> Values.or(operands.get(0).evaluate(inputs), operands.get(1).evaluate(inputs));
                case NOT -> inputs -> {
                    Object value = operands.get(0).evaluate(inputs);
                    return value == null ? null : !Values.isTrue(value);
                };
                case IS_NULL -> inputs -> operands.get(0).evaluate(inputs) == null;
                case IS_NOT_NULL -> inputs -> operands.get(0).evaluate(inputs) != null;
                default -> Functions.function(name, operands, zone);
            };
        }

        private static RowExpression arithmetic(SqlKind kind, RowExpression left, RowExpression right)
        {
            return inputs -> Values.arithmetic(kind, left.evaluate(inputs), right.evaluate(inputs));
        }

        private static RowExpression comparison(SqlKind kind, RowExpression left, RowExpression right)
        {
            return inputs -> {
                Object leftValue = left.evaluate(inputs);
                Object rightValue = right.evaluate(inputs);
                if (leftValue == null || rightValue == null) {
                    return null;
                }
                int compared = Values.compare(leftValue, rightValue);
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

    static LocalDateTime fromEpochSeconds(long seconds, ZoneId zone)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone);
    }
}
