package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code DROP TABLE [IF EXISTS] [db.]t [FORCE]}. */
public final class SqlDropTable
        extends SqlDrop
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);

    private final SqlIdentifier name;
    private final boolean force;

    public SqlDropTable(SqlParserPos pos, SqlIdentifier name, boolean ifExists, boolean force)
    {
        super(OPERATOR, pos, ifExists);
        this.name = Names.requireQualifiedName(name, "table name");
        this.force = force;
    }

    public String databaseName()
    {
        return Names.databasePart(name);
    }

    public String tableName()
    {
        return Names.objectPart(name);
    }

    public boolean ifExists()
    {
        return ifExists;
    }

    /** StarRocks' FORCE (skip the recycle bin); we have no recycle bin, so it changes nothing. */
    public boolean force()
    {
        return force;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("DROP TABLE");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (force) {
            writer.keyword("FORCE");
        }
    }
}
