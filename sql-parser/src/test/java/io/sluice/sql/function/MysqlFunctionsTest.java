package io.sluice.sql.function;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.sluice.sql.function.ExpressionInterpreterTest.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MySQL's answers, including NULLs and bad input, for each function of the library (time zone UTC). */
class MysqlFunctionsTest
{
    @Test
    void dateFormat()
    {
        assertThat(evaluate("date_format('2024-01-05 13:04:05', '%Y-%m-%d %H:%i:%s')")).isEqualTo("2024-01-05 13:04:05");
        assertThat(evaluate("date_format('2024-01-05 13:04:05.123', '%y %c %e %k %l %h %I %p %f %S')")).isEqualTo("24 1 5 13 1 01 01 PM 123000 05");
        assertThat(evaluate("date_format('2024-01-05', '%W %a %M %b %D %j %w')")).isEqualTo("Friday Fri January Jan 5th 005 5");
        assertThat(evaluate("date_format('2024-01-01', '%D %U %u %V %v %X %x')")).isEqualTo("1st 00 01 53 01 2023 2024");
        assertThat(evaluate("date_format('2024-12-22', '%D %U %u')")).isEqualTo("22nd 51 51");
        assertThat(evaluate("date_format('2024-01-13', '%D %T %r')")).isEqualTo("13th 00:00:00 12:00:00 AM");
        assertThat(evaluate("date_format('2024-01-05', '100%% %Q')")).isEqualTo("100% Q");
        assertThat(evaluate("date_format(20240105, '%Y')")).isEqualTo("2024");
        assertThat(evaluate("date_format('20240105103000', '%H')")).isEqualTo("10");
        assertThat(evaluate("date_format('2024-02-30', '%Y')")).isNull();
        assertThat(evaluate("date_format('garbage', '%Y')")).isNull();
        assertThat(evaluate("date_format(null, '%Y')")).isNull();
        assertThat(evaluate("date_format('2024-01-05', null)")).isNull();
    }

    @Test
    void fromUnixtimeAndUnixTimestamp()
    {
        assertThat(evaluate("from_unixtime(0)")).isEqualTo("1970-01-01 00:00:00");
        assertThat(evaluate("from_unixtime(1589191487.5)")).isEqualTo("2020-05-11 10:04:47.500000");
        assertThat(evaluate("from_unixtime(1589191487, '%d/%m/%Y')")).isEqualTo("11/05/2020");
        assertThat(evaluate("from_unixtime(-1)")).isNull();
        assertThat(evaluate("from_unixtime(99999999999)")).isNull();
        assertThat(evaluate("from_unixtime('abc')")).isNull();
        assertThat(evaluate("from_unixtime(1, null)")).isNull();
        assertThat(evaluate("unix_timestamp('2020-05-11 10:04:47')")).isEqualTo(1589191487L);
        assertThat(evaluate("unix_timestamp('2020-05-11')")).isEqualTo(1589155200L);
        assertThat(evaluate("unix_timestamp('garbage')")).isNull();
        assertThat(MysqlFunctions.unixTimestamp("2020-05-11 18:04:47", ZoneId.of("Asia/Shanghai"))).isEqualTo(1589191487L);
        assertThat(MysqlFunctions.fromUnixtime(1589191487L, ZoneId.of("America/New_York"))).isEqualTo("2020-05-11 06:04:47");
    }

    @Test
    void nowAndCurdate()
    {
        assertThat(MysqlFunctions.now(1_589_191_487_999L, ZoneOffset.UTC)).isEqualTo("2020-05-11 10:04:47");
        assertThat(MysqlFunctions.curdate(1_589_191_487_000L, ZoneId.of("Pacific/Kiritimati"))).isEqualTo("2020-05-12");
        assertThat(MysqlFunctions.unixTimestamp(1_589_191_487_999L)).isEqualTo(1_589_191_487L);
    }

    @Test
    void strToDate()
    {
        assertThat(evaluate("str_to_date('2023/11/10 12:30', '%Y/%m/%d %H:%i')")).isEqualTo("2023-11-10 12:30:00");
        assertThat(evaluate("str_to_date('10-11-2023', '%d-%m-%Y')")).isEqualTo("2023-11-10");
        assertThat(evaluate("str_to_date('November 10, 2023 01:05:09 PM', '%M %d, %Y %r')")).isEqualTo("2023-11-10 13:05:09");
        assertThat(evaluate("str_to_date('Fri 10th Nov 23', '%a %D %b %y')")).isEqualTo("2023-11-10");
        assertThat(evaluate("str_to_date('2023-314', '%Y-%j')")).isEqualTo("2023-11-10");
        assertThat(evaluate("str_to_date('2023-11-10 12:30:15.25', '%Y-%m-%d %T.%f')")).isEqualTo("2023-11-10 12:30:15.250000");
        assertThat(evaluate("str_to_date('2023-11-10 trailing', '%Y-%m-%d')")).isEqualTo("2023-11-10");
        assertThat(evaluate("str_to_date('2023-02-30', '%Y-%m-%d')")).isNull();
        assertThat(evaluate("str_to_date('13:00 PM', '%h:%i %p')")).isNull();
        assertThat(evaluate("str_to_date('garbage', '%Y-%m-%d')")).isNull();
        assertThat(evaluate("str_to_date(null, '%Y')")).isNull();
        assertThat(evaluate("str_to_date('2023', null)")).isNull();
    }

    @Test
    void dateParts()
    {
        assertThat(evaluate("year('2024-01-05 13:04:05')")).isEqualTo(2024L);
        assertThat(evaluate("year('24-1-5')")).isEqualTo(2024L);
        assertThat(evaluate("year('99-1-5')")).isEqualTo(1999L);
        assertThat(evaluate("month('2024/03/05')")).isEqualTo(3L);
        assertThat(evaluate("day('2024-01-31T10:00:00')")).isEqualTo(31L);
        assertThat(evaluate("dayofmonth(20240105)")).isEqualTo(5L);
        assertThat(evaluate("hour('2024-01-05 13:04:05')")).isEqualTo(13L);
        assertThat(evaluate("hour('09:15')")).isEqualTo(9L);
        assertThat(evaluate("minute('2024-01-05 13:04:05')")).isEqualTo(4L);
        assertThat(evaluate("second('13:04:05')")).isEqualTo(5L);
        assertThat(evaluate("year('2024-13-01')")).isNull();
        assertThat(evaluate("year('2024-01-05 25:00:00')")).isNull();
        assertThat(evaluate("month('x')")).isNull();
        assertThat(evaluate("second(null)")).isNull();
    }

    @Test
    void dateAddAndSub()
    {
        assertThat(evaluate("date_add('2024-01-05', interval 1 day)")).isEqualTo("2024-01-06");
        assertThat(evaluate("date_add('2024-01-05', 1)")).isEqualTo("2024-01-06");
        assertThat(evaluate("date_add('2024-01-05', '2')")).isEqualTo("2024-01-07");
        assertThat(evaluate("date_add('2024-01-05 10:00:00', interval 1 day)")).isEqualTo("2024-01-06 10:00:00");
        assertThat(evaluate("date_add('2024-01-05', interval 1 hour)")).isEqualTo("2024-01-05 01:00:00");
        assertThat(evaluate("date_add('2024-02-29', interval 1 year)")).isEqualTo("2025-02-28");
        assertThat(evaluate("date_add('2024-01-05', interval 90 minute)")).isEqualTo("2024-01-05 01:30:00");
        assertThat(evaluate("adddate('2024-01-05', interval 1 week)")).isEqualTo("2024-01-12");
        assertThat(evaluate("date_sub('2024-03-31', interval 1 month)")).isEqualTo("2024-02-29");
        assertThat(evaluate("date_sub('2024-01-01', 1)")).isEqualTo("2023-12-31");
        assertThat(evaluate("subdate('2024-01-01 00:00:00', interval 1 second)")).isEqualTo("2023-12-31 23:59:59");
        assertThat(evaluate("date_sub('0001-01-01', 1)")).isNull();
        assertThat(evaluate("date_add('9999-12-31', 1)")).isNull();
        assertThat(evaluate("date_add('garbage', 1)")).isNull();
        assertThat(evaluate("date_add(null, interval 1 day)")).isNull();
        assertThat(evaluate("date_add('2024-01-05', null)")).isNull();
        assertThat(evaluate("date_add('2024-01-05', 'x')")).isNull();
    }

    @Test
    void datediffAndToDate()
    {
        assertThat(evaluate("datediff('2024-03-01', '2024-02-01')")).isEqualTo(29L);
        assertThat(evaluate("datediff('2024-01-01 00:00:01', '2024-01-01 23:59:59')")).isEqualTo(0L);
        assertThat(evaluate("datediff('2023-12-31', '2024-01-01')")).isEqualTo(-1L);
        assertThat(evaluate("datediff(null, '2024-01-01')")).isNull();
        assertThat(evaluate("datediff('x', '2024-01-01')")).isNull();
        assertThat(evaluate("to_date('2024-01-05 13:04:05')")).isEqualTo("2024-01-05");
        assertThat(evaluate("date('2024-1-5')")).isEqualTo("2024-01-05");
        assertThat(evaluate("to_date('2024-01-05 13:04')")).isEqualTo("2024-01-05");
        assertThat(evaluate("to_date(null)")).isNull();
    }

    @Test
    void concatenation()
    {
        assertThat(evaluate("concat('a', 1, 2.50, 1.5e0, true)")).isEqualTo("a12.501.51");
        assertThat(evaluate("concat('a')")).isEqualTo("a");
        assertThat(evaluate("concat('a', null)")).isNull();
        assertThat(evaluate("concat_ws(', ', 'a', null, 'b', 3)")).isEqualTo("a, b, 3");
        assertThat(evaluate("concat_ws(', ', null, null)")).isEqualTo("");
        assertThat(evaluate("concat_ws(null, 'a')")).isNull();
        assertThatThrownBy(() -> evaluate("concat()")).hasMessage("Incorrect parameter count in the call to native function 'concat'");
        assertThatThrownBy(() -> evaluate("concat_ws(',')")).hasMessage("Incorrect parameter count in the call to native function 'concat_ws'");
    }

    @Test
    void substrings()
    {
        assertThat(evaluate("substr('abcdef', 2)")).isEqualTo("bcdef");
        assertThat(evaluate("substring('abcdef', 2, 3)")).isEqualTo("bcd");
        assertThat(evaluate("substring('abcdef', -3, 2)")).isEqualTo("de");
        assertThat(evaluate("substring('abcdef', 0)")).isEqualTo("");
        assertThat(evaluate("substring('abcdef', 7)")).isEqualTo("");
        assertThat(evaluate("substring('abcdef', -7)")).isEqualTo("");
        assertThat(evaluate("substring('abcdef', 2, 0)")).isEqualTo("");
        assertThat(evaluate("substring('abcdef', 2, -1)")).isEqualTo("");
        assertThat(evaluate("substring('abcdef' from 5)")).isEqualTo("ef");
        assertThat(evaluate("substring('abcdef' from 2 for 2)")).isEqualTo("bc");
        assertThat(evaluate("substring('a😀bc', 2, 2)")).isEqualTo("😀b");
        assertThat(evaluate("substring(12345, 2, 2)")).isEqualTo("23");
        assertThat(evaluate("substring(null, 1)")).isNull();
        assertThat(evaluate("substring('abc', null)")).isNull();
        assertThat(evaluate("substring('abc', 1, null)")).isNull();
    }

    @Test
    void lengthIsBytesCharLengthIsCharacters()
    {
        assertThat(evaluate("length('abc')")).isEqualTo(3L);
        assertThat(evaluate("length('é')")).isEqualTo(2L);
        assertThat(evaluate("length('中文')")).isEqualTo(6L);
        assertThat(evaluate("length('😀')")).isEqualTo(4L);
        assertThat(evaluate("octet_length('é')")).isEqualTo(2L);
        assertThat(evaluate("length(-12.5)")).isEqualTo(5L);
        assertThat(evaluate("char_length('中文😀')")).isEqualTo(3L);
        assertThat(evaluate("character_length('')")).isEqualTo(0L);
        assertThat(evaluate("length(null)")).isNull();
        assertThat(evaluate("char_length(null)")).isNull();
    }

    @Test
    void caseAndTrim()
    {
        assertThat(evaluate("lower('AbÇ')")).isEqualTo("abç");
        assertThat(evaluate("lcase('X')")).isEqualTo("x");
        assertThat(evaluate("upper('abç')")).isEqualTo("ABÇ");
        assertThat(evaluate("ucase(null)")).isNull();
        assertThat(evaluate("trim('  a b  ')")).isEqualTo("a b");
        // Only spaces, as in MySQL.
        assertThat(evaluate("trim('\\ta\\n')")).isEqualTo("\ta\n");
        assertThat(evaluate("ltrim('  a  ')")).isEqualTo("a  ");
        assertThat(evaluate("rtrim('  a  ')")).isEqualTo("  a");
        assertThat(evaluate("trim(both 'ab' from 'ababcaba')")).isEqualTo("caba");
        assertThat(evaluate("trim(both 'ab' from 'ababcab')")).isEqualTo("c");
        assertThat(evaluate("trim(leading 'x' from 'xxaxx')")).isEqualTo("axx");
        assertThat(evaluate("trim(trailing 'x' from 'xxaxx')")).isEqualTo("xxa");
        assertThat(evaluate("trim('x' from 'xxaxx')")).isEqualTo("a");
        assertThat(evaluate("trim('' from 'xxa')")).isEqualTo("xxa");
        assertThat(evaluate("trim(both 'aa' from 'aaa')")).isEqualTo("a");
        assertThat(evaluate("trim(null)")).isNull();
        assertThat(evaluate("trim(null from 'a')")).isNull();
    }

    @Test
    void locate()
    {
        assertThat(evaluate("locate('bar', 'foobarbar')")).isEqualTo(4L);
        assertThat(evaluate("locate('xbar', 'foobar')")).isEqualTo(0L);
        assertThat(evaluate("locate('bar', 'foobarbar', 5)")).isEqualTo(7L);
        assertThat(evaluate("locate('(', 'varchar(20)')")).isEqualTo(8L);
        assertThat(evaluate("locate('B', 'abc')")).isEqualTo(2L);
        assertThat(evaluate("locate('a', 'abc', 0)")).isEqualTo(0L);
        assertThat(evaluate("locate('', 'abc')")).isEqualTo(1L);
        assertThat(evaluate("locate(null, 'abc')")).isNull();
    }

    @Test
    void replaceAndPad()
    {
        assertThat(evaluate("replace('www.mysql.com', 'w', 'Ww')")).isEqualTo("WwWwWw.mysql.com");
        assertThat(evaluate("replace('aAa', 'a', '')")).isEqualTo("A");
        assertThat(evaluate("replace('abc', '', 'x')")).isEqualTo("abc");
        assertThat(evaluate("replace(null, 'a', 'b')")).isNull();
        assertThat(evaluate("replace('a', 'a', null)")).isNull();
        assertThat(evaluate("lpad('hi', 4, '??')")).isEqualTo("??hi");
        assertThat(evaluate("lpad('hi', 5, 'ab')")).isEqualTo("abahi");
        assertThat(evaluate("lpad('hi', 1, '??')")).isEqualTo("h");
        assertThat(evaluate("lpad('hi', 0, '?')")).isEqualTo("");
        assertThat(evaluate("lpad('hi', -1, '?')")).isNull();
        assertThat(evaluate("lpad('hi', 5, '')")).isNull();
        assertThat(evaluate("lpad('hi', 2, '')")).isEqualTo("hi");
        assertThat(evaluate("lpad(5, 3, 0)")).isEqualTo("005");
        assertThat(evaluate("lpad('中', 3, '文')")).isEqualTo("文文中");
        assertThat(evaluate("rpad('hi', 5, 'ab')")).isEqualTo("hiaba");
        assertThat(evaluate("rpad('hello', 2, 'x')")).isEqualTo("he");
        assertThat(evaluate("rpad(null, 2, 'x')")).isNull();
        assertThat(evaluate("rpad('a', null, 'x')")).isNull();
        assertThat(evaluate("rpad('a', 2, null)")).isNull();
        assertThat(evaluate("rpad('a', 100000000, 'x')")).isNull();
    }

    @Test
    void absAndRound()
    {
        assertThat(evaluate("abs(-5)")).isEqualTo(5L);
        assertThat(evaluate("abs(-2.50)")).isEqualTo(new BigDecimal("2.50"));
        assertThat(evaluate("abs(-1.5e0)")).isEqualTo(1.5);
        assertThat(evaluate("abs('-3')")).isEqualTo(3L);
        assertThat(evaluate("abs(-9223372036854775808)")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(evaluate("abs('x')")).isNull();
        assertThat(evaluate("round(2.5)")).isEqualTo(new BigDecimal("3"));
        assertThat(evaluate("round(-2.5)")).isEqualTo(new BigDecimal("-3"));
        assertThat(evaluate("round(2.4)")).isEqualTo(new BigDecimal("2"));
        assertThat(evaluate("round(1.2345, 2)")).isEqualTo(new BigDecimal("1.23"));
        assertThat(evaluate("round(1.235, 2)")).isEqualTo(new BigDecimal("1.24"));
        assertThat(evaluate("round(-1.235, 2)")).isEqualTo(new BigDecimal("-1.24"));
        assertThat(evaluate("round(1.2, 3)")).isEqualTo(new BigDecimal("1.200"));
        assertThat(evaluate("round(1250, -2)")).isEqualTo(1300L);
        assertThat(evaluate("round(-1250, -2)")).isEqualTo(-1300L);
        assertThat(evaluate("round(23.298, -1)")).isEqualTo(new BigDecimal("20"));
        assertThat(evaluate("round(7)")).isEqualTo(7L);
        assertThat(evaluate("round(7, 2)")).isEqualTo(7L);
        assertThat(evaluate("round(2.5e0)")).isEqualTo(3.0);
        assertThat(evaluate("round(-2.5e0)")).isEqualTo(-3.0);
        assertThat(evaluate("round(1.005e0, 2)")).isEqualTo(1.01);
        assertThat(evaluate("round('2.45', 1)")).isEqualTo(new BigDecimal("2.5"));
        assertThat(evaluate("round(null)")).isNull();
        assertThat(evaluate("round(1.5, null)")).isNull();
    }

    @Test
    void floorCeilModPowerSqrt()
    {
        assertThat(evaluate("floor(1.5)")).isEqualTo(1L);
        assertThat(evaluate("floor(-1.5)")).isEqualTo(-2L);
        assertThat(evaluate("floor(7)")).isEqualTo(7L);
        assertThat(evaluate("floor(-1.5e0)")).isEqualTo(-2.0);
        assertThat(evaluate("floor(99999999999999999999.5)")).isEqualTo(new BigDecimal("99999999999999999999"));
        assertThat(evaluate("ceil(1.2)")).isEqualTo(2L);
        assertThat(evaluate("ceiling(-1.2)")).isEqualTo(-1L);
        assertThat(evaluate("ceil('1.2')")).isEqualTo(2L);
        assertThat(evaluate("ceil(null)")).isNull();
        assertThat(evaluate("mod(7, 3)")).isEqualTo(1L);
        assertThat(evaluate("mod(-7, 3)")).isEqualTo(-1L);
        assertThat(evaluate("mod(7, -3)")).isEqualTo(1L);
        assertThat(evaluate("mod(7, 0)")).isNull();
        assertThat(evaluate("mod(7.5, 2)")).isEqualTo(new BigDecimal("1.5"));
        assertThat(evaluate("mod(7.5e0, 2)")).isEqualTo(1.5);
        assertThat(evaluate("mod(null, 2)")).isNull();
        assertThat(evaluate("pow(2, 10)")).isEqualTo(1024.0);
        assertThat(evaluate("power(2, -1)")).isEqualTo(0.5);
        assertThat(evaluate("pow(-8, 0.5)")).isNull();
        assertThat(evaluate("pow(10, 400)")).isNull();
        assertThat(evaluate("pow(2, null)")).isNull();
        assertThat(evaluate("sqrt(16)")).isEqualTo(4.0);
        assertThat(evaluate("sqrt(-1)")).isNull();
        assertThat(evaluate("sqrt('x')")).isNull();
    }

    @Test
    void controlFlow()
    {
        assertThat(evaluate("if(1 > 0, 'yes', 'no')")).isEqualTo("yes");
        assertThat(evaluate("if(0, 'yes', 'no')")).isEqualTo("no");
        assertThat(evaluate("if(null, 'yes', 'no')")).isEqualTo("no");
        assertThat(evaluate("if('1abc', 'yes', 'no')")).isEqualTo("yes");
        assertThat(evaluate("if(0.1, 'yes', 'no')")).isEqualTo("yes");
        assertThat(evaluate("ifnull(null, 'x')")).isEqualTo("x");
        assertThat(evaluate("ifnull(0, 'x')")).isEqualTo(0L);
        assertThat(evaluate("nvl(null, null)")).isNull();
        assertThat(evaluate("nullif(1, 1)")).isNull();
        assertThat(evaluate("nullif(1, 2)")).isEqualTo(1L);
        assertThat(evaluate("nullif('10', 10)")).isNull();
        assertThat(evaluate("nullif('a', 'A')")).isEqualTo("a");
        assertThat(evaluate("nullif(null, 1)")).isNull();
        assertThat(evaluate("nullif(1, null)")).isEqualTo(1L);
        assertThat(evaluate("coalesce(null, null, 3)")).isEqualTo(3L);
        assertThat(evaluate("coalesce(null)")).isNull();
        assertThatThrownBy(() -> evaluate("if(1, 2)")).hasMessage("Incorrect parameter count in the call to native function 'if'");
        assertThatThrownBy(() -> evaluate("nullif(1)")).hasMessage("Incorrect parameter count in the call to native function 'nullif'");
        assertThatThrownBy(() -> evaluate("coalesce()")).hasMessage("Incorrect parameter count in the call to native function 'coalesce'");
    }

    @Test
    void argumentCounts()
    {
        String[] wrongCalls = {
                "now(1)", "curdate(1)", "date_format('2024-01-05')", "from_unixtime()", "from_unixtime(1, 2, 3)",
                "unix_timestamp(1, 2)", "str_to_date('x')", "year()", "month(1, 2)", "hour()", "minute()",
                "second()", "dayofmonth()", "date_add('2024-01-05')", "date_sub('2024-01-05')", "datediff('2024-01-05')", "to_date()",
                "substr('a')", "substr('a', 1, 2, 3)", "length()", "char_length()", "lower()", "upper('a', 'b')",
                "ltrim()", "rtrim('a', 'b')", "replace('a', 'b')", "lpad('a', 1)", "rpad('a')", "abs()", "round(1, 2, 3)",
                "mod(1)", "pow(1)", "sqrt()", "ifnull(1)",
        };
        for (String call : wrongCalls) {
            String name = call.substring(0, call.indexOf('('));
            assertThatThrownBy(() -> evaluate(call))
                    .as(call)
                    .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.INVALID))
                    .hasMessage("Incorrect parameter count in the call to native function '" + name + "'");
        }
    }

    @Test
    void nullInGivesNullOut()
    {
        String[] calls = {
                "date_format(null, '%Y')", "from_unixtime(null)", "unix_timestamp(null)", "str_to_date(null, '%Y')",
                "year(null)", "month(null)", "day(null)", "hour(null)", "minute(null)", "second(null)",
                "date_add(null, 1)", "date_sub(null, 1)", "datediff(null, null)", "to_date(null)", "date(null)",
                "concat(null)", "substr(null, 1)", "length(null)", "char_length(null)", "lower(null)", "upper(null)",
                "trim(null)", "ltrim(null)", "rtrim(null)", "replace(null, 'a', 'b')", "lpad(null, 1, 'a')",
                "rpad(null, 1, 'a')", "abs(null)", "round(null)", "floor(null)", "ceil(null)", "mod(null, 1)",
                "pow(null, 1)", "sqrt(null)", "ifnull(null, null)", "nullif(null, null)", "coalesce(null, null)",
        };
        for (String call : calls) {
            assertThat(evaluate(call)).as(call).isNull();
        }
    }
}
