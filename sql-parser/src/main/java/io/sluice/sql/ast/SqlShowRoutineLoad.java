package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/**
 * {@code SHOW [ALL] ROUTINE LOAD [FOR [db.]job] [FROM db] [WHERE expr] [ORDER BY ...] [LIMIT [offset,] n]}.
 * Without ALL, STOPPED and CANCELLED jobs are hidden.
 */
public final class SqlShowRoutineLoad
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW ROUTINE LOAD", SqlKind.OTHER);

    private final boolean all;
    private final SqlIdentifier jobName;
    private final SqlIdentifier fromDatabase;
    private final SqlNode where;
    private final SqlNodeList orderBy;
    private final SqlNode limit;
    private final SqlNode offset;

    public SqlShowRoutineLoad(
            SqlParserPos pos,
            boolean all,
            SqlIdentifier jobName,
            SqlIdentifier fromDatabase,
            SqlNode where,
            SqlNodeList orderBy,
            SqlNode limit,
            SqlNode offset)
    {
        super(pos);
        this.all = all;
        this.jobName = jobName == null ? null : Names.requireQualifiedName(jobName, "job name");
        this.fromDatabase = fromDatabase == null ? null : Names.requireSimpleName(fromDatabase, "database name");
        this.where = where;
        this.orderBy = orderBy;
        if (offset != null && limit == null) {
            throw new IllegalArgumentException("OFFSET needs a LIMIT");
        }
        this.limit = limit;
        this.offset = offset;
    }

    public boolean all()
    {
        return all;
    }

    /** The database of FOR db.job; null when FOR is absent or not qualified. */
    public String databaseName()
    {
        return jobName == null ? null : Names.databasePart(jobName);
    }

    /** From FOR [db.]job; null when absent. */
    public String jobName()
    {
        return jobName == null ? null : Names.objectPart(jobName);
    }

    /** From FROM db; null when absent. */
    public String fromDatabase()
    {
        return Names.nullableSimple(fromDatabase);
    }

    public SqlNode where()
    {
        return where;
    }

    public SqlNodeList orderBy()
    {
        return orderBy;
    }

    public SqlNode limit()
    {
        return limit;
    }

    public SqlNode offset()
    {
        return offset;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return ImmutableNullableList.of(jobName, fromDatabase, where, orderBy, limit, offset);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword(all ? "SHOW ALL ROUTINE LOAD" : "SHOW ROUTINE LOAD");
        if (jobName != null) {
            writer.keyword("FOR");
            jobName.unparse(writer, leftPrec, rightPrec);
        }
        if (fromDatabase != null) {
            writer.keyword("FROM");
            fromDatabase.unparse(writer, leftPrec, rightPrec);
        }
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
        if (orderBy != null) {
            writer.keyword("ORDER BY");
            SqlWriter.Frame frame = writer.startList("", "");
            for (SqlNode item : orderBy) {
                writer.sep(",");
                item.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        if (limit != null) {
            writer.keyword("LIMIT");
            limit.unparse(writer, 0, 0);
            if (offset != null) {
                writer.keyword("OFFSET");
                offset.unparse(writer, 0, 0);
            }
        }
    }
}
