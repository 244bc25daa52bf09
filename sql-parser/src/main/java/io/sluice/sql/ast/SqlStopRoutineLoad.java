package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code STOP ROUTINE LOAD FOR [db.]job}; stopping is final, so there is no STOP ALL. */
public final class SqlStopRoutineLoad
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("STOP ROUTINE LOAD", SqlKind.OTHER_DDL);

    private final SqlIdentifier jobName;

    public SqlStopRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos);
        this.jobName = Names.requireQualifiedName(jobName, "job name");
    }

    /** Null when not qualified. */
    public String databaseName()
    {
        return Names.databasePart(jobName);
    }

    public String jobName()
    {
        return Names.objectPart(jobName);
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(jobName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("STOP ROUTINE LOAD FOR");
        jobName.unparse(writer, leftPrec, rightPrec);
    }
}
