package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/** {@code PAUSE ROUTINE LOAD FOR [db.]job} or {@code PAUSE ALL ROUTINE LOAD}. */
public final class SqlPauseRoutineLoad
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("PAUSE ROUTINE LOAD", SqlKind.OTHER_DDL);

    private final SqlIdentifier jobName;

    /** A null job name means ALL jobs of the current database. */
    public SqlPauseRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos);
        this.jobName = jobName == null ? null : Names.requireQualifiedName(jobName, "job name");
    }

    /** True for {@code PAUSE ALL ROUTINE LOAD}. */
    public boolean all()
    {
        return jobName == null;
    }

    /** Null when not qualified, and for ALL. */
    public String databaseName()
    {
        return jobName == null ? null : Names.databasePart(jobName);
    }

    /** Null for ALL. */
    public String jobName()
    {
        return jobName == null ? null : Names.objectPart(jobName);
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return ImmutableNullableList.of(jobName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        if (jobName == null) {
            writer.keyword("PAUSE ALL ROUTINE LOAD");
            return;
        }
        writer.keyword("PAUSE ROUTINE LOAD FOR");
        jobName.unparse(writer, leftPrec, rightPrec);
    }
}
