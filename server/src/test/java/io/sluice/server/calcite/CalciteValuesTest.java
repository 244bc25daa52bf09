package io.sluice.server.calcite;

import io.sluice.server.calcite.CalciteValues.Conversion;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.exec.ScanPredicate;
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalciteValuesTest
{
    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

    @Test
    void storageValuesBecomeCalciteValues()
    {
        assertThat(convert(ColumnType.BOOLEAN, SqlTypeName.BOOLEAN, 1L)).isEqualTo(true);
        assertThat(convert(ColumnType.BOOLEAN, SqlTypeName.BOOLEAN, 0L)).isEqualTo(false);
        assertThat(convert(ColumnType.TINYINT, SqlTypeName.TINYINT, -5L)).isEqualTo((byte) -5);
        assertThat(convert(ColumnType.SMALLINT, SqlTypeName.SMALLINT, 300L)).isEqualTo((short) 300);
        assertThat(convert(ColumnType.INT, SqlTypeName.INTEGER, 70_000L)).isEqualTo(70_000);
        assertThat(convert(ColumnType.BIGINT, SqlTypeName.BIGINT, 1L << 40)).isEqualTo(1L << 40);
        assertThat(convert(ColumnType.DOUBLE, SqlTypeName.DOUBLE, 2.5)).isEqualTo(2.5);
        assertThat(convert(ColumnType.FLOAT, SqlTypeName.FLOAT, 2.5)).isEqualTo(2.5);
        assertThat(convert(ColumnType.DATE, SqlTypeName.DATE, 19724L)).isEqualTo(19724);
        // DATETIME microseconds to TIMESTAMP milliseconds, rounded down also before 1970
        assertThat(convert(ColumnType.DATETIME, SqlTypeName.TIMESTAMP, 1_500_999L)).isEqualTo(1_500L);
        assertThat(convert(ColumnType.DATETIME, SqlTypeName.TIMESTAMP, -1L)).isEqualTo(-1L);
        assertThat(convert(ColumnType.DECIMAL, SqlTypeName.DECIMAL, "12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(convert(ColumnType.LARGEINT, SqlTypeName.DECIMAL, "170141183460469231731687303715884105727"))
                .isEqualTo(new BigDecimal("170141183460469231731687303715884105727"));
        assertThat(convert(ColumnType.VARCHAR, SqlTypeName.VARCHAR, "text")).isEqualTo("text");
        assertThat(CalciteValues.columnConversion(ColumnType.DATE, TYPES.createSqlType(SqlTypeName.VARCHAR))).isEmpty();
    }

    @Test
    void computedNumbersFollowTheResultType()
    {
        assertThat(CalciteValues.toCalcite(CalciteValues.numberConversion(true, TYPES.createSqlType(SqlTypeName.DECIMAL, 38, 0)).orElseThrow(), 42L))
                .isEqualTo(BigDecimal.valueOf(42));
        assertThat(CalciteValues.toCalcite(CalciteValues.numberConversion(true, TYPES.createSqlType(SqlTypeName.DOUBLE)).orElseThrow(), 42L))
                .isEqualTo(42.0);
        assertThat(CalciteValues.numberConversion(false, TYPES.createSqlType(SqlTypeName.BIGINT))).isEmpty();
        assertThatThrownBy(() -> CalciteValues.toCalcite(Conversion.LONG_TO_INT, 1L << 40))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void exactAverageRoundsHalfUp()
    {
        assertThat(CalciteValues.exactAverage(19, 4, 4)).isEqualTo(new BigDecimal("4.7500"));
        assertThat(CalciteValues.exactAverage(2, 3, 4)).isEqualTo(new BigDecimal("0.6667"));
        assertThat(CalciteValues.exactAverage(-2, 3, 4)).isEqualTo(new BigDecimal("-0.6667"));
        assertThat(CalciteValues.exactAverage(1, 32, 4)).isEqualTo(new BigDecimal("0.0313"));
        assertThat(CalciteValues.exactAverage(Long.MAX_VALUE, 1, 4)).isEqualTo(new BigDecimal(Long.MAX_VALUE + ".0000"));
    }

    @Test
    void integerColumnsTakeOnlyIntegralLiterals()
    {
        ColumnSchema quantity = column("quantity", ColumnType.INT);
        assertThat(CalciteValues.storageLiteral(quantity, new BigDecimal("10"))).contains(10L);
        assertThat(CalciteValues.storageLiteral(quantity, new BigDecimal("10.0"))).contains(10L);
        assertThat(CalciteValues.storageLiteral(quantity, new BigDecimal("10.5"))).isEmpty();
        assertThat(CalciteValues.storageLiteral(quantity, new BigDecimal("1e30"))).isEmpty();
        assertThat(CalciteValues.storageLiteral(quantity, new NlsString("10", null, null))).isEmpty();
        assertThat(CalciteValues.storageLiteral(column("flag", ColumnType.BOOLEAN), true)).contains(1L);
    }

    @Test
    void otherColumnTypes()
    {
        assertThat(CalciteValues.storageLiteral(column("price", ColumnType.DOUBLE), new BigDecimal("10.25"))).contains(10.25);
        assertThat(CalciteValues.storageLiteral(column("price", ColumnType.DOUBLE), new BigDecimal("1e400"))).isEmpty();
        assertThat(CalciteValues.storageLiteral(column("day", ColumnType.DATE), new DateString("2024-01-02"))).contains(19724L);
        assertThat(CalciteValues.storageLiteral(column("name", ColumnType.VARCHAR), new NlsString("books", null, null))).contains("books");
        ColumnSchema amount = new ColumnSchema("amount", ColumnType.DECIMAL, 10, 2, true, false, AggregationFunction.NONE, Optional.empty(), "");
        assertThat(CalciteValues.storageLiteral(amount, new BigDecimal("12.5"))).contains("12.50");
        assertThat(CalciteValues.storageLiteral(amount, new BigDecimal("12.505"))).isEmpty();
        assertThat(CalciteValues.storageLiteral(column("big", ColumnType.LARGEINT), new BigDecimal("1E+3"))).contains("1000");
    }

    @Test
    void exactNumbersHeldAsTextCompareOnlyForEquality()
    {
        ColumnSchema amount = new ColumnSchema("amount", ColumnType.DECIMAL, 10, 2, true, false, AggregationFunction.NONE, Optional.empty(), "");
        assertThat(CalciteValues.comparison(3, amount, Operator.EQUAL, new BigDecimal("1"))).contains(new ScanPredicate.Compare(3, Operator.EQUAL, "1.00"));
        assertThat(CalciteValues.comparison(3, amount, Operator.LESS, new BigDecimal("1"))).isEmpty();
    }

    @Test
    void datetimeComparisonsCoverTheMillisecond()
    {
        ColumnSchema created = column("created", ColumnType.DATETIME);
        TimestampString timestamp = new TimestampString("1970-01-01 00:00:01.002");
        assertThat(CalciteValues.comparison(0, created, Operator.LESS, timestamp))
                .contains(new ScanPredicate.Compare(0, Operator.LESS, 1_002_000L));
        assertThat(CalciteValues.comparison(0, created, Operator.LESS_OR_EQUAL, timestamp))
                .contains(new ScanPredicate.Compare(0, Operator.LESS, 1_003_000L));
        assertThat(CalciteValues.comparison(0, created, Operator.GREATER, timestamp))
                .contains(new ScanPredicate.Compare(0, Operator.GREATER_OR_EQUAL, 1_003_000L));
        assertThat(CalciteValues.comparison(0, created, Operator.EQUAL, timestamp))
                .contains(new ScanPredicate.And(List.of(
                        new ScanPredicate.Compare(0, Operator.GREATER_OR_EQUAL, 1_002_000L),
                        new ScanPredicate.Compare(0, Operator.LESS, 1_003_000L))));
        assertThat(CalciteValues.inList(0, created, List.of(timestamp), true))
                .contains(new ScanPredicate.Not(new ScanPredicate.And(List.of(
                        new ScanPredicate.Compare(0, Operator.GREATER_OR_EQUAL, 1_002_000L),
                        new ScanPredicate.Compare(0, Operator.LESS, 1_003_000L)))));
        assertThat(CalciteValues.comparison(0, created, Operator.EQUAL, new DateString("2024-01-01"))).isEmpty();
    }

    @Test
    void inLists()
    {
        ColumnSchema quantity = column("quantity", ColumnType.INT);
        assertThat(CalciteValues.inList(1, quantity, List.of(new BigDecimal("1"), new BigDecimal("2")), false))
                .contains(new ScanPredicate.InList(1, List.of(1L, 2L), false));
        assertThat(CalciteValues.inList(1, quantity, List.of(new BigDecimal("1")), true))
                .contains(new ScanPredicate.Compare(1, Operator.NOT_EQUAL, 1L));
        assertThat(CalciteValues.inList(1, quantity, List.of(new BigDecimal("1"), new BigDecimal("2.5")), false)).isEmpty();
    }

    @Test
    void likePatterns()
    {
        assertThat(CalciteValues.mysqlLikePattern("a%b_", Optional.empty())).contains("a%b_");
        // without an ESCAPE clause Calcite's backslash is an ordinary character
        assertThat(CalciteValues.mysqlLikePattern("a\\b", Optional.empty())).contains("a\\\\b");
        assertThat(CalciteValues.mysqlLikePattern("5!%!_!!", Optional.of('!'))).contains("5\\%\\_\\!");
        assertThat(CalciteValues.mysqlLikePattern("a!b", Optional.of('!'))).isEmpty();
        assertThat(CalciteValues.mysqlLikePattern("a!", Optional.of('!'))).isEmpty();
    }

    @Test
    void castsThatChangeNoValue()
    {
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.INTEGER), TYPES.createSqlType(SqlTypeName.BIGINT))).isTrue();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.INTEGER), TYPES.createSqlType(SqlTypeName.DOUBLE))).isTrue();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.BIGINT), TYPES.createSqlType(SqlTypeName.DOUBLE))).isFalse();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.INTEGER), TYPES.createSqlType(SqlTypeName.DECIMAL, 11, 1))).isTrue();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.INTEGER), TYPES.createSqlType(SqlTypeName.DECIMAL, 10, 2))).isFalse();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.BIGINT), TYPES.createSqlType(SqlTypeName.INTEGER))).isFalse();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.VARCHAR, 16), TYPES.createSqlType(SqlTypeName.VARCHAR, 32))).isTrue();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.VARCHAR, 16), TYPES.createSqlType(SqlTypeName.VARCHAR, 8))).isFalse();
        assertThat(CalciteValues.isLosslessWidening(TYPES.createSqlType(SqlTypeName.DATE), TYPES.createSqlType(SqlTypeName.TIMESTAMP))).isFalse();
    }

    private static Object convert(ColumnType source, SqlTypeName target, Object value)
    {
        return CalciteValues.toCalcite(CalciteValues.columnConversion(source, TYPES.createSqlType(target)).orElseThrow(), value);
    }

    private static ColumnSchema column(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "");
    }
}
