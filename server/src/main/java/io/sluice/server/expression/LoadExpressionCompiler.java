package io.sluice.server.expression;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.sql.function.ExpressionException;
import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.sql.function.ScalarExpression;
import io.sluice.sql.function.SqlValues;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.SqlSyntaxException;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

import java.time.ZoneId;
import java.util.List;

/**
 * Compiles the COLUMNS and WHERE expressions of routine loads with the SQL function library of sql-parser,
 * so load mappings and queries share one grammar and one set of functions. Parsing and compiling happen once, when
 * a task starts; per row only the compiled tree of closures runs (no parser, no planner).
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
                throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Not a single expression: " + expressionSql);
            }
            node = select.getSelectList().get(0);
        }
        catch (SqlSyntaxException e) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Invalid expression '" + expressionSql + "': " + e.getMessage());
        }
        try {
            return new CompiledExpression(ExpressionInterpreter.compile(node, inputNames, ZoneId.of(timeZone)));
        }
        catch (ExpressionException e) {
            ErrorCode code = switch (e.kind()) {
                case UNKNOWN_COLUMN -> ErrorCode.UNKNOWN_COLUMN;
                case UNKNOWN_FUNCTION -> ErrorCode.UNKNOWN_FUNCTION;
                case INVALID -> ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY;
            };
            throw new SluiceException(code, e.getMessage());
        }
    }

    private record CompiledExpression(ScalarExpression expression)
            implements RowExpression
    {
        @Override
        public Object evaluate(Object[] inputs)
        {
            return expression.evaluate(inputs);
        }

        /** WHERE keeps a row as SELECT's WHERE would: MySQL truth (1, '1', TRUE; not NULL, 0, 'abc'). */
        @Override
        public boolean isTrue(Object[] inputs)
        {
            return SqlValues.isTrue(expression.evaluate(inputs));
        }
    }
}
