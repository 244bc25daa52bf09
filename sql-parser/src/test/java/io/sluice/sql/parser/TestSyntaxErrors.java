package io.sluice.sql.parser;

import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSyntaxErrors
{
    private static final String PREFIX =
            "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version "
                    + "for the right syntax to use near ";

    @Test
    void misspelledKeyword()
    {
        SqlSyntaxException e = syntaxError("selec 1");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.near()).isEqualTo("selec 1");
        assertThat(e.getMessage()).startsWith(PREFIX + "'selec 1' at line 1, column 1");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void positionInMultiLineStatement()
    {
        SqlSyntaxException e = syntaxError("""
                SELECT id,
                       name
                FROM users
                WHERE id = 1
                GROUP name
                ORDER BY id""");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.near()).isEqualTo("name\nORDER BY id");
        assertThat(e.detail()).isEqualTo("Encountered \"name\"; expected \"BY\"");
        assertThat(e.getMessage()).isEqualTo(PREFIX + "'name\nORDER BY id' at line 5, column 7: Encountered \"name\"; expected \"BY\"");
    }

    @Test
    void positionAfterTabsAndCarriageReturns()
    {
        SqlSyntaxException e = syntaxError("SELECT 1\r\nFROM\tt\r\nWHERE )");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.near()).isEqualTo(")");
    }

    @Test
    void nearIsShortened()
    {
        String tail = "x".repeat(200);
        SqlSyntaxException e = syntaxError("SELECT 1 FROM t WHERE ) " + tail);
        assertThat(e.near()).hasSize(80).startsWith(") xxx");
    }

    @Test
    void unterminatedString()
    {
        SqlSyntaxException e = syntaxError("SELECT *\nFROM t\nWHERE name = 'abc");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.near()).isEqualTo("'abc");
        assertThat(e.detail()).isEqualTo("unterminated string");

        SqlSyntaxException doubleQuoted = syntaxError("CREATE ROUTINE LOAD j ON t FROM KAFKA (\"k\" = \"v)");
        assertThat(doubleQuoted.near()).isEqualTo("\"v)");
        assertThat(doubleQuoted.detail()).isEqualTo("unterminated string");

        SqlSyntaxException escapedQuote = syntaxError("SELECT 'it\\'s");
        assertThat(escapedQuote.column()).isEqualTo(8);
        assertThat(escapedQuote.detail()).isEqualTo("unterminated string");

        SqlSyntaxException name = syntaxError("SELECT `abc FROM t");
        assertThat(name.near()).isEqualTo("`abc FROM t");
        assertThat(name.detail()).isEqualTo("unterminated quoted identifier");
    }

    @Test
    void unexpectedEnd()
    {
        SqlSyntaxException e = syntaxError("SELECT * FROM \n  \n");
        assertThat(e.near()).isEmpty();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.detail()).isEqualTo("unexpected end of statement");
    }

    @Test
    void emptyInput()
    {
        for (String sql : new String[] {"", "   ", "\n", "-- nothing", "/* nothing */", "# nothing"}) {
            SqlSyntaxException e = syntaxError(sql);
            assertThat(e.near()).isEmpty();
            assertThat(e.detail()).isEqualTo("Query was empty");
        }
    }

    @Test
    void trailingSemicolon()
    {
        assertThat(ParserAssertions.parse("select 1;", org.apache.calcite.sql.SqlSelect.class)).isNotNull();
        assertThat(ParserAssertions.parse("select 1 ;  \n", org.apache.calcite.sql.SqlSelect.class)).isNotNull();
    }

    @Test
    void severalStatements()
    {
        SqlSyntaxException e = syntaxError("select 1; select 2");
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.near()).isEqualTo("select 2");
        assertThat(e.detail()).isEqualTo("only one statement is allowed");
    }

    @Test
    void unknownCharacter()
    {
        SqlSyntaxException e = syntaxError("SELECT 1 ! 2");
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.near()).isEqualTo("! 2");
    }

    @Test
    void expectedTokensNamedPlainly()
    {
        SqlSyntaxException e = syntaxError("SHOW CREATE TABLE 1");
        assertThat(e.near()).isEqualTo("1");
        assertThat(e.detail()).isEqualTo("Encountered \"1\"; expected an identifier");
    }

    @Test
    void nullIsNotSql()
    {
        assertThatThrownBy(() -> SluiceSqlParser.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void deepNestingIsASyntaxErrorNotACrash()
    {
        String sql = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        assertThat(syntaxError(sql).detail()).isEqualTo("statement is nested too deeply");
    }
}
