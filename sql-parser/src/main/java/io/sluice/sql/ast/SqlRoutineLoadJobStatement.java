package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/**
 * A statement about one routine load job, {@code <keywords> [db.]job}, or about all jobs of the current database
 * when the subclass allows it ({@code PAUSE ALL ROUTINE LOAD}) and the name is null.
 */
public abstract class SqlRoutineLoadJobStatement
        extends SqlCall
{
    private final SqlIdentifier jobName;
    private final String keywordsBeforeName;
    private final String allForm;

    /**
     * @param keywordsBeforeName e.g. {@code STOP ROUTINE LOAD FOR}
     * @param allForm the statement's text for all jobs, e.g. {@code PAUSE ALL ROUTINE LOAD}, or null when there is no such form
     */
    protected SqlRoutineLoadJobStatement(SqlParserPos pos, SqlIdentifier jobName, String keywordsBeforeName, String allForm)
    {
        super(pos);
        this.keywordsBeforeName = keywordsBeforeName;
        this.allForm = allForm;
        if (jobName == null && allForm == null) {
            throw new NullPointerException("job name is null");
        }
        this.jobName = jobName == null ? null : Names.requireQualifiedName(jobName, "job name");
    }

    /** True for the form about all jobs. */
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
    public List<SqlNode> getOperandList()
    {
        return ImmutableNullableList.of(jobName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        if (jobName == null) {
            writer.keyword(allForm);
            return;
        }
        writer.keyword(keywordsBeforeName);
        jobName.unparse(writer, leftPrec, rightPrec);
    }
}
