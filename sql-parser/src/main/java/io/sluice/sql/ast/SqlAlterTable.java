package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code ALTER TABLE [db.]t clause [, clause ...]} where each clause adds, drops or modifies columns; the clauses
 * apply in the order written.
 */
public final class SqlAlterTable
        extends SqlDdl
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

    private final SqlIdentifier name;
    private final List<SqlAlterTableClause> clauses;

    public SqlAlterTable(SqlParserPos pos, SqlIdentifier name, List<SqlAlterTableClause> clauses)
    {
        super(OPERATOR, pos);
        this.name = Names.requireQualifiedName(name, "table name");
        this.clauses = List.copyOf(requireNonNull(clauses, "clauses is null"));
        if (this.clauses.isEmpty()) {
            throw new IllegalArgumentException("ALTER TABLE needs at least one clause");
        }
    }

    /** The database the table was qualified with, or null. */
    public String databaseName()
    {
        return Names.databasePart(name);
    }

    public String tableName()
    {
        return Names.objectPart(name);
    }

    public List<SqlAlterTableClause> clauses()
    {
        return clauses;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("ALTER TABLE");
        name.unparse(writer, leftPrec, rightPrec);
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlAlterTableClause clause : clauses) {
            writer.sep(",");
            clause.unparse(writer);
        }
        writer.endList(frame);
    }

    @Override
    public boolean equalsDeep(SqlNode node, Litmus litmus)
    {
        if (!(node instanceof SqlAlterTable that)) {
            return litmus.fail("{} != {}", this, node);
        }
        if (!name.equalsDeep(that.name, litmus)) {
            return false;
        }
        return clauses.equals(that.clauses) || litmus.fail("{} != {}", clauses, that.clauses);
    }
}
