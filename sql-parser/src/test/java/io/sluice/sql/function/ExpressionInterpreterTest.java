package io.sluice.sql.function;

import io.sluice.sql.parser.SluiceSqlParser;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionInterpreterTest
{
    private static final List<String> INPUTS = List.of("pay_time", "price", "name", "flag");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Object evaluate(String expression, Object... inputs)
            throws Exception
    {
        SqlSelect select = (SqlSelect) SluiceSqlParser.parse("SELECT " + expression);
        return ExpressionInterpreter.compile(select.getSelectList().get(0), INPUTS, UTC).evaluate(inputs);
    }

    @Test
    void storyBMapping()
            throws Exception
    {
        assertThat(evaluate("from_unixtime(pay_time, '%Y%m%d')", 1589191487L, 875L, "x", null)).isEqualTo("20200511");
        assertThat(evaluate("from_unixtime(pay_time)", 1589191487L, 875L, "x", null)).isEqualTo("2020-05-11 10:04:47");
        assertThat(evaluate("from_unixtime(pay_time, '%Y%m%d')", null, 875L, "x", null)).isNull();
    }

    @Test
    void dateFunctions()
            throws Exception
    {
        assertThat(evaluate("str_to_date('2023/11/10 12:30', '%Y/%m/%d %H:%i')")).isEqualTo("2023-11-10 12:30:00");
        assertThat(evaluate("str_to_date('10-11-2023', '%d-%m-%Y')")).isEqualTo("2023-11-10");
        assertThat(evaluate("str_to_date('garbage', '%Y-%m-%d')")).isNull();
        assertThat(evaluate("date_format('2023-11-10 12:00:00', '%Y-%m')")).isEqualTo("2023-11");
        assertThat(evaluate("year('2023-11-10T12:00:00')")).isEqualTo(2023L);
        assertThat(evaluate("unix_timestamp('2020-05-11 10:04:47')")).isEqualTo(1589191487L);
    }

    @Test
    void arithmeticComparisonsAndConditionals()
            throws Exception
    {
        assertThat(evaluate("price * 2 + 1", 0L, 875L, "x", null)).isEqualTo(1751L);
        assertThat(evaluate("price / 2", 0L, 875L, "x", null)).isEqualTo(new BigDecimal("437.5"));
        assertThat(evaluate("price > 100 and name = 'x'", 0L, 875L, "x", null)).isEqualTo(true);
        assertThat(evaluate("if(flag is null, 'none', flag)", 0L, 0L, "x", null)).isEqualTo("none");
        assertThat(evaluate("case when price > 500 then 'high' else 'low' end", 0L, 875L, "x", null)).isEqualTo("high");
        assertThat(evaluate("ifnull(flag, concat(name, '-', price))", 0L, 875L, "x", null)).isEqualTo("x-875");
        assertThat(evaluate("cast(name as bigint)", 0L, 0L, "42", null)).isEqualTo(42L);
        assertThat(evaluate("name in ('a', 'x')", 0L, 0L, "x", null)).isEqualTo(true);
        assertThat(evaluate("null + 1")).isNull();
    }

    @Test
    void unknownNamesAreReported()
    {
        assertThatThrownBy(() -> evaluate("missing + 1"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.UNKNOWN_COLUMN));
        assertThatThrownBy(() -> evaluate("no_such_function(1)"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.UNKNOWN_FUNCTION));
    }
}
