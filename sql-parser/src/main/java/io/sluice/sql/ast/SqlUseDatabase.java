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

/** {@code USE db}. */
public final class SqlUseDatabase
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("USE", SqlKind.OTHER);

    private final SqlIdentifier name;

    public SqlUseDatabase(SqlParserPos pos, SqlIdentifier name)
    {
        super(pos);
        this.name = Names.requireSimpleName(name, "database name");
    }

    public String databaseName()
    {
        return name.getSimple();
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
        writer.keyword("USE");
        name.unparse(writer, leftPrec, rightPrec);
    }
}
