package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code STOP ROUTINE LOAD FOR [db.]job}; stopping is final, so there is no STOP ALL. */
public final class SqlStopRoutineLoad
        extends SqlRoutineLoadJobStatement
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("STOP ROUTINE LOAD", SqlKind.OTHER_DDL);

    public SqlStopRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos, jobName, "STOP ROUTINE LOAD FOR", null);
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }
}
