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

/** {@code SHOW ROUTINE LOAD TASK [FROM db] WHERE JobName = "job"}. */
public final class SqlShowRoutineLoadTask
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW ROUTINE LOAD TASK", SqlKind.OTHER);

    private final SqlIdentifier fromDatabase;
    private final SqlNode where;

    public SqlShowRoutineLoadTask(SqlParserPos pos, SqlIdentifier fromDatabase, SqlNode where)
    {
        super(pos);
        this.fromDatabase = fromDatabase == null ? null : Names.requireSimpleName(fromDatabase, "database name");
        this.where = where;
    }

    public String fromDatabase()
    {
        return Names.nullableSimple(fromDatabase);
    }

    /** Null when absent (StarRocks requires it; the executor reports that). */
    public SqlNode where()
    {
        return where;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return ImmutableNullableList.of(fromDatabase, where);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("SHOW ROUTINE LOAD TASK");
        if (fromDatabase != null) {
            writer.keyword("FROM");
            fromDatabase.unparse(writer, leftPrec, rightPrec);
        }
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
    }
}
