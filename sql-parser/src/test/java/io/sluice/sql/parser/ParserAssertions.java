package io.sluice.sql.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.util.Litmus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

final class ParserAssertions
{
    private ParserAssertions() {}

    static <T extends SqlNode> T parse(String sql, Class<T> type)
    {
        SqlNode node;
        try {
            node = SluiceSqlParser.parse(sql);
        }
        catch (SqlSyntaxException e) {
            throw new AssertionError("did not parse: " + sql + "\n" + e.getMessage(), e);
        }
        assertThat(node).isInstanceOf(type);
        return type.cast(node);
    }

    static SqlSyntaxException syntaxError(String sql)
    {
        try {
            SqlNode node = SluiceSqlParser.parse(sql);
            return fail("expected a syntax error, parsed: " + node);
        }
        catch (SqlSyntaxException e) {
            assertThat(e.getMessage()).startsWith(
                    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
                            + "version for the right syntax to use near '" + e.near() + "' at line " + e.line()
                            + ", column " + e.column());
            return e;
        }
    }

    /**
     * Unparses with the MySQL dialect (backquotes), parses that again and checks the same text and an equal AST
     * ({@code equalsDeep}) come out.
     */
    static String assertRoundTrip(SqlNode node)
    {
        String sql = unparse(node);
        SqlNode reparsed;
        try {
            reparsed = SluiceSqlParser.parse(sql);
        }
        catch (SqlSyntaxException e) {
            throw new AssertionError("unparsed text does not parse: " + sql + "\n" + e.getMessage(), e);
        }
        assertThat(reparsed.getClass()).isEqualTo(node.getClass());
        assertThat(unparse(reparsed)).isEqualTo(sql);
        assertThat(reparsed.equalsDeep(node, Litmus.IGNORE)).as("re-parsed AST equals the original: %s", sql).isTrue();
        return sql;
    }

    private static String unparse(SqlNode node)
    {
        return node.toSqlString(MysqlSqlDialect.DEFAULT).getSql();
    }
}
