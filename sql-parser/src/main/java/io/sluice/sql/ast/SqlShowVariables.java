package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/** {@code SHOW [GLOBAL | SESSION] VARIABLES [LIKE 'pattern' | WHERE expr]}. */
public final class SqlShowVariables
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW VARIABLES", SqlKind.OTHER);

    private final boolean global;
    private final String likePattern;
    private final SqlNode where;

    public SqlShowVariables(SqlParserPos pos, boolean global, String likePattern, SqlNode where)
    {
        super(pos);
        if (likePattern != null && where != null) {
            throw new IllegalArgumentException("LIKE and WHERE are exclusive");
        }
        this.global = global;
        this.likePattern = likePattern;
        this.where = where;
    }

    public boolean global()
    {
        return global;
    }

    public String likePattern()
    {
        return likePattern;
    }

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
        return ImmutableNullableList.of(where);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword(global ? "SHOW GLOBAL VARIABLES" : "SHOW VARIABLES");
        Unparsing.likePattern(writer, likePattern);
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
    }
}
