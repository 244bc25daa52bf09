package io.sluice.loader.expression;

import java.util.List;

/**
 * Compiles SQL expression text against named inputs. The server provides it with the SQL function library
 * (the loader does not depend on the parser); errors are reported as {@code SluiceException}s.
 */
public interface ExpressionCompiler
{
    /**
     * @param timeZone the job's time zone, for functions such as from_unixtime
     */
    RowExpression compile(String expressionSql, List<String> inputNames, String timeZone);
}
