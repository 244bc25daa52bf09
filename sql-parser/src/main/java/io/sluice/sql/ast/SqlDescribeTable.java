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

/** {@code DESC | DESCRIBE [db.]t} and {@code SHOW [FULL] COLUMNS FROM t [FROM db]}. */
public final class SqlDescribeTable
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DESCRIBE TABLE", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final boolean full;

    public SqlDescribeTable(SqlParserPos pos, SqlIdentifier name, boolean full)
    {
        super(pos);
        this.name = Names.requireQualifiedName(name, "table name");
        this.full = full;
    }

    public String databaseName()
    {
        return Names.databasePart(name);
    }

    public String tableName()
    {
        return Names.objectPart(name);
    }

    /** True for SHOW FULL COLUMNS, which adds collation, privileges and comment columns. */
    public boolean full()
    {
        return full;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        if (full) {
            writer.keyword("SHOW FULL COLUMNS FROM");
        }
        else {
            writer.keyword("DESCRIBE");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
