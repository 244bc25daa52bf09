package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * MySQL {@code SET}: assignments to system and user variables, with {@code SET NAMES} and
 * {@code SET TRANSACTION} already rewritten into the assignments they stand for.
 */
public final class SqlSetVariables
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.OTHER);

    private final List<SqlVariableAssignment> assignments;

    public SqlSetVariables(SqlParserPos pos, List<SqlVariableAssignment> assignments)
    {
        super(pos);
        this.assignments = List.copyOf(requireNonNull(assignments, "assignments is null"));
        if (this.assignments.isEmpty()) {
            throw new IllegalArgumentException("SET needs at least one assignment");
        }
    }

    /** In written order. */
    public List<SqlVariableAssignment> assignments()
    {
        return assignments;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        List<SqlNode> values = new ArrayList<>(assignments.size());
        for (SqlVariableAssignment assignment : assignments) {
            values.add(assignment.value());
        }
        return List.copyOf(values);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("SET");
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlVariableAssignment assignment : assignments) {
            writer.sep(",");
            assignment.unparse(writer);
        }
        writer.endList(frame);
    }
}
