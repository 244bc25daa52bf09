package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code RESUME ROUTINE LOAD FOR [db.]job} or {@code RESUME ALL ROUTINE LOAD} (null job name). */
public final class SqlResumeRoutineLoad
        extends SqlRoutineLoadJobStatement
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("RESUME ROUTINE LOAD", SqlKind.OTHER_DDL);

    public SqlResumeRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos, jobName, "RESUME ROUTINE LOAD FOR", "RESUME ALL ROUTINE LOAD");
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }
}
