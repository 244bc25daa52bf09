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

/** {@code SHOW CREATE ROUTINE LOAD [db.]job}. */
public final class SqlShowCreateRoutineLoad
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW CREATE ROUTINE LOAD", SqlKind.OTHER);

    private final SqlIdentifier jobName;

    public SqlShowCreateRoutineLoad(SqlParserPos pos, SqlIdentifier jobName)
    {
        super(pos);
        this.jobName = Names.requireQualifiedName(jobName, "job name");
    }

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
        writer.keyword("SHOW CREATE ROUTINE LOAD");
        jobName.unparse(writer, leftPrec, rightPrec);
    }
}
