package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The account management statements (CREATE / DROP / ALTER USER, SET PASSWORD, GRANT, REVOKE, SHOW GRANTS). They
 * carry plain values, not SQL expressions, so they have no operands; {@link #toString()} is for logs only and never
 * shows a password.
 */
public abstract sealed class SqlAccountStatement
        extends SqlCall
        permits SqlCreateUser, SqlDropUser, SqlAlterUser, SqlSetPassword, SqlPrivilegeChange, SqlShowGrants
{
    private final SqlOperator operator;

    protected SqlAccountStatement(SqlParserPos pos, String name)
    {
        super(pos);
        this.operator = new SqlSpecialOperator(requireNonNull(name, "name is null"), SqlKind.OTHER);
    }

    @Override
    public final SqlOperator getOperator()
    {
        return operator;
    }

    @Override
    public final List<SqlNode> getOperandList()
    {
        return List.of();
    }

    @Override
    public final void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.literal(describe());
    }

    /** The statement without secrets. */
    protected abstract String describe();

    @Override
    public final String toString()
    {
        return describe();
    }
}
