package io.sluice.sql.function;

import io.sluice.sql.parser.SluiceSqlParser;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The interpreter's operators and special forms; the functions themselves are in {@link MysqlFunctionsTest}. */
class ExpressionInterpreterTest
{
    private static final List<String> INPUTS = List.of("pay_time", "price", "name", "flag");
    // 2020-05-11 10:04:47 UTC
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_589_191_487L), ZoneOffset.UTC);

    static Object evaluate(String expression, Object... inputs)
    {
        return compile(expression).evaluate(inputs.length == 0 ? new Object[INPUTS.size()] : inputs);
    }

    private static ScalarExpression compile(String expression)
    {
        SqlSelect select;
        try {
            select = (SqlSelect) SluiceSqlParser.parse("SELECT " + expression);
        }
        catch (Exception e) {
            throw new AssertionError(expression, e);
        }
        return ExpressionInterpreter.compile(select.getSelectList().get(0), INPUTS, CLOCK);
    }

    @Test
    void storyBMapping()
    {
        ScalarExpression payDate = compile("from_unixtime(pay_time, '%Y%m%d')");
        assertThat(payDate.evaluate(new Object[] {1589191487L, 875L, "x", null})).isEqualTo("20200511");
        assertThat(payDate.evaluate(new Object[] {"1589191487", 875L, "x", null})).isEqualTo("20200511");
        assertThat(payDate.evaluate(new Object[] {null, 875L, "x", null})).isNull();
        assertThat(evaluate("from_unixtime(pay_time)", 1589191487L, 875L, "x", null)).isEqualTo("2020-05-11 10:04:47");
    }

    @Test
    void literals()
    {
        assertThat(evaluate("12")).isEqualTo(12L);
        assertThat(evaluate("1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(evaluate("1.5e0")).isEqualTo(1.5);
        assertThat(evaluate("12345678901234567890")).isEqualTo(new BigDecimal("12345678901234567890"));
        assertThat(evaluate("'It''s'")).isEqualTo("It's");
        assertThat(evaluate("true")).isEqualTo(true);
        assertThat(evaluate("null")).isNull();
        assertThat(evaluate("DATE '2024-01-05'")).isEqualTo("2024-01-05");
        assertThat(evaluate("TIMESTAMP '2024-01-05 10:00:00'")).isEqualTo("2024-01-05 10:00:00");
    }

    @Test
    void arithmetic()
    {
        assertThat(evaluate("price * 2 + 1", 0L, 875L, "x", null)).isEqualTo(1751L);
        assertThat(evaluate("price - 1000", 0L, 875L, "x", null)).isEqualTo(-125L);
        assertThat(evaluate("-price", 0L, 875L, "x", null)).isEqualTo(-875L);
        assertThat(evaluate("+price", 0L, 875L, "x", null)).isEqualTo(875L);
        assertThat(evaluate("1.5 + 1")).isEqualTo(new BigDecimal("2.5"));
        assertThat(evaluate("1.5e0 + 1")).isEqualTo(2.5);
        assertThat(evaluate("'10' + 5")).isEqualTo(15L);
        assertThat(evaluate("null + 1")).isNull();
        assertThat(evaluate("'abc' + 1")).isNull();
        assertThatThrownBy(() -> evaluate("9223372036854775807 + 1"))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("BIGINT value is out of range");
    }

    @Test
    void divisionTheMysqlWay()
    {
        // '/' gives a decimal with four more decimals than the dividend; DIV an integer; both NULL for x / 0.
        assertThat(evaluate("price / 2", 0L, 875L, "x", null)).isEqualTo(new BigDecimal("437.5000"));
        assertThat(evaluate("7 / 2")).isEqualTo(new BigDecimal("3.5000"));
        assertThat(evaluate("1 / 3")).isEqualTo(new BigDecimal("0.3333"));
        assertThat(evaluate("2 / 3")).isEqualTo(new BigDecimal("0.6667"));
        assertThat(evaluate("1.50 / 3")).isEqualTo(new BigDecimal("0.500000"));
        assertThat(evaluate("7e0 / 2")).isEqualTo(3.5);
        assertThat(evaluate("7 / 0")).isNull();
        assertThat(evaluate("7 DIV 2")).isEqualTo(3L);
        assertThat(evaluate("-7 DIV 2")).isEqualTo(-3L);
        assertThat(evaluate("7.9 DIV 2")).isEqualTo(3L);
        assertThat(evaluate("7.9e0 DIV 2")).isEqualTo(3L);
        assertThat(evaluate("7 DIV 0")).isNull();
        assertThat(evaluate("7 % 3")).isEqualTo(1L);
        assertThat(evaluate("-7 MOD 3")).isEqualTo(-1L);
        assertThat(evaluate("7 % 0")).isNull();
        assertThat(evaluate("7.5 % 2")).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void comparisonsReadTextAsNumbers()
    {
        assertThat(evaluate("'10' = 10")).isEqualTo(true);
        assertThat(evaluate("'10.0' = 10")).isEqualTo(true);
        assertThat(evaluate("'10' = '10.0'")).isEqualTo(false);
        assertThat(evaluate("'9' < 10")).isEqualTo(true);
        assertThat(evaluate("'9' < '10'")).isEqualTo(false);
        assertThat(evaluate("'10abc' = 10")).isEqualTo(true);
        assertThat(evaluate("'abc' = 0")).isEqualTo(true);
        assertThat(evaluate("1.5 = 1.50")).isEqualTo(true);
        assertThat(evaluate("1.5e0 >= 1.5")).isEqualTo(true);
        assertThat(evaluate("2 <> 3")).isEqualTo(true);
        assertThat(evaluate("null = null")).isNull();
        assertThat(evaluate("price > 100 and name = 'x'", 0L, 875L, "x", null)).isEqualTo(true);
    }

    @Test
    void logic()
    {
        assertThat(evaluate("null and false")).isEqualTo(false);
        assertThat(evaluate("null and true")).isNull();
        assertThat(evaluate("null or true")).isEqualTo(true);
        assertThat(evaluate("null or false")).isNull();
        assertThat(evaluate("not 0")).isEqualTo(true);
        assertThat(evaluate("not null")).isNull();
        assertThat(evaluate("flag is null", 0L, 0L, "x", null)).isEqualTo(true);
        assertThat(evaluate("name is not null", 0L, 0L, "x", null)).isEqualTo(true);
    }

    @Test
    void inAndBetween()
    {
        assertThat(evaluate("name in ('a', 'x')", 0L, 0L, "x", null)).isEqualTo(true);
        assertThat(evaluate("name not in ('a', 'x')", 0L, 0L, "x", null)).isEqualTo(false);
        assertThat(evaluate("price in (1, '875')", 0L, 875L, "x", null)).isEqualTo(true);
        assertThat(evaluate("1 in (2, null)")).isNull();
        assertThat(evaluate("1 in (1, null)")).isEqualTo(true);
        assertThat(evaluate("null in (1)")).isNull();
        assertThat(evaluate("5 between 1 and 10")).isEqualTo(true);
        assertThat(evaluate("5 not between 1 and 4")).isEqualTo(true);
        assertThat(evaluate("'b' between 'a' and 'c'")).isEqualTo(true);
        assertThat(evaluate("5 between null and 4")).isEqualTo(false);
        assertThat(evaluate("5 between null and 10")).isNull();
    }

    @Test
    void conditionals()
    {
        assertThat(evaluate("if(flag is null, 'none', flag)", 0L, 0L, "x", null)).isEqualTo("none");
        assertThat(evaluate("case when price > 500 then 'high' else 'low' end", 0L, 875L, "x", null)).isEqualTo("high");
        assertThat(evaluate("case price when 875 then 'match' end", 0L, 875L, "x", null)).isEqualTo("match");
        assertThat(evaluate("case price when '875' then 'text matches' end", 0L, 875L, "x", null)).isEqualTo("text matches");
        assertThat(evaluate("case flag when null then 'never' else 'else' end", 0L, 0L, "x", null)).isEqualTo("else");
        assertThat(evaluate("case when null then 1 end")).isNull();
        assertThat(evaluate("ifnull(flag, concat(name, '-', price))", 0L, 875L, "x", null)).isEqualTo("x-875");
    }

    @Test
    void onlyTheNeededBranchIsEvaluated()
    {
        // The other branch would overflow.
        assertThat(evaluate("if(true, 1, 9223372036854775807 + 1)")).isEqualTo(1L);
        assertThat(evaluate("ifnull(1, 9223372036854775807 + 1)")).isEqualTo(1L);
        assertThat(evaluate("coalesce(1, 9223372036854775807 + 1)")).isEqualTo(1L);
        assertThat(evaluate("case when true then 1 else 9223372036854775807 + 1 end")).isEqualTo(1L);
    }

    @Test
    void casts()
    {
        assertThat(evaluate("cast(name as bigint)", 0L, 0L, "42", null)).isEqualTo(42L);
        assertThat(evaluate("cast('1.9' as int)")).isEqualTo(1L);
        assertThat(evaluate("cast('x' as int)")).isNull();
        assertThat(evaluate("cast(1.256 as decimal(10, 2))")).isEqualTo(new BigDecimal("1.26"));
        assertThat(evaluate("cast('2.5' as double)")).isEqualTo(2.5);
        assertThat(evaluate("cast(12 as varchar)")).isEqualTo("12");
        assertThat(evaluate("cast(12 as string)")).isEqualTo("12");
        assertThat(evaluate("cast('2024-1-5 10:00' as date)")).isEqualTo("2024-01-05");
        assertThat(evaluate("cast('2024-01-05' as datetime)")).isEqualTo("2024-01-05 00:00:00");
        assertThat(evaluate("cast('nope' as date)")).isNull();
        assertThat(evaluate("cast(1 as boolean)")).isEqualTo(true);
    }

    @Test
    void intervals()
    {
        assertThat(evaluate("date_add('2024-01-31', interval 1 month)")).isEqualTo("2024-02-29");
        assertThat(evaluate("date_add('2024-01-05', interval price day)", 0L, 3L, "x", null)).isEqualTo("2024-01-08");
        assertThat(evaluate("date_add('2024-01-05', interval -2 hour)")).isEqualTo("2024-01-04 22:00:00");
        assertThat(evaluate("date_add('2024-01-05', interval '1' year)")).isEqualTo("2025-01-05");
        assertThat(evaluate("date_add('2024-01-05', interval 1.5 second)")).isEqualTo("2024-01-05 00:00:01.500000");
        assertThat(evaluate("date_add('2024-01-05', interval flag day)", 0L, 0L, "x", null)).isNull();
        assertThat(evaluate("'2024-01-05' + interval 1 week")).isEqualTo("2024-01-12");
        assertThat(evaluate("interval 1 quarter + '2024-01-05'")).isEqualTo("2024-04-05");
        assertThat(evaluate("'2024-01-05 10:00:00' - interval 30 minute")).isEqualTo("2024-01-05 09:30:00");
        assertThat(evaluate("date_sub('2024-01-05', interval '1 12' day to hour)")).isEqualTo("2024-01-03 12:00:00");
    }

    @Test
    void nowAndCurrentDateReadTheClock()
    {
        assertThat(evaluate("now()")).isEqualTo("2020-05-11 10:04:47");
        assertThat(evaluate("current_timestamp")).isEqualTo("2020-05-11 10:04:47");
        assertThat(evaluate("current_timestamp()")).isEqualTo("2020-05-11 10:04:47");
        assertThat(evaluate("curdate()")).isEqualTo("2020-05-11");
        assertThat(evaluate("current_date")).isEqualTo("2020-05-11");
        assertThat(evaluate("unix_timestamp()")).isEqualTo(1_589_191_487L);

        Clock shanghai = Clock.fixed(Instant.ofEpochSecond(1_589_191_487L), ZoneId.of("Asia/Shanghai"));
        SqlSelect select = (SqlSelect) parseUnchecked("SELECT concat(now(), ' ', from_unixtime(0), ' ', unix_timestamp('1970-01-01 08:00:00'))");
        assertThat(ExpressionInterpreter.compile(select.getSelectList().get(0), List.of(), shanghai).evaluate(new Object[0]))
                .isEqualTo("2020-05-11 18:04:47 1970-01-01 08:00:00 0");
    }

    @Test
    void columnsNamedLikeFunctionsWin()
    {
        SqlSelect select = (SqlSelect) parseUnchecked("SELECT current_date");
        ScalarExpression column = ExpressionInterpreter.compile(select.getSelectList().get(0), List.of("CURRENT_DATE"), CLOCK);
        assertThat(column.evaluate(new Object[] {"from the row"})).isEqualTo("from the row");
        assertThat(evaluate("NAME", 0L, 0L, "case-insensitive", null)).isEqualTo("case-insensitive");
    }

    @Test
    void errors()
    {
        assertThatThrownBy(() -> evaluate("missing + 1"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.UNKNOWN_COLUMN))
                .hasMessage("Unknown column 'missing' in the load mapping; known: pay_time, price, name, flag");
        assertThatThrownBy(() -> evaluate("no_such_function(1)"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.UNKNOWN_FUNCTION))
                .hasMessage("FUNCTION no_such_function does not exist");
        assertThatThrownBy(() -> evaluate("upper('a', 'b')"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.INVALID))
                .hasMessage("Incorrect parameter count in the call to native function 'upper'");
        assertThatThrownBy(() -> evaluate("upper(interval 1 day)"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("INTERVAL is only allowed in DATE_ADD, DATE_SUB");
        assertThatThrownBy(() -> evaluate("interval 1 day"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("INTERVAL is only allowed");
        assertThatThrownBy(() -> evaluate("count(distinct name)"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Unsupported expression");
        assertThatThrownBy(() -> evaluate("price in (select 1)"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Unsupported expression");
        assertThatThrownBy(() -> evaluate("floor(pay_time to day)"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("Unsupported expression: DAY");
        assertThatThrownBy(() -> evaluate("DATE '2024-02-30'"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("Incorrect DATE value: '2024-02-30'");
    }

    @Test
    void functionNamesAreUpperCase()
    {
        assertThat(ExpressionInterpreter.functionNames()).contains("DATE_FORMAT", "LPAD", "DATEDIFF", "COALESCE", "TRIM");
        for (String name : ExpressionInterpreter.functionNames()) {
            assertThat(name).isUpperCase();
        }
    }

    private static Object parseUnchecked(String sql)
    {
        try {
            return SluiceSqlParser.parse(sql);
        }
        catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }
}
