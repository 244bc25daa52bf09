package io.sluice.sql.function;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class SqlValuesTest
{
    @Test
    void numbersFromText()
    {
        assertThat(SqlValues.number(" 42 ")).isEqualTo(42L);
        assertThat(SqlValues.number("+7")).isEqualTo(7L);
        assertThat(SqlValues.number("-1.50")).isEqualTo(new BigDecimal("-1.50"));
        assertThat(SqlValues.number("1e3")).isEqualTo(1000.0);
        assertThat(SqlValues.number("99999999999999999999")).isEqualTo(new BigDecimal("99999999999999999999"));
        assertThat(SqlValues.number("12abc")).isNull();
        assertThat(SqlValues.number("NaN")).isNull();
        assertThat(SqlValues.number("1d")).isNull();
        assertThat(SqlValues.number("")).isNull();
        assertThat(SqlValues.number(true)).isEqualTo(1L);
        assertThat(SqlValues.number(3)).isEqualTo(3L);
        assertThat(SqlValues.numericPrefix("12abc")).isEqualTo(12.0);
        assertThat(SqlValues.numericPrefix(" -1.5e2x")).isEqualTo(-150.0);
        assertThat(SqlValues.numericPrefix("1e")).isEqualTo(1.0);
        assertThat(SqlValues.numericPrefix("abc")).isEqualTo(0.0);
        assertThat(SqlValues.numericPrefix("-")).isEqualTo(0.0);
    }

    @Test
    void text()
    {
        assertThat(SqlValues.text(3.0)).isEqualTo("3");
        assertThat(SqlValues.text(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(SqlValues.text(1e20)).isEqualTo("1e20");
        assertThat(SqlValues.text(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(SqlValues.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(SqlValues.text(false)).isEqualTo("0");
        assertThat(SqlValues.text(null)).isNull();
    }

    @Test
    void compare()
    {
        assertThat(SqlValues.compare("10", 10L)).isZero();
        assertThat(SqlValues.compare(10L, "9")).isPositive();
        assertThat(SqlValues.compare("b", "a")).isPositive();
        assertThat(SqlValues.compare(new BigDecimal("1.0"), 1L)).isZero();
        assertThat(SqlValues.compare(0.5, new BigDecimal("0.5"))).isZero();
        assertThat(SqlValues.compare(true, 1L)).isZero();
        assertThat(SqlValues.compare("x", 0L)).isZero();
    }

    @Test
    void dateTimes()
    {
        assertThat(SqlValues.parseDateTime("2024-01-05")).isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0));
        assertThat(SqlValues.parseDateTime(" 2024-1-5 7:08:09 ")).isEqualTo(LocalDateTime.of(2024, 1, 5, 7, 8, 9));
        assertThat(SqlValues.parseDateTime("2024-01-05T07:08")).isEqualTo(LocalDateTime.of(2024, 1, 5, 7, 8));
        assertThat(SqlValues.parseDateTime("2024/01/05 07:08:09.1234567")).isEqualTo(LocalDateTime.of(2024, 1, 5, 7, 8, 9, 123_456_000));
        assertThat(SqlValues.parseDateTime("20240105")).isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0));
        assertThat(SqlValues.parseDateTime(20240105070809L)).isEqualTo(LocalDateTime.of(2024, 1, 5, 7, 8, 9));
        assertThat(SqlValues.parseDateTime("24-01-05")).isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0));
        assertThat(SqlValues.parseDateTime("2024-02-30")).isNull();
        assertThat(SqlValues.parseDateTime("2024-01-05 10")).isNull();
        assertThat(SqlValues.parseDateTime("2024-01-05x")).isNull();
        assertThat(SqlValues.parseDateTime("2024")).isNull();
        assertThat(SqlValues.parseDateTime(true)).isNull();
        assertThat(SqlValues.parseTime("10:30")).isEqualTo(LocalTime.of(10, 30));
        assertThat(SqlValues.parseTime("25:00:00")).isNull();
        assertThat(SqlValues.formatDateTime(LocalDateTime.of(5, 1, 2, 3, 4, 5))).isEqualTo("0005-01-02 03:04:05");
        assertThat(SqlValues.formatDateTime(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1000))).isEqualTo("2024-01-02 03:04:05.000001");
    }
}
