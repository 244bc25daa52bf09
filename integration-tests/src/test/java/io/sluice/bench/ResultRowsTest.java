package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultRowsTest
{
    @Test
    void numbersOfDifferentTypesMatch()
    {
        ResultRows duckdb = rows(List.of(BigInteger.valueOf(209560), 499.5, LocalDate.of(2023, 1, 1)));
        ResultRows h2 = rows(List.of(209560L, new BigDecimal("499.5000"), java.sql.Date.valueOf("2023-01-01")));
        ResultRows sluice = rows(List.of(209560, 499.5, java.sql.Date.valueOf("2023-01-01")));

        assertThat(sluice.matches(duckdb)).isTrue();
        assertThat(h2.matches(duckdb)).isTrue();
    }

    @Test
    void doublesSummedInAnotherOrderMatch()
    {
        double sum = 264290.01999999996;
        assertThat(rows(List.of(sum)).matches(rows(List.of(264290.02)))).isTrue();
    }

    @Test
    void countsThatDifferByOneDoNotMatch()
    {
        assertThat(rows(List.of(10_000_000L)).matches(rows(List.of(10_000_001L)))).isFalse();
    }

    @Test
    void differentTextsRowCountsAndNullsDoNotMatch()
    {
        assertThat(rows(List.of("books")).matches(rows(List.of("games")))).isFalse();
        assertThat(rows(List.of(1L)).matches(new ResultRows(List.of()))).isFalse();
        assertThat(rows(Arrays.asList((Object) null)).matches(rows(List.of(0L)))).isFalse();
        assertThat(rows(Arrays.asList((Object) null)).matches(rows(Arrays.asList((Object) null)))).isTrue();
    }

    @Test
    void describesTheFirstRow()
    {
        assertThat(rows(List.of(new BigDecimal("12.50"), "books")).describe()).isEqualTo("1 row (12.5, books)");
        assertThat(new ResultRows(List.of(List.of("a"), List.of("b"))).describe()).isEqualTo("2 rows, first (a)");
        assertThat(new ResultRows(List.of()).describe()).isEqualTo("0 rows");
    }

    private static ResultRows rows(List<Object> row)
    {
        Object[] normalized = new Object[row.size()];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = ResultRows.normalize(row.get(i));
        }
        return new ResultRows(List.of(Arrays.asList(normalized)));
    }
}
