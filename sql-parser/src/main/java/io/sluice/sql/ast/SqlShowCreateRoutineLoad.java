package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW CREATE ROUTINE LOAD [db.]job}. */
public final class SqlShowCreateRoutineLoad
        extends SqlRoutineLoadJobStatement
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW CREATE ROUTINE LOAD", SqlKind.OTHER);

    public SqlShowCreateRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos, jobName, "SHOW CREATE ROUTINE LOAD", null);
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }
}
