package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code PAUSE ROUTINE LOAD FOR [db.]job} or {@code PAUSE ALL ROUTINE LOAD} (null job name). */
public final class SqlPauseRoutineLoad
        extends SqlRoutineLoadJobStatement
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("PAUSE ROUTINE LOAD", SqlKind.OTHER_DDL);

    public SqlPauseRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos, jobName, "PAUSE ROUTINE LOAD FOR", "PAUSE ALL ROUTINE LOAD");
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }
}
