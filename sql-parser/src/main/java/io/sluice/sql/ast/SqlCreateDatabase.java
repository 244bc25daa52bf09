package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code CREATE DATABASE [IF NOT EXISTS] name}. */
public final class SqlCreateDatabase
        extends SqlCreate
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE DATABASE", SqlKind.CREATE_SCHEMA);

    private final SqlIdentifier name;

    public SqlCreateDatabase(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists)
    {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = Names.requireSimpleName(name, "database name");
    }

    public String databaseName()
    {
        return name.getSimple();
    }

    public boolean ifNotExists()
    {
        return ifNotExists;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("CREATE DATABASE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
