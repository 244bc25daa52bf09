package io.sluice.sql.parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestIntegerCastTypes
{
    @Test
    void theRedundantIntegerWordIsBlanked()
    {
        assertThat(IntegerCastTypes.normalize("select convert(x, UNSIGNED INTEGER) from t"))
                .isEqualTo("select convert(x, UNSIGNED        ) from t");
        assertThat(IntegerCastTypes.normalize("select convert(a,signed int), convert(b , unsigned\n integer )"))
                .isEqualTo("select convert(a,signed    ), convert(b , unsigned\n         )");
    }

    @Test
    void everythingElseStays()
    {
        for (String sql : new String[] {
                "select cast(x as unsigned integer)",
                "select ', unsigned integer)' from t",
                "select `a, signed int)` from t",
                "select 1 -- , signed int)\n",
                "select 1 /* , signed int) */",
                "select f(a, signed, int)",
                "select convert(x, unsigned integer_2)",
                "select 1"}) {
            assertThat(IntegerCastTypes.normalize(sql)).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void mariaDbGetColumnsParses()
    {
        ParserAssertions.parse("SELECT CONVERT (CASE DATA_TYPE WHEN 'year' THEN 0 ELSE NUMERIC_SCALE END, UNSIGNED INTEGER) DECIMAL_DIGITS FROM t",
                org.apache.calcite.sql.SqlSelect.class);
    }
}
