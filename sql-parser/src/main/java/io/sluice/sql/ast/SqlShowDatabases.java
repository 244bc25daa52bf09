package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code SHOW DATABASES | SCHEMAS [LIKE 'pattern']}. */
public final class SqlShowDatabases
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW DATABASES", SqlKind.OTHER);

    private final String likePattern;

    public SqlShowDatabases(SqlParserPos pos, String likePattern)
    {
        super(pos);
        this.likePattern = likePattern;
    }

    /** Null when no LIKE was written. */
    public String likePattern()
    {
        return likePattern;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("SHOW DATABASES");
        Unparsing.likePattern(writer, likePattern);
    }
}
