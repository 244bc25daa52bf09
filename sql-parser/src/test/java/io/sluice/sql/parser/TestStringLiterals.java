package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlCreateTable;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** MySQL string and name quoting, in expressions (Calcite's productions) and in property values (ours). */
class TestStringLiterals
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "'plain' | plain",
            "\"plain\" | plain",
            "'It\\'s' | It's",
            "'It''s' | It's",
            "\"say \\\"hi\\\"\" | say \"hi\"",
            "\"say \"\"hi\"\"\" | say \"hi\"",
            "'a\\\\b' | a\\b",
            "'tab\\tnew\\nline' | ~tab\tnew\nline~",
            "'100\\%' | 100\\%",
            "'\\_x' | \\_x",
            "'\\q' | q",
            "'a\\\\''b' | a\\'b",
            "'' | ~~",
            "'文字' | 文字",
    })
    void escapes(String literal, String expected)
    {
        String value = expected == null ? "" : expected;
        SqlSelect select = parse("SELECT " + literal + " FROM t", SqlSelect.class);
        assertThat(((SqlCharStringLiteral) select.getSelectList().get(0)).getValueAs(String.class)).isEqualTo(value);

        SqlCreateRoutineLoad load = parse("CREATE ROUTINE LOAD j ON t FROM KAFKA (\"k\" = " + literal + ")", SqlCreateRoutineLoad.class);
        assertThat(load.dataSourceProperties().get("k")).isEqualTo(value);
    }

    @Test
    void adjacentStringsConcatenateInOurClauses()
    {
        SqlCreateTable table = parse("CREATE TABLE t (a INT COMMENT 'one ' \"two\")", SqlCreateTable.class);
        assertThat(table.columns().get(0).comment()).isEqualTo("one two");
    }

    @Test
    void backquotedNames()
    {
        SqlSelect select = parse("SELECT `a``b`, `c\\d`, `select` FROM `my table`", SqlSelect.class);
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo("a`b");
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).getSimple()).isEqualTo("c\\d");
        assertThat(((SqlIdentifier) select.getSelectList().get(2)).getSimple()).isEqualTo("select");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("my table");
    }
}
