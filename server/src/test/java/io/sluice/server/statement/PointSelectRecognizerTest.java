package io.sluice.server.statement;

import io.sluice.server.statement.PointSelectStatement.Name;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.SqlSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recognizer reads a statement exactly as the parser does, or not at all: whenever it recognizes a statement, the
 * parse tree holds the same point select.
 */
class PointSelectRecognizerTest
{
    @Test
    void readsThePointSelectShape()
    {
        PointSelectStatement statement = recognize("SELECT name, `Price` FROM shop.items WHERE id = 42");
        assertThat(statement.shape().selectList()).containsExactly(new Name("name", false), new Name("Price", true));
        assertThat(statement.shape().database()).contains(new Name("shop", false));
        assertThat(statement.shape().table()).isEqualTo(new Name("items", false));
        assertThat(statement.shape().keyColumn()).isEqualTo(new Name("id", false));
        assertThat(statement.key()).isEqualTo(42L);

        statement = recognize("select * from items where 'x' = code");
        assertThat(statement.shape().selectsAllColumns()).isTrue();
        assertThat(statement.shape().database()).isEmpty();
        assertThat(statement.shape().keyColumn()).isEqualTo(new Name("code", false));
        assertThat(statement.key()).isEqualTo("x");
    }

    @Test
    void readsLiterals()
    {
        assertThat(recognize("select * from t where id = -7").key()).isEqualTo(-7L);
        assertThat(recognize("select * from t where id = 0007").key()).isEqualTo(7L);
        assertThat(recognize("select * from t where id = 9223372036854775807").key()).isEqualTo(Long.MAX_VALUE);
        assertThat(recognize("select * from t where id = -9223372036854775808").key()).isEqualTo(Long.MIN_VALUE);
        assertThat(recognize("select * from t where id = \"dq\"").key()).isEqualTo("dq");
        assertThat(recognize("select * from t where id = ''").key()).isEqualTo("");
        assertThat(recognize("select * from t where id = 'día ☃ -- /* # '").key()).isEqualTo("día ☃ -- /* # ");
        assertThat(recognize("select * from t where id = 'two\nlines'").key()).isEqualTo("two\nlines");
    }

    @Test
    void acceptsSpacingCommentsCaseAndTrailers()
    {
        for (String sql : List.of(
                "select*from t where id=1",
                "  \t\nSELECT\n*\r\nFROM\ft\tWHERE id\n=\n1\n",
                "SeLeCt * FrOm t WhErE id = 1",
                "/* leading */ select /* a */ * /**/ from /** doc */ t where -- line\n id = 1 # end",
                "select * from t where id = 1;",
                "select * from t where id = 1 ;  -- done",
                "select * from t where id = 1 limit 1",
                "select * from t where id = 1 LIMIT 10;",
                "select `id` , `name`,name2 from `db`.`t` where `id` = 1")) {
            assertThat(PointSelectRecognizer.recognize(sql)).as(sql).isPresent();
            assertSameAsParser(sql);
        }
    }

    @Test
    void leavesEverythingElseToTheParser()
    {
        for (String sql : List.of(
                "",
                "select",
                "select * from t",
                "select * from t where id = ?",
                "select * from t where id = 1.5",
                "select * from t where id = 1e3",
                "select * from t where id = 1.",
                "select * from t where id = .5",
                "select * from t where id = +1",
                "select * from t where id = - 1",
                "select * from t where id = 99999999999999999999",
                "select * from t where id = 0x1f",
                "select * from t where id = X'1f'",
                "select * from t where id = _utf8'a'",
                "select * from t where id = 'a' 'b'",
                "select * from t where id = 'it''s'",
                "select * from t where id = 'back\\'slash'",
                "select * from t where id = 'a\\\\'",
                "select * from t where id = 'unterminated",
                "select * from t where id = 1 and name = 'x'",
                "select * from t where id = 1 or id = 2",
                "select * from t where id > 1",
                "select * from t where id == 1",
                "select * from t where id <=> 1",
                "select * from t where (id = 1)",
                "select * from t where t.id = 1",
                "select * from t where id = 1 limit 0",
                "select * from t where id = 1 limit 1, 1",
                "select * from t where id = 1 limit 1 offset 1",
                "select * from t where id = 1 order by id",
                "select * from t where id = 1 for update",
                "select * from t where id = 1; select 1",
                "select * from t where id = 1 /* unterminated",
                "select * from t where id = 1--$x",
                "select * from t where id = 1// comment",
                "select /*+ hint */ * from t where id = 1",
                "select /*! 1, */ * from t where id = 1",
                "select *, id from t where id = 1",
                "select t.* from t where id = 1",
                "select id as x from t where id = 1",
                "select id x from t where id = 1",
                "select count(*) from t where id = 1",
                "select distinct id from t where id = 1",
                "select 1 from t where id = 1",
                "select id from t u where id = 1",
                "select id from t as u where id = 1",
                "select id from a.b.t where id = 1",
                "select id from t, u where id = 1",
                "select id from t join u on 1 = 1 where id = 1",
                "select `` from t where id = 1",
                "select `a``b` from t where id = 1",
                "select `a\\b` from t where id = 1",
                "select na$me from t where id = 1",
                "select $name from t where id = 1",
                "select nämé from t where id = 1",
                "select @x from t where id = 1",
                "select values from t where id = 1",
                "select id from t where values = 1",
                "select id from select where id = 1",
                "select current_date from t where id = 1",
                "select sysdate from t where id = 1",
                "select id from t where USER = 'x'",
                "select id from t where 1 = current_timestamp",
                "insert into t values (1)",
                "with x as (select 1) select * from x where id = 1",
                "(select * from t where id = 1)")) {
            assertThat(PointSelectRecognizer.recognize(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void backquotedFunctionNamesAreColumns()
    {
        assertThat(recognize("select `current_date` from t where `sysdate` = 1").shape().keyColumn()).isEqualTo(new Name("sysdate", true));
        assertSameAsParser("select `current_date` from t where `sysdate` = 1");
    }

    /**
     * Statements built from random pieces (names plain or backquoted, keyword case, spacing, comments, literals on either
     * side): whatever the recognizer accepts, the parser reads the same.
     */
    @Test
    void agreesWithTheParserOnRandomStatements()
    {
        SplittableRandom random = new SplittableRandom(20240611);
        int recognized = 0;
        for (int i = 0; i < 3000; i++) {
            String sql = randomStatement(random);
            if (PointSelectRecognizer.recognize(sql).isPresent()) {
                recognized++;
                assertSameAsParser(sql);
            }
        }
        // both sides exercised: a recognizer that rejected everything would pass otherwise
        assertThat(recognized).isBetween(300, 2700);
    }

    private static String randomStatement(SplittableRandom random)
    {
        StringBuilder sql = new StringBuilder();
        sql.append(space(random, false)).append(keyword(random, "select")).append(space(random, true));
        if (random.nextInt(3) == 0) {
            sql.append('*');
        }
        else {
            int columns = 1 + random.nextInt(3);
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    sql.append(space(random, false)).append(',').append(space(random, false));
                }
                sql.append(name(random));
            }
        }
        sql.append(space(random, true)).append(keyword(random, "from")).append(space(random, true));
        if (random.nextBoolean()) {
            sql.append(name(random)).append(random.nextInt(4) == 0 ? " . " : ".");
        }
        sql.append(name(random)).append(space(random, true)).append(keyword(random, "where")).append(space(random, true));
        String column = name(random);
        String literal = literal(random);
        String operator = space(random, false) + (random.nextInt(20) == 0 ? "==" : "=") + space(random, false);
        sql.append(random.nextInt(4) == 0 ? literal + operator + column : column + operator + literal);
        if (random.nextInt(4) == 0) {
            sql.append(space(random, true)).append(keyword(random, "limit")).append(space(random, true)).append(random.nextInt(3));
        }
        if (random.nextInt(3) == 0) {
            sql.append(space(random, false)).append(';');
        }
        sql.append(space(random, false));
        return sql.toString();
    }

    private static String keyword(SplittableRandom random, String keyword)
    {
        return switch (random.nextInt(3)) {
            case 0 -> keyword;
            case 1 -> keyword.toUpperCase();
            default -> Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
        };
    }

    private static String name(SplittableRandom random)
    {
        String[] names = {"id", "Name", "items", "t1", "_x", "status", "timestamp", "date", "type", "key", "user", "value", "sysdate", "pi",
                "current_date", "a$b", "order", "limit", "from", "select"};
        String name = names[random.nextInt(names.length)];
        return random.nextInt(3) == 0 ? "`" + name + "`" : name;
    }

    private static String literal(SplittableRandom random)
    {
        return switch (random.nextInt(9)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Integer.toString(random.nextInt(1000));
            case 2 -> "-" + random.nextInt(1000);
            case 3 -> "'" + "abc xyz".substring(0, random.nextInt(8)) + "'";
            case 4 -> "\"quoted\"";
            case 5 -> "'it''s'";
            case 6 -> random.nextInt(100) + ".5";
            case 7 -> "'a' 'b'";
            default -> "00" + random.nextInt(10);
        };
    }

    private static String space(SplittableRandom random, boolean required)
    {
        String[] spaces = {" ", "  ", "\n", "\t", " /* c */ ", "/**/", "-- line\n", "# hash\n", "\r\n", "/* -- */"};
        if (!required && random.nextBoolean()) {
            return "";
        }
        String space = spaces[random.nextInt(spaces.length)];
        // "/**/" alone does not separate words for every lexer; keep a plain space beside it where one is needed
        return required ? " " + space : space;
    }

    private static PointSelectStatement recognize(String sql)
    {
        Optional<PointSelectStatement> statement = PointSelectRecognizer.recognize(sql);
        assertThat(statement).as(sql).isPresent();
        return statement.get();
    }

    private static void assertSameAsParser(String sql)
    {
        PointSelectStatement recognized = recognize(sql);
        try {
            Optional<PointSelectStatement> parsed = PointLookup.fromTree(SluiceSqlParser.parse(sql));
            assertThat(parsed).as(sql).contains(recognized);
        }
        catch (SqlSyntaxException e) {
            throw new AssertionError("recognized, but the parser rejects it: " + sql, e);
        }
    }
}
