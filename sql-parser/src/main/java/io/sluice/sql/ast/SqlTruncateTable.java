package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlTruncate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

import java.util.List;

/** {@code TRUNCATE [TABLE] [db.]t}: removes every row, keeps the table and its loads. */
public final class SqlTruncateTable
        extends SqlTruncate
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("TRUNCATE TABLE", SqlKind.TRUNCATE_TABLE);

    private final SqlIdentifier name;

    public SqlTruncateTable(SqlParserPos pos, SqlIdentifier name)
    {
        super(OPERATOR, pos);
        this.name = Names.requireQualifiedName(name, "table name");
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

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("TRUNCATE TABLE");
        name.unparse(writer, leftPrec, rightPrec);
    }

    @Override
    public boolean equalsDeep(SqlNode node, Litmus litmus)
    {
        if (!(node instanceof SqlTruncateTable that)) {
            return litmus.fail("{} != {}", this, node);
        }
        return name.equalsDeep(that.name, litmus);
    }
}
