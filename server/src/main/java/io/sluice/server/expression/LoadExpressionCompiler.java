package io.sluice.server.expression;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.sql.function.ExpressionException;
import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.sql.function.ScalarExpression;
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
 * so load mappings and queries share one grammar and one set of functions.
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
            ScalarExpression expression = ExpressionInterpreter.compile(node, inputNames, ZoneId.of(timeZone));
            return expression::evaluate;
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
}
