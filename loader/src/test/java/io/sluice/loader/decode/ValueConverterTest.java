package io.sluice.loader.decode;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConverterTest
{
    private static final ColumnSchema TINYINT = column("t", ColumnType.TINYINT, 0, 0);
    private static final ColumnSchema SMALLINT = column("s", ColumnType.SMALLINT, 0, 0);
    private static final ColumnSchema INT = column("i", ColumnType.INT, 0, 0);
    private static final ColumnSchema BIGINT = column("b", ColumnType.BIGINT, 0, 0);
    private static final ColumnSchema BOOLEAN = column("flag", ColumnType.BOOLEAN, 0, 0);
    private static final ColumnSchema LARGEINT = column("l", ColumnType.LARGEINT, 0, 0);
    private static final ColumnSchema DOUBLE = column("d", ColumnType.DOUBLE, 0, 0);
    private static final ColumnSchema FLOAT = column("f", ColumnType.FLOAT, 0, 0);
    private static final ColumnSchema VARCHAR_5 = column("v", ColumnType.VARCHAR, 5, 0);
    private static final ColumnSchema CHAR_2 = column("c", ColumnType.CHAR, 2, 0);
    private static final ColumnSchema STRING = column("str", ColumnType.STRING, 0, 0);
    private static final ColumnSchema JSON = column("j", ColumnType.JSON, 0, 0);
    private static final ColumnSchema DECIMAL_5_2 = column("price", ColumnType.DECIMAL, 5, 2);
    private static final ColumnSchema DECIMAL_38_0 = column("big", ColumnType.DECIMAL, 38, 0);
    private static final ColumnSchema DATE = column("day", ColumnType.DATE, 0, 0);
    private static final ColumnSchema DATETIME = column("ts", ColumnType.DATETIME, 0, 0);

    @Test
    void integerRangesPerType()
            throws ConversionException
    {
        assertThat(convert(TINYINT, 127L)).isEqualTo(127L);
        assertThat(convert(TINYINT, -128L)).isEqualTo(-128L);
        assertOutOfRange(TINYINT, 128L, "Value 128 is out of range for column t of type tinyint");
        assertOutOfRange(TINYINT, -129L, "Value -129 is out of range for column t of type tinyint");
        assertOutOfRange(TINYINT, "128", "Value 128 is out of range for column t of type tinyint");

        assertThat(convert(SMALLINT, 32767L)).isEqualTo(32767L);
        assertOutOfRange(SMALLINT, 32768L, "Value 32768 is out of range for column s of type smallint");
        assertOutOfRange(SMALLINT, -32769L, "Value -32769 is out of range for column s of type smallint");

        assertThat(convert(INT, (long) Integer.MIN_VALUE)).isEqualTo((long) Integer.MIN_VALUE);
        assertOutOfRange(INT, 2147483648L, "Value 2147483648 is out of range for column i of type int");

        assertThat(convert(BIGINT, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(convert(BIGINT, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertOutOfRange(BIGINT, "9223372036854775808", "Value 9223372036854775808 is out of range for column b of type bigint");
        assertOutOfRange(BIGINT, "-9223372036854775809", "Value -9223372036854775809 is out of range for column b of type bigint");
    }

    @Test
    void integersFromText()
            throws ConversionException
    {
        assertThat(convert(INT, " 42 ")).isEqualTo(42L);
        assertThat(convert(INT, "-7")).isEqualTo(-7L);
        assertThat(convert(INT, "+7")).isEqualTo(7L);
        // A decimal with an integral value is that integer.
        assertThat(convert(INT, "4.0")).isEqualTo(4L);
        assertThat(convert(INT, "1.5e3")).isEqualTo(1500L);
        assertThat(convert(BIGINT, "000000000000000000000000042")).isEqualTo(42L);
        assertInvalid(INT, "4.5", "Value '4.5' is not a valid int for column i");
        assertInvalid(INT, "", "Value '' is not a valid int for column i");
        assertInvalid(INT, "-", "Value '-' is not a valid int for column i");
        assertInvalid(INT, "12abc", "Value '12abc' is not a valid int for column i");
        assertInvalid(INT, "0x10", "Value '0x10' is not a valid int for column i");
        // Only ASCII digits are digits.
        assertInvalid(INT, "\u0663", "Value '\u0663' is not a valid int for column i");
        assertInvalid(BIGINT, "9".repeat(1000), "is not a valid bigint for column b");
    }

    @Test
    void integersFromDoubles()
            throws ConversionException
    {
        assertThat(convert(INT, 3.0)).isEqualTo(3L);
        assertInvalid(INT, 3.5, "Value '3.5' is not a valid int for column i");
        assertOutOfRange(BIGINT, 1e19, "Value 1.0E19 is out of range for column b of type bigint");
        assertOutOfRange(INT, 1e10, "Value 10000000000 is out of range for column i of type int");
        assertInvalid(BIGINT, Double.NaN, "Value 'NaN' is not a valid bigint for column b");
    }

    @Test
    void booleans()
            throws ConversionException
    {
        assertThat(convert(BOOLEAN, true)).isEqualTo(1L);
        assertThat(convert(BOOLEAN, "FALSE")).isEqualTo(0L);
        assertThat(convert(BOOLEAN, " true ")).isEqualTo(1L);
        assertThat(convert(BOOLEAN, 1L)).isEqualTo(1L);
        assertOutOfRange(BOOLEAN, 2L, "Value 2 is out of range for column flag of type boolean");
        assertInvalid(BOOLEAN, "yes", "Value 'yes' is not a valid boolean for column flag");
        assertThat(convert(INT, true)).isEqualTo(1L);
    }

    @Test
    void largeInt()
            throws ConversionException
    {
        BigInteger maximum = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        assertThat(convert(LARGEINT, maximum.toString())).isEqualTo(maximum.toString());
        assertThat(convert(LARGEINT, maximum.negate().subtract(BigInteger.ONE).toString())).isEqualTo(maximum.negate().subtract(BigInteger.ONE).toString());
        assertThat(convert(LARGEINT, 5L)).isEqualTo("5");
        assertOutOfRange(LARGEINT, maximum.add(BigInteger.ONE).toString(), "out of range for column l of type largeint");
        assertInvalid(LARGEINT, "1.5", "Value '1.5' is not a valid largeint for column l");
        assertInvalid(LARGEINT, "9".repeat(100_000), "is not a valid largeint for column l");
    }

    @Test
    void doubles()
            throws ConversionException
    {
        assertThat(convert(DOUBLE, "1.5e3")).isEqualTo(1500.0);
        assertThat(convert(DOUBLE, " -0.25 ")).isEqualTo(-0.25);
        assertThat(convert(DOUBLE, 875L)).isEqualTo(875.0);
        assertThat(convert(DOUBLE, 2.5)).isEqualTo(2.5);
        assertThat(convert(DOUBLE, "1e308")).isEqualTo(1e308);
        assertInvalid(DOUBLE, "abc", "Value 'abc' is not a valid double for column d");
        // Java's parser takes these; SQL does not.
        for (String text : List.of("NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "", ".", "1e999")) {
            assertInvalid(DOUBLE, text, "is not a valid double for column d");
        }
        assertInvalid(DOUBLE, Double.POSITIVE_INFINITY, "is not a valid double for column d");
        assertThat(convert(FLOAT, "3.4e38")).isEqualTo(3.4e38);
        assertOutOfRange(FLOAT, "3.5e38", "Value 3.5e38 is out of range for column f of type float");
    }

    @Test
    void varcharLengthIsCheckedNotTruncated()
            throws ConversionException
    {
        assertThat(convert(VARCHAR_5, "hello")).isEqualTo("hello");
        assertThat(convert(VARCHAR_5, "héllö")).isEqualTo("héllö");
        assertThat(convert(VARCHAR_5, "\uD83D\uDE00\uD83D\uDE00")).isEqualTo("\uD83D\uDE00\uD83D\uDE00");
        assertThat(convert(VARCHAR_5, "")).isEqualTo("");
        assertThatThrownBy(() -> convert(VARCHAR_5, "hello!"))
                .isInstanceOf(ConversionException.class)
                .hasMessage("Value 'hello!' is longer than 5 characters for column v");
        assertThatThrownBy(() -> convert(CHAR_2, "abc")).hasMessage("Value 'abc' is longer than 2 characters for column c");
        assertThatThrownBy(() -> convert(VARCHAR_5, 123456L)).hasMessage("Value '123456' is longer than 5 characters for column v");
        assertThat(convert(VARCHAR_5, 12345L)).isEqualTo("12345");
        assertThat(convert(VARCHAR_5, false)).isEqualTo("false");
    }

    @Test
    void stringsUpToTheirLength()
            throws ConversionException
    {
        String longest = "x".repeat(ValueConverter.STRING_MAXIMUM_LENGTH);
        assertThat(convert(STRING, longest)).isEqualTo(longest);
        assertThatThrownBy(() -> convert(STRING, longest + "x")).hasMessageStartingWith("Value 'xxx").hasMessageEndingWith("...' is longer than 65533 characters for column str");
        // 65533 characters may be more UTF-16 units.
        String emoji = "\uD83D\uDE00".repeat(ValueConverter.STRING_MAXIMUM_LENGTH);
        assertThat(convert(STRING, emoji)).isEqualTo(emoji);
    }

    @Test
    void jsonColumnsHoldCompactJson()
            throws ConversionException
    {
        // Text from CSV, INSERT or an expression must be JSON.
        assertThat(convert(JSON, " {\"a\": [1, 2.50, \"x\"]} ")).isEqualTo("{\"a\":[1,2.50,\"x\"]}");
        assertThat(convert(JSON, "\"text\"")).isEqualTo("\"text\"");
        assertThat(convert(JSON, 12L)).isEqualTo("12");
        assertThat(convert(JSON, true)).isEqualTo("true");
        assertInvalid(JSON, "{\"a\": ", "Value '{\"a\": ' is not valid JSON for column j");
        assertInvalid(JSON, "abc", "Value 'abc' is not valid JSON for column j");
        assertInvalid(JSON, "{} {}", "is not valid JSON for column j");
        // From a JSON message: a nested value is JSON already, a string is a JSON string.
        SourceRow row = new SourceRow(2, true);
        row.setJson(0, "{\"b\":null}");
        row.setText(1, "say \"hi\"\n");
        assertThat(store(JSON, row, 0)).isEqualTo("{\"b\":null}");
        assertThat(store(JSON, row, 1)).isEqualTo("\"say \\\"hi\\\"\\n\"");
        assertThat(store(STRING, row, 0)).isEqualTo("{\"b\":null}");
    }

    @Test
    void invalidValuesAndValuesThatDoNotFitAreTold()
    {
        // strict_mode turns only the first kind into NULL.
        assertThatThrownBy(() -> convert(INT, "abc")).isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.isInvalidValue()).isTrue());
        assertThatThrownBy(() -> convert(DATE, "2020-02-30")).isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.isInvalidValue()).isTrue());
        assertThatThrownBy(() -> convert(TINYINT, 300L)).isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.isInvalidValue()).isFalse());
        assertThatThrownBy(() -> convert(VARCHAR_5, "toolong")).isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.isInvalidValue()).isFalse());
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1.234")).isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.isInvalidValue()).isFalse());
    }

    @Test
    void decimalPrecisionAndScale()
            throws ConversionException
    {
        assertThat(convert(DECIMAL_5_2, "123.45")).isEqualTo("123.45");
        assertThat(convert(DECIMAL_5_2, "1.5")).isEqualTo("1.50");
        assertThat(convert(DECIMAL_5_2, " -999.99 ")).isEqualTo("-999.99");
        assertThat(convert(DECIMAL_5_2, "0.10")).isEqualTo("0.10");
        assertThat(convert(DECIMAL_5_2, "1.200")).isEqualTo("1.20");
        assertThat(convert(DECIMAL_5_2, "1e2")).isEqualTo("100.00");
        assertThat(convert(DECIMAL_5_2, 7L)).isEqualTo("7.00");
        assertThat(convert(DECIMAL_38_0, "99999999999999999999999999999999999999")).isEqualTo("99999999999999999999999999999999999999");
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1234.5")).hasMessage("Value 1234.5 is out of range for column price of type decimal(5,2)");
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1.234")).hasMessage("Value 1.234 has more than 2 decimal places for column price");
        assertThatThrownBy(() -> convert(DECIMAL_38_0, "100000000000000000000000000000000000000")).hasMessageContaining("is out of range for column big");
        assertInvalid(DECIMAL_5_2, "abc", "Value 'abc' is not a valid decimal(5,2) for column price");
        assertInvalid(DECIMAL_5_2, "", "Value '' is not a valid decimal(5,2) for column price");
    }

    @Test
    void decimalWithHugeExponentIsRejectedQuickly()
    {
        // Scaling these exactly would need a number with a billion digits.
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1e999999999")).hasMessageContaining("is out of range for column price");
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1e-999999999")).hasMessageContaining("has more than 2 decimal places");
        assertThatThrownBy(() -> convert(DECIMAL_5_2, "1" + "0".repeat(100_000))).isInstanceOf(ConversionException.class);
    }

    @Test
    void dates()
            throws ConversionException
    {
        long expected = LocalDate.of(2020, 5, 11).toEpochDay();
        assertThat(convert(DATE, "2020-05-11")).isEqualTo(expected);
        assertThat(convert(DATE, "20200511")).isEqualTo(expected);
        assertThat(convert(DATE, 20200511L)).isEqualTo(expected);
        assertThat(convert(DATE, " 2020-5-11 ")).isEqualTo(expected);
        assertThat(convert(DATE, "2020-05-11 23:59:59")).isEqualTo(expected);
        assertThat(convert(DATE, "2020-05-11T12:00:00.5")).isEqualTo(expected);
        assertThat(convert(DATE, "1970-01-01")).isEqualTo(0L);
        assertThat(convert(DATE, "1969-12-31")).isEqualTo(-1L);
        assertThat(convert(DATE, "2020-02-29")).isEqualTo(LocalDate.of(2020, 2, 29).toEpochDay());
    }

    @Test
    void invalidDates()
    {
        assertInvalid(DATE, "2019-02-29", "Value '2019-02-29' is not a valid date for column day");
        assertInvalid(DATE, "2020-13-01", "Value '2020-13-01' is not a valid date for column day");
        assertInvalid(DATE, "2020-04-31", "Value '2020-04-31' is not a valid date for column day");
        assertInvalid(DATE, "2020-00-10", "Value '2020-00-10' is not a valid date for column day");
        assertInvalid(DATE, "20201301", "Value '20201301' is not a valid date for column day");
        assertInvalid(DATE, "2020-05-11xyz", "Value '2020-05-11xyz' is not a valid date for column day");
        assertInvalid(DATE, "2020-05-11 25:00:00", "Value '2020-05-11 25:00:00' is not a valid date for column day");
        assertInvalid(DATE, "2020/05/11", "Value '2020/05/11' is not a valid date for column day");
        assertInvalid(DATE, "", "Value '' is not a valid date for column day");
        assertInvalid(DATE, "abc", "Value 'abc' is not a valid date for column day");
        assertInvalid(DATE, 202005L, "Value '202005' is not a valid date for column day");
        assertInvalid(DATE, -20200511L, "Value '-20200511' is not a valid date for column day");
        assertInvalid(DATE, Long.MAX_VALUE, "is not a valid date for column day");
    }

    @Test
    void dateTimes()
            throws ConversionException
    {
        assertThat(convert(DATETIME, "2020-05-11 12:34:56")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)));
        assertThat(convert(DATETIME, "2020-05-11T12:34:56")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)));
        assertThat(convert(DATETIME, "2020-05-11 12:34:56.5")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)) + 500_000);
        assertThat(convert(DATETIME, "2020-05-11 12:34:56.000123")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)) + 123);
        // Beyond microseconds the digits are dropped.
        assertThat(convert(DATETIME, "2020-05-11 12:34:56.123456789")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)) + 123_456);
        assertThat(convert(DATETIME, "2020-05-11")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 0, 0)));
        assertThat(convert(DATETIME, "2020-5-1 1:2:3")).isEqualTo(micros(LocalDateTime.of(2020, 5, 1, 1, 2, 3)));
        assertThat(convert(DATETIME, "1969-12-31 23:59:59")).isEqualTo(-1_000_000L);
        assertThat(convert(DATETIME, "2023-11-10T12:00:00")).isEqualTo(micros(LocalDateTime.of(2023, 11, 10, 12, 0)));
        assertThat(convert(DATETIME, 20200511123456L)).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)));
        assertThat(convert(DATETIME, 20200511L)).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 0, 0)));
        assertThat(convert(DATETIME, "20200511123456")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 12, 34, 56)));
        assertThat(convert(DATETIME, "20200511")).isEqualTo(micros(LocalDateTime.of(2020, 5, 11, 0, 0)));
    }

    @Test
    void invalidDateTimes()
    {
        assertInvalid(DATETIME, "2020-05-11 24:00:00", "Value '2020-05-11 24:00:00' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-05-11 12:60:00", "Value '2020-05-11 12:60:00' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-05-11 12:00:61", "Value '2020-05-11 12:00:61' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-02-30 12:00:00", "Value '2020-02-30 12:00:00' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-05-11X12:00:00", "Value '2020-05-11X12:00:00' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-05-11 12:00:00Z", "Value '2020-05-11 12:00:00Z' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "2020-05-11 12", "Value '2020-05-11 12' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "1589191487", "Value '1589191487' is not a valid datetime for column ts");
        assertInvalid(DATETIME, 1589191487L, "Value '1589191487' is not a valid datetime for column ts");
        assertInvalid(DATETIME, 20200511246000L, "Value '20200511246000' is not a valid datetime for column ts");
        assertInvalid(DATETIME, "", "Value '' is not a valid datetime for column ts");
    }

    @Test
    void nullAndMissingSourceValuesAreNull()
            throws ConversionException
    {
        SourceRow row = new SourceRow(2);
        row.clear();
        row.setNull(1);
        for (int slot = 0; slot < 2; slot++) {
            ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(INT.type().physicalType()));
            ValueConverter.store(builder, 0, INT, row, slot);
            builder.commitRow();
            assertThat(builder.build().column(0).isNull(0)).isTrue();
        }
        assertThat(convert(INT, null)).isNull();
    }

    @Test
    void sourceRowKinds()
            throws ConversionException
    {
        SourceRow row = new SourceRow(7);
        row.clear();
        row.setLong(0, 20200511);
        row.setDouble(1, 1.25);
        row.setBoolean(2, true);
        row.setText(3, "2020-05-11");
        char[] chars = "xx 2020-05-12T01:02:03 xx".toCharArray();
        row.setText(4, chars, 3, 19);
        byte[] bytes = "__ 42 __".getBytes(StandardCharsets.US_ASCII);
        row.setAsciiText(5, bytes, 2, 4);
        byte[] utf8 = "é1".getBytes(StandardCharsets.UTF_8);
        assertThat(row.setUtf8Text(6, utf8, 0, utf8.length)).isEqualTo(-1);
        assertThat(store(DATE, row, 0)).isEqualTo(LocalDate.of(2020, 5, 11).toEpochDay());
        assertThat(store(DOUBLE, row, 1)).isEqualTo(1.25);
        assertThat(store(STRING, row, 1)).isEqualTo("1.25");
        assertThat(store(STRING, row, 2)).isEqualTo("true");
        assertThat(store(DATE, row, 3)).isEqualTo(LocalDate.of(2020, 5, 11).toEpochDay());
        assertThat(store(DATETIME, row, 4)).isEqualTo(micros(LocalDateTime.of(2020, 5, 12, 1, 2, 3)));
        assertThat(store(STRING, row, 4)).isEqualTo("2020-05-12T01:02:03");
        assertThat(store(INT, row, 5)).isEqualTo(42L);
        assertThat(store(STRING, row, 5)).isEqualTo(" 42 ");
        assertThat(store(STRING, row, 6)).isEqualTo("é1");
        assertThatThrownBy(() -> store(INT, row, 6)).hasMessage("Value 'é1' is not a valid int for column i");
    }

    @Test
    void plainIntegersAreParsedWhereTheyLie()
            throws ConversionException
    {
        SourceRow row = new SourceRow(1);
        for (String text : List.of("0", "-123", "+5", "999999999999999999", "-999999999999999999")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            row.setAsciiText(0, bytes, 0, bytes.length);
            assertThat(row.plainLong(0)).isEqualTo(Long.parseLong(text));
            row.setText(0, text.toCharArray(), 0, text.length());
            assertThat(row.plainLong(0)).isEqualTo(Long.parseLong(text));
            row.setText(0, text);
            assertThat(row.plainLong(0)).isEqualTo(Long.parseLong(text));
        }
        for (String text : List.of("", "-", "+", " 1", "1 ", "12a", "1.0", "1234567890123456789", "--1")) {
            row.setText(0, text.toCharArray(), 0, text.length());
            assertThat(row.plainLong(0)).as(text).isEqualTo(SourceRow.NOT_A_PLAIN_LONG);
        }
        // What is not plain still converts in full.
        assertThatThrownBy(() -> store(BIGINT, row, 0)).hasMessage("Value '--1' is not a valid bigint for column b");
        assertThat(convert(BIGINT, "1234567890123456789")).isEqualTo(1234567890123456789L);
        assertThat(convert(BIGINT, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void invalidUtf8IsFound()
    {
        SourceRow row = new SourceRow(1);
        for (byte[] invalid : List.of(
                new byte[] {'a', (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xFF})) {
            row.clear();
            assertThat(row.setUtf8Text(0, invalid, 0, invalid.length)).as("%s", Arrays.toString(invalid)).isGreaterThanOrEqualTo(0);
            assertThat(row.kind(0)).isEqualTo(SourceRow.MISSING);
        }
        String valid = "aé€\uD83D\uDE00\u007F\u0080\u07FF\u0800\uFFFF\uDBFF\uDFFF";
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        row.clear();
        assertThat(row.setUtf8Text(0, bytes, 0, bytes.length)).isEqualTo(-1);
        assertThat(row.text(0)).isEqualTo(valid);
    }

    @Test
    void datesAgreeWithJavaTime()
            throws ConversionException
    {
        // Every day of two centuries, straight through the converter (no batch per value: this is a loop of 77,000).
        SourceRow row = new SourceRow(1);
        for (LocalDate date = LocalDate.of(1895, 1, 1); date.getYear() < 2105; date = date.plusDays(1)) {
            row.setText(0, date.toString());
            long epochDay = ValueConverter.toLong(DATE, row, 0);
            if (epochDay != date.toEpochDay()) {
                throw new AssertionError(date + " became epoch day " + epochDay);
            }
        }
        for (String text : List.of("0000-01-01", "0001-02-28", "0004-02-29", "9999-12-31", "2000-02-29")) {
            assertThat(convert(DATE, text)).isEqualTo(LocalDate.parse(text).toEpochDay());
        }
        assertInvalid(DATE, "1900-02-29", "is not a valid date");
        assertInvalid(DATE, "2100-02-29", "is not a valid date");
    }

    @Test
    void abbreviate()
    {
        assertThat(ValueConverter.abbreviate("short")).isEqualTo("short");
        assertThat(ValueConverter.abbreviate("x".repeat(101))).isEqualTo("x".repeat(100) + "...");
    }

    static ColumnSchema column(String name, ColumnType type, int length, int scale)
    {
        return new ColumnSchema(name, type, length, scale, true, false, AggregationFunction.NONE, Optional.empty(), "");
    }

    private static long micros(LocalDateTime dateTime)
    {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), dateTime.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    private static Object convert(ColumnSchema column, Object value)
            throws ConversionException
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(column.type().physicalType()));
        ValueConverter.storeObject(builder, 0, column, value);
        builder.commitRow();
        return builder.build().column(0).objectValue(0);
    }

    private static Object store(ColumnSchema column, SourceRow row, int slot)
            throws ConversionException
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(column.type().physicalType()));
        ValueConverter.store(builder, 0, column, row, slot);
        builder.commitRow();
        return builder.build().column(0).objectValue(0);
    }

    private static void assertOutOfRange(ColumnSchema column, Object value, String message)
    {
        assertThatThrownBy(() -> convert(column, value)).isInstanceOf(ConversionException.class).hasMessageContaining(message);
    }

    private static void assertInvalid(ColumnSchema column, Object value, String message)
    {
        assertThatThrownBy(() -> convert(column, value)).isInstanceOf(ConversionException.class).hasMessageContaining(message);
    }
}
