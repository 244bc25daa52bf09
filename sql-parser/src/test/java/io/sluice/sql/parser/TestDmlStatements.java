package io.sluice.sql.parser;

import io.sluice.sql.ast.MysqlOperators;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

/** INSERT, UPDATE and DELETE as MySQL users write them, and the MySQL expression syntax Calcite lacks. */
class TestDmlStatements
{
    @Test
    void insertMultiRowValues()
    {
        SqlInsert insert = parse("INSERT INTO `shop`.`orders` (`id`, name, amount) VALUES (1, 'a', 2.50), (2, \"b\", NULL), (3, 'It''s', -1)",
                SqlInsert.class);
        assertThat(((SqlIdentifier) insert.getTargetTable()).names).containsExactly("shop", "orders");
        assertThat(insert.getTargetColumnList()).hasSize(3);
        assertThat(insert.getTargetColumnList().get(0).toString()).isEqualTo("id");
        SqlCall values = (SqlCall) insert.getSource();
        assertThat(values.getKind()).isEqualTo(SqlKind.VALUES);
        assertThat(values.getOperandList()).hasSize(3);
        assertThat(((SqlCall) values.operand(2)).operand(1).toString()).isEqualTo("'It''s'");
        assertThat(assertRoundTrip(insert))
                .isEqualTo("INSERT INTO `shop`.`orders` (`id`, `name`, `amount`)\nVALUES (1, 'a', 2.50),\n(2, 'b', NULL),\n(3, 'It''s', -1)");
    }

    @Test
    void insertWithoutColumnList()
    {
        SqlInsert insert = parse("insert into t values (1, true, '2024-01-05 10:00:00');", SqlInsert.class);
        assertThat(insert.getTargetColumnList()).isNull();
        assertThat(((SqlIdentifier) insert.getTargetTable()).names).containsExactly("t");
        assertRoundTrip(insert);
    }

    @Test
    void insertSelect()
    {
        SqlInsert insert = parse("INSERT INTO db.t (a, b) SELECT x, upper(y) FROM s WHERE x > 1 ORDER BY x LIMIT 5, 10", SqlInsert.class);
        assertThat(insert.getSource()).isInstanceOf(SqlOrderBy.class);
        SqlOrderBy source = (SqlOrderBy) insert.getSource();
        assertThat(((SqlNumericLiteral) source.offset).intValue(true)).isEqualTo(5);
        assertThat(((SqlNumericLiteral) source.fetch).intValue(true)).isEqualTo(10);
        assertRoundTrip(insert);

        SqlInsert plain = parse("INSERT INTO t SELECT * FROM s", SqlInsert.class);
        assertThat(plain.getSource()).isInstanceOf(SqlSelect.class);
    }

    @Test
    void update()
    {
        SqlUpdate update = parse("UPDATE `shop`.orders SET amount = amount * 2, `note` = concat(note, '!') WHERE id IN (1, 2) AND day(created) = 5",
                SqlUpdate.class);
        assertThat(((SqlIdentifier) update.getTargetTable()).names).containsExactly("shop", "orders");
        assertThat(update.getTargetColumnList()).hasSize(2);
        assertThat(update.getTargetColumnList().get(1).toString()).isEqualTo("note");
        assertThat(update.getSourceExpressionList()).hasSize(2);
        assertThat(update.getCondition()).isNotNull();
        assertRoundTrip(update);

        SqlUpdate everything = parse("update t set a = 1", SqlUpdate.class);
        assertThat(everything.getCondition()).isNull();
    }

    @Test
    void delete()
    {
        SqlDelete delete = parse("DELETE FROM `shop`.`orders` WHERE status = 'void' OR amount < 0", SqlDelete.class);
        assertThat(((SqlIdentifier) delete.getTargetTable()).names).containsExactly("shop", "orders");
        assertThat(delete.getCondition()).isNotNull();
        assertRoundTrip(delete);

        SqlDelete all = parse("delete from t", SqlDelete.class);
        assertThat(all.getCondition()).isNull();
    }

    @Test
    void mysqlLimit()
    {
        SqlOrderBy limited = parse("SELECT * FROM t ORDER BY a LIMIT 20, 5", SqlOrderBy.class);
        assertThat(((SqlNumericLiteral) limited.offset).intValue(true)).isEqualTo(20);
        assertThat(((SqlNumericLiteral) limited.fetch).intValue(true)).isEqualTo(5);
        assertThat(assertRoundTrip(limited)).endsWith("LIMIT 5\nOFFSET 20");

        SqlOrderBy subquery = parse("SELECT * FROM (SELECT a FROM t LIMIT 1, 2) x LIMIT 3", SqlOrderBy.class);
        assertThat(((SqlNumericLiteral) subquery.fetch).intValue(true)).isEqualTo(3);
    }

    @Test
    void divAndModOperators()
    {
        SqlBasicCall div = expression("a DIV b * c");
        // DIV binds like *: (a DIV b) * c.
        assertThat(div.getKind()).isEqualTo(SqlKind.TIMES);
        assertThat(((SqlBasicCall) div.operand(0)).getOperator()).isEqualTo(MysqlOperators.DIV);

        SqlBasicCall sum = expression("1 + 7 div 2");
        assertThat(sum.getKind()).isEqualTo(SqlKind.PLUS);
        assertThat(((SqlBasicCall) sum.operand(1)).getOperator()).isEqualTo(MysqlOperators.DIV);

        SqlBasicCall mod = expression("7 MOD 3");
        assertThat(mod.getKind()).isEqualTo(SqlKind.MOD);
        assertThat(expression("mod(7, 3)").getOperator().getName()).isEqualToIgnoringCase("mod");

        assertRoundTrip(parse("SELECT a DIV 2, a MOD 2, a % 2 FROM t", SqlSelect.class));
        // DIV is reserved, as in MySQL.
        assertThat(syntaxError("SELECT div FROM t").near()).startsWith("div");
    }

    @Test
    void dayFunction()
    {
        SqlBasicCall day = expression("DAY(created)");
        assertThat(day.getOperator().getName()).isEqualTo("DAY");
        assertThat(day.getOperandList()).hasSize(1);
        assertRoundTrip(parse("SELECT day('2024-01-05'), dayofmonth(d) FROM t", SqlSelect.class));
        // DAY stays an interval unit.
        assertThat(expression("date_add(d, INTERVAL 1 DAY)").getOperandList()).hasSize(2);
    }

    @Test
    void dmlErrors()
    {
        SqlSyntaxException missingValues = syntaxError("INSERT INTO t (a, b)");
        assertThat(missingValues.detail()).isEqualTo("unexpected end of statement");

        SqlSyntaxException unclosedRow = syntaxError("INSERT INTO t VALUES (1, 2), (3, 4");
        assertThat(unclosedRow.detail()).isEqualTo("unexpected end of statement");
        assertThat(unclosedRow.column()).isEqualTo(35);

        SqlSyntaxException badSet = syntaxError("UPDATE t SET WHERE a = 1");
        assertThat(badSet.near()).isEqualTo("WHERE a = 1");
        assertThat(badSet.column()).isEqualTo(14);

        SqlSyntaxException deleteWithoutFrom = syntaxError("DELETE t WHERE a = 1");
        assertThat(deleteWithoutFrom.column()).isEqualTo(8);
    }

    private static SqlBasicCall expression(String expression)
    {
        SqlSelect select = parse("SELECT " + expression, SqlSelect.class);
        return (SqlBasicCall) select.getSelectList().get(0);
    }
}
