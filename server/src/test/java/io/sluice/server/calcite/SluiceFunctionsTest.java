package io.sluice.server.calcite;

import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.sql.function.SqlValues;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.util.Holder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sluice.server.calcite.TestDatabase.column;
import static io.sluice.server.calcite.TestDatabase.decimal;
import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.server.calcite.TestDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every function of the library answers the same in a query (Calcite, through {@link SluiceFunctions}) as in a load
 * mapping ({@link ExpressionInterpreter}), on the same inputs: literals, NULLs, and DATE/DATETIME/DECIMAL/DOUBLE
 * values made with CAST so that Calcite sees typed values.
 */
class SluiceFunctionsTest
{
    // 2020-05-11 10:04:47 UTC: the statement time of NOW() in both paths.
    private static final long NOW_MILLIS = 1_589_191_487_000L;
    private static final int EXPRESSIONS_PER_QUERY = 60;
    private static final Pattern FUNCTION_CALL = Pattern.compile("([A-Za-z_]+)\\s*\\(");

    private static final List<String> COLUMNS = List.of("id", "d", "ts", "s", "amount", "ratio", "n", "flag");
    private static final List<Object[]> ROWS = List.of(
            row(1L, LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 2, 29, 23, 59, 59), "alpha", new BigDecimal("12.35"), 2.5, 3L, true),
            row(2L, LocalDate.of(2023, 12, 31), LocalDateTime.of(2024, 1, 1, 0, 0), "  Beta ", new BigDecimal("-7.25"), -0.5, -4L, false),
            row(3L, null, null, null, null, null, null, null));

    @TempDir
    static Path dataDirectory;

    private static TestDatabase database;

    @BeforeAll
    static void start()
    {
        database = new TestDatabase(dataDirectory);
        TableInfo table = database.createTable("typed", KeyModel.DUPLICATE,
                key("id", ColumnType.BIGINT), column("d", ColumnType.DATE), column("ts", ColumnType.DATETIME),
                column("s", ColumnType.VARCHAR), decimal("amount", 10, 2), column("ratio", ColumnType.DOUBLE),
                column("n", ColumnType.INT), column("flag", ColumnType.BOOLEAN));
        database.insert(table, ROWS);
    }

    @AfterAll
    static void stop()
    {
        database.close();
    }

    static List<String> expressions()
    {
        return List.of(
                // date and time
                "now()",
                "current_timestamp()",
                "curdate()",
                "current_date()",
                "current_date",
                "current_timestamp",
                "date_format('2024-01-05 13:04:05', '%Y/%m/%d %H:%i:%s %p %W %M %j %D %w')",
                "date_format(cast('2024-01-05 13:04:05' as datetime), '%y%m%d %h:%i %a %b %e %c %k %l %T %r')",
                "date_format(cast('2024-12-30' as date), '%U %u %V %v %X %x')",
                "date_format('2024-01-05', '%Y-%m-%d %H')",
                "date_format('not a date', '%Y')",
                "date_format(null, '%Y')",
                "date_format('2024-01-05', null)",
                "date_format(20240105, '%Y')",
                "from_unixtime(1589191487)",
                "from_unixtime(1589191487, '%Y%m%d')",
                "from_unixtime('1589191487')",
                "from_unixtime(-1)",
                "from_unixtime(null)",
                "unix_timestamp()",
                "unix_timestamp('2020-05-11 10:04:47')",
                "unix_timestamp(cast('2020-05-11 10:04:47' as datetime))",
                "unix_timestamp(cast('2020-05-11' as date))",
                "unix_timestamp('garbage')",
                "str_to_date('2023/11/10 12:30', '%Y/%m/%d %H:%i')",
                "str_to_date('10-11-2023', '%d-%m-%Y')",
                "str_to_date('Nov 10 2023 1:05 PM', '%b %d %Y %h:%i %p')",
                "str_to_date('garbage', '%Y-%m-%d')",
                "str_to_date(null, '%Y')",
                "year('2024-01-05 13:04:05')",
                "year(cast('2024-01-05' as date))",
                "month('2024-01-05')",
                "day('2024-01-05')",
                "dayofmonth(cast('2024-01-31 23:00:00' as datetime))",
                "hour('2024-01-05 13:04:05')",
                "hour('10:30:00')",
                "minute(cast('2024-01-05 13:04:05' as datetime))",
                "second('2024-01-05 13:04:05')",
                "year(null)",
                "month('2024-13-01')",
                "date_add('2024-01-31', interval 1 month)",
                "date_add('2024-01-05', interval 1 day)",
                "date_add('2024-01-05', interval 2 hour)",
                "date_add('2024-01-05 10:00:00', interval 1 day)",
                "date_add(cast('2024-01-05' as date), interval 1 week)",
                "date_add(cast('2024-01-05' as date), interval 90 minute)",
                "date_add(cast('2024-01-05 23:30:00' as datetime), interval 45 minute)",
                "date_add('2024-01-05', interval -1 year)",
                "date_add('2024-01-05', interval '3' quarter)",
                "date_add('2024-01-05', 10)",
                "adddate('2024-01-05', interval 1 second)",
                "date_sub('2024-03-01', interval 1 day)",
                "date_sub(cast('2024-03-31' as date), interval 1 month)",
                "date_sub('2024-03-01', 1)",
                "subdate('2024-03-01 00:00:00', interval 1 second)",
                "date_add(null, interval 1 day)",
                "date_add('2024-01-05', null)",
                "'2024-01-05' + interval 1 day",
                "interval 1 day + '2024-01-05'",
                "'2024-01-05' - interval 1 day",
                "datediff('2024-03-01', '2024-02-01 23:59:59')",
                "datediff(cast('2024-01-01' as date), cast('2024-03-01 10:00:00' as datetime))",
                "datediff(null, '2024-01-01')",
                "to_date('2024-01-05 13:04:05')",
                "to_date(cast('2024-01-05 13:04:05' as datetime))",
                "date('2024-01-05 13:04:05')",
                "to_date('nope')",
                // strings
                "concat('a', 1, 2.50, true)",
                "concat('a', null, 'b')",
                "concat(cast('2024-01-05' as date), '/', cast(1.5e0 as double))",
                "concat_ws(',', 'a', null, 'b', 3)",
                "concat_ws(null, 'a', 'b')",
                "substr('abcdef', 2)",
                "substr('abcdef', -2)",
                "substring('abcdef', 2, 3)",
                "substring('abcdef', 0)",
                "substring('abcdef', 10)",
                "substring('abcdef' from 3)",
                "substring('abcdef' from 2 for 2)",
                "substring('héllo wörld', 5, 4)",
                "substring(null, 1)",
                "length('héllo')",
                "length('äöü')",
                "length(12345)",
                "octet_length('é')",
                "char_length('héllo')",
                "character_length('')",
                "length(null)",
                "lower('AbC')",
                "lcase('ÀB')",
                "upper('abc')",
                "ucase(null)",
                "trim('  a b  ')",
                "trim(both 'x' from 'xxaxx')",
                "trim(leading 'ab' from 'ababcab')",
                "trim(trailing 'ab' from 'ababcab')",
                "trim('\ta ')",
                "ltrim('  a  ')",
                "rtrim('  a  ')",
                "trim(null)",
                "replace('aaa', 'a', 'bb')",
                "locate('b', 'abcb')",
                "locate('B', 'abcb', 3)",
                "locate('x', null)",
                "replace('abc', '', 'x')",
                "replace('abc', 'b', null)",
                "lpad('hi', 5, 'xy')",
                "lpad('hello', 3, 'x')",
                "lpad('hi', 5, '')",
                "lpad('hi', -1, 'x')",
                "lpad(7, 3, 0)",
                "rpad('hi', 6, 'xy')",
                "rpad('héllo', 2, 'x')",
                "rpad(null, 2, 'x')",
                // numbers
                "abs(-5)",
                "abs(-2.50)",
                "abs(cast(-1.5e0 as double))",
                "abs('-3')",
                "abs(null)",
                "round(2.5)",
                "round(-2.5)",
                "round(1.2345, 2)",
                "round(1.25, 1)",
                "round(-1.25, 1)",
                "round(1234, -2)",
                "round(155, -1)",
                "round(cast(2.5e0 as double))",
                "round(cast(1.235e0 as double), 2)",
                "round(7)",
                "round('2.45', 1)",
                "round(null, 1)",
                "floor(1.5)",
                "floor(-1.5)",
                "floor(7)",
                "floor(cast(-2.5e0 as double))",
                "ceil(1.2)",
                "ceiling(-1.2)",
                "ceil(cast(2.1e0 as double))",
                "ceil(null)",
                "mod(7, 3)",
                "mod(-7, 3)",
                "mod(7, 0)",
                "mod(7.5, 2)",
                "mod(cast(7.5e0 as double), 2)",
                "7 % 3",
                "7 mod 3",
                "7 / 2",
                "1 / 3",
                "1.5 / 3",
                "7 / 0",
                "cast(7 as double) / 2",
                "7 div 2",
                "-7 div 2",
                "7.9 div 2",
                "7 div 0",
                "pow(2, 10)",
                "power(2.5, 2)",
                "pow(-8, 0.5)",
                "pow(null, 2)",
                "sqrt(16)",
                "sqrt(2)",
                "sqrt(-1)",
                // control flow
                "if(1 > 0, 'yes', 'no')",
                "if(0, 'yes', 'no')",
                "if(null, 1, 2)",
                "if('abc', 1, 2)",
                "if(1 = 1, 1, 2.5)",
                "if(1 = 1, null, 5)",
                "ifnull(null, 'x')",
                "ifnull(3, 4)",
                "nvl(null, 7)",
                "nullif(1, 1)",
                "nullif(1, 2)",
                "nullif('10', 10)",
                "nullif(null, 1)",
                "coalesce(null, null, 3)",
                "coalesce(null, 'a', 'b')",
                "coalesce(null, null)",
                "least(3, 1, 2)",
                "greatest(3, 1, 2)",
                "least('b', 'a')",
                "greatest(1, null, 2)",
                "case when 1 > 2 then 'a' when 2 > 1 then 'b' else 'c' end",
                "case 2 when 1 then 'one' when 2 then 'two' end",
                "case 3 when 1 then 'one' end",
                "'10' = 10",
                // nested
                "upper(concat_ws('-', lpad(month('2024-03-05'), 2, '0'), date_format(date_add('2024-03-05', interval 1 day), '%d')))",
                "datediff(str_to_date('05/03/2024', '%d/%m/%Y'), from_unixtime(0, '%Y-%m-%d'))");
    }

    @Test
    void queryAndLoadAgree()
    {
        // Several expressions per SELECT: each statement costs a code generation and compilation.
        List<String> expressions = expressions();
        SoftAssertions softly = new SoftAssertions();
        for (int start = 0; start < expressions.size(); start += EXPRESSIONS_PER_QUERY) {
            List<String> batch = expressions.subList(start, Math.min(expressions.size(), start + EXPRESSIONS_PER_QUERY));
            String[] row = selectRow(String.join(",\n  ", batch));
            for (int i = 0; i < batch.size(); i++) {
                softly.assertThat(row[i]).as("SELECT %s", batch.get(i)).isEqualTo(load(batch.get(i)));
            }
        }
        softly.assertAll();
    }

    /** Over table columns (not folded into constants while planning): NULLs, DATE, DATETIME, DECIMAL, DOUBLE, INT. */
    static List<String> columnExpressions()
    {
        return List.of(
                "date_format(ts, '%Y-%m-%d %H:%i')", "date_format(d, '%W %D')", "year(d)", "month(ts)", "day(d)",
                "hour(ts)", "minute(ts)", "second(ts)", "date_add(d, interval 1 month)", "date_add(ts, interval n day)",
                "date_sub(d, n)", "d + interval 1 day", "datediff(ts, d)", "unix_timestamp(ts)", "from_unixtime(n * 86400)",
                "to_date(ts)", "concat(s, '-', n, '-', amount)", "concat_ws('|', s, d, ts, ratio, flag)", "substr(s, 2)",
                "substring(s, n)", "length(s)", "char_length(s)", "upper(s)", "lower(s)", "trim(s)", "lpad(s, 6, '*')",
                "rpad(s, n, '.')", "replace(s, 'a', 'A')", "abs(amount)", "abs(ratio)", "round(amount, 1)", "round(ratio)",
                "floor(amount)", "ceil(ratio)", "mod(n, 3)", "amount / n", "n / 4", "n div 2", "pow(ratio, 2)", "sqrt(n)",
                "if(flag, s, 'none')", "ifnull(ratio, -1)", "nullif(n, 3)", "coalesce(s, 'x')", "if(n > 2, amount, ratio)");
    }

    @Test
    void columnsAgree()
    {
        List<String> expressions = columnExpressions();
        QueryResult result = database.query("SELECT " + String.join(", ", expressions) + " FROM typed ORDER BY id");
        assertThat(result.rows()).hasSize(ROWS.size());
        SoftAssertions softly = new SoftAssertions();
        for (int row = 0; row < ROWS.size(); row++) {
            Object[] inputs = libraryValues(ROWS.get(row));
            for (int i = 0; i < expressions.size(); i++) {
                softly.assertThat(result.rows().get(row)[i])
                        .as("row %s: SELECT %s", row + 1, expressions.get(i))
                        .isEqualTo(load(expressions.get(i), COLUMNS, inputs));
            }
        }
        softly.assertAll();
    }

    @Test
    void libraryCallsInFiltersGroupingAndExplain()
    {
        assertThat(database.rows("SELECT year(d), count(*), sum(amount / 2) FROM typed WHERE date_format(ts, '%Y') >= '2024' "
                + "OR upper(s) = 'ALPHA' GROUP BY year(d) ORDER BY 1")).containsExactly("2023 | 1 | -3.625000", "2024 | 1 | 6.175000");
        assertThat(database.rows("SELECT id FROM typed WHERE datediff(ts, d) > 20 AND lpad(n, 3, '0') = '003'")).containsExactly("1");
        assertThat(database.rows("SELECT id FROM typed WHERE coalesce(n, 0) div 2 = 0 ORDER BY id")).containsExactly("3");
        assertThat(database.explain("SELECT date_format(ts, '%Y') FROM typed WHERE n % 2 = 1")).contains("DATE_FORMAT", "MOD");
        QueryResult types = database.query("SELECT date_add(d, interval 1 day), date_add(d, interval 1 hour), from_unixtime(0), "
                + "str_to_date('2024', '%Y'), str_to_date('10', '%H'), 7 / 2, round(amount, 1), n div 2, s FROM typed");
        assertThat(types.columns()).extracting(column -> column.type().name())
                .containsExactly("DATE", "DATETIME", "DATETIME", "DATE", "DATETIME", "NEWDECIMAL", "NEWDECIMAL", "LONGLONG", "VAR_STRING");
    }

    /** The values a load mapping would see for the row: dates as MySQL prints them. */
    private static Object[] libraryValues(Object[] row)
    {
        Object[] values = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof LocalDate date) {
                values[i] = SqlValues.formatDate(date);
            }
            else if (row[i] instanceof LocalDateTime dateTime) {
                values[i] = SqlValues.formatDateTime(dateTime);
            }
            else {
                values[i] = row[i];
            }
        }
        return values;
    }

    @Test
    void everyFunctionIsCovered()
    {
        assertThat(SluiceFunctions.functionNames()).isEqualTo(ExpressionInterpreter.functionNames());
        Set<String> called = new TreeSet<>();
        List<String> all = new ArrayList<>(expressions());
        all.addAll(columnExpressions());
        for (String expression : all) {
            Matcher matcher = FUNCTION_CALL.matcher(expression);
            while (matcher.find()) {
                called.add(matcher.group(1).toUpperCase(Locale.ROOT));
            }
        }
        assertThat(called).containsAll(SluiceFunctions.functionNames());
    }

    @Test
    void knownAnswers()
    {
        assertThat(select("date_format(cast('2024-01-05 13:04:05' as datetime), '%Y%m%d')")).isEqualTo("20240105");
        assertThat(select("lpad('7', 3, '0')")).isEqualTo("007");
        assertThat(select("datediff('2024-03-01', '2024-02-01')")).isEqualTo("29");
        assertThat(select("length('é')")).isEqualTo("2");
        assertThat(select("char_length('é')")).isEqualTo("1");
        assertThat(select("7 / 2")).isEqualTo("3.5000");
        assertThat(select("7 div 2")).isEqualTo("3");
        assertThat(select("round(-2.5)")).isEqualTo("-3");
        assertThat(select("substring('abcdef', -2)")).isEqualTo("ef");
        assertThat(select("date_add(cast('2024-01-31' as date), interval 1 month)")).isEqualTo("2024-02-29");
        assertThat(select("NOW()")).isEqualTo(load("now()"));
    }

    @Test
    void errors()
    {
        assertThatThrownBy(() -> select("date_format('2024-01-05')"))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Incorrect parameter count in the call to native function 'date_format'");
        assertThatThrownBy(() -> select("upper(interval 1 day)"))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Incorrect arguments to upper");
        assertThatThrownBy(() -> select("no_such_function(1)"))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("FUNCTION no_such_function does not exist");
    }

    private static String select(String expression)
    {
        return selectRow(expression)[0];
    }

    private static String[] selectRow(String expressions)
    {
        try (Hook.Closeable ignored = Hook.CURRENT_TIME.addThread((Holder<Long> time) -> time.set(NOW_MILLIS))) {
            QueryResult result = database.engine().execute("SELECT " + expressions, null);
            assertThat(result.rows()).hasSize(1);
            return result.rows().get(0);
        }
    }

    private static String load(String expression)
    {
        return load(expression, List.of(), new Object[0]);
    }

    private static String load(String expression, List<String> inputNames, Object[] inputs)
    {
        try {
            SqlSelect select = (SqlSelect) SluiceSqlParser.parse("SELECT " + expression);
            Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW_MILLIS), ZoneId.systemDefault());
            return SqlValues.text(ExpressionInterpreter.compile(select.getSelectList().get(0), inputNames, clock).evaluate(inputs));
        }
        catch (Exception e) {
            throw new AssertionError("load expression failed: " + expression, e);
        }
    }
}
