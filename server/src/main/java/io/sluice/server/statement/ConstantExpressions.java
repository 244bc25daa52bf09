package io.sluice.server.statement;

import io.sluice.server.session.SystemVariables;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates the constant expressions clients send on connect and in SET statements ({@code @@var}, DATABASE(),
 * USER(), VERSION(), CONNECTION_ID(), CONCAT, literals) without the planner. Anything else is "not constant" and
 * goes to Calcite.
 */
final class ConstantExpressions
{
    /** Marks an expression this evaluator does not handle. */
    static final Object NOT_CONSTANT = new Object();

    private final SystemVariables variables;
    private final Supplier<String> currentDatabase;
    private final String user;
    private final String clientAddress;
    private final int connectionId;

    ConstantExpressions(SystemVariables variables, Supplier<String> currentDatabase, String user, String clientAddress, int connectionId)
    {
        this.variables = variables;
        this.currentDatabase = currentDatabase;
        this.user = user;
        this.clientAddress = clientAddress;
        this.connectionId = connectionId;
    }

    /**
     * The value (Long, BigDecimal, Double, String, Boolean or null) or {@link #NOT_CONSTANT}.
     *
     * @param identifiersAsText whether a bare identifier means its name (SET x = ON, SET NAMES utf8mb4)
     */
    Object evaluate(SqlNode node, boolean identifiersAsText)
    {
        if (node instanceof SqlNumericLiteral numeric) {
            BigDecimal value = numeric.getValueAs(BigDecimal.class);
            if (numeric.isExact() && value.scale() <= 0) {
                try {
                    return value.longValueExact();
                }
                catch (ArithmeticException e) {
                    return value;
                }
            }
            return value;
        }
        if (node instanceof SqlCharStringLiteral string) {
            return string.getValueAs(String.class);
        }
        if (node instanceof SqlLiteral literal) {
            if (literal.getValue() == null) {
                return null;
            }
            if (literal.getValue() instanceof Boolean bool) {
                return bool;
            }
            return NOT_CONSTANT;
        }
        if (node instanceof SqlIdentifier identifier && identifier.isSimple()) {
            String name = identifier.getSimple();
            if (name.startsWith("@@")) {
                return variables.get(name);
            }
            // CURRENT_USER is MySQL's one niladic function that may go without parentheses
            if (!identifiersAsText && name.equalsIgnoreCase("CURRENT_USER")) {
                return user + "@%";
            }
            if (identifiersAsText) {
                return name;
            }
            return NOT_CONSTANT;
        }
        if (node instanceof SqlBasicCall call) {
            return evaluateCall(call, identifiersAsText);
        }
        return NOT_CONSTANT;
    }

    private Object evaluateCall(SqlBasicCall call, boolean identifiersAsText)
    {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (call.getKind() == SqlKind.MINUS_PREFIX) {
            Object operand = evaluate(call.operand(0), false);
            if (operand instanceof Long value) {
                return -value;
            }
            if (operand instanceof BigDecimal value) {
                return value.negate();
            }
            return NOT_CONSTANT;
        }
        if (call.operandCount() == 0) {
            return switch (name) {
                case "DATABASE", "SCHEMA" -> currentDatabase.get();
                case "USER", "SESSION_USER", "SYSTEM_USER" -> user + "@" + clientAddress;
                // the account matched: users are defined for any host, as MySQL prints user@%
                case "CURRENT_USER" -> user + "@%";
                case "VERSION" -> variables.get("version");
                case "CONNECTION_ID" -> (long) connectionId;
                case "LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS" -> 0L;
                default -> NOT_CONSTANT;
            };
        }
        if (name.equals("CONCAT")) {
            StringBuilder result = new StringBuilder();
            for (SqlNode operand : call.getOperandList()) {
                Object value = evaluate(operand, identifiersAsText);
                if (value == NOT_CONSTANT) {
                    return NOT_CONSTANT;
                }
                if (value == null) {
                    return null;
                }
                result.append(text(value));
            }
            return result.toString();
        }
        return NOT_CONSTANT;
    }

    /** A value as MySQL prints it. */
    static String text(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    /** The text of the statement a node was parsed from, as the column name MySQL gives an unaliased expression. */
    static String sourceText(String sql, SqlNode node)
    {
        SqlParserPos position = node.getParserPosition();
        Optional<Integer> start = offset(sql, position.getLineNum(), position.getColumnNum());
        Optional<Integer> end = offset(sql, position.getEndLineNum(), position.getEndColumnNum());
        if (start.isEmpty() || end.isEmpty() || end.get() < start.get()) {
            return node.toString();
        }
        return sql.substring(start.get(), Math.min(sql.length(), end.get() + 1));
    }

    private static Optional<Integer> offset(String sql, int line, int column)
    {
        if (line < 1 || column < 1) {
            return Optional.empty();
        }
        int index = 0;
        for (int current = 1; current < line; current++) {
            index = sql.indexOf('\n', index);
            if (index < 0) {
                return Optional.empty();
            }
            index++;
        }
        int result = index + column - 1;
        return result <= sql.length() ? Optional.of(result) : Optional.empty();
    }
}
