package io.sluice.loader.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.type.ColumnType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Converts one source value into a column's physical value (long, double or String). Values that cannot be read as
 * the type raise {@link ConversionException#invalidValue}; values that read but do not fit (out of range, too long,
 * too many decimals) raise a plain {@link ConversionException}: nothing is truncated or rounded silently.
 * Temporal encodings: DATE is days since 1970-01-01, DATETIME microseconds since 1970-01-01T00:00 (no zone).
 *
 * <p>Text is parsed where it lies (no String for numbers and dates); a String is made only for string columns.
 */
public final class ValueConverter
{
    /** STRING is VARCHAR(65533), as in StarRocks (in characters here, like VARCHAR(n)). */
    public static final int STRING_MAXIMUM_LENGTH = 65533;

    private static final BigInteger LARGEINT_MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger LARGEINT_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Longer number text is rejected before parsing: BigDecimal work is superlinear, and 38 digits fit in far less. */
    private static final int MAXIMUM_NUMBER_TEXT_LENGTH = 128;

    private ValueConverter() {}

    /** Stores slot's value (NULL for a NULL or missing value) into the column of the builder's current row. */
    public static void store(ColumnBatchBuilder builder, int column, ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        byte kind = row.kind(slot);
        if (kind == SourceRow.NULL || kind == SourceRow.MISSING) {
            builder.setNull(column);
            return;
        }
        switch (schema.type().physicalType()) {
            case LONG -> builder.setLong(column, toLong(schema, row, slot));
            case DOUBLE -> builder.setDouble(column, toDouble(schema, row, slot));
            case STRING -> builder.setString(column, toText(schema, row, slot));
        }
    }

    /**
     * Stores an object (Long, Integer, Double, BigDecimal, Boolean, String, or null for NULL; anything else as its
     * text), as an INSERT value or an expression result.
     */
    public static void storeObject(ColumnBatchBuilder builder, int column, ColumnSchema schema, Object value)
            throws ConversionException
    {
        if (value == null) {
            builder.setNull(column);
            return;
        }
        SourceRow row = new SourceRow(1);
        setObject(row, 0, value);
        store(builder, column, schema, row, 0);
    }

    /** Puts an object into a slot the way {@link #storeObject} reads it. */
    static void setObject(SourceRow row, int slot, Object value)
    {
        if (value == null) {
            row.setNull(slot);
        }
        else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            row.setLong(slot, ((Number) value).longValue());
        }
        else if (value instanceof Double || value instanceof Float) {
            row.setDouble(slot, ((Number) value).doubleValue());
        }
        else if (value instanceof Boolean bool) {
            row.setBoolean(slot, bool);
        }
        else if (value instanceof BigDecimal decimal) {
            row.setText(slot, decimal.toPlainString());
        }
        else {
            row.setText(slot, value.toString());
        }
    }

    /** The value of a non-NULL slot for a column held as longs: integers, BOOLEAN, DATE, DATETIME. */
    static long toLong(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        byte kind = row.kind(slot);
        return switch (schema.type()) {
            case DATE -> switch (kind) {
                case SourceRow.LONG -> TemporalParser.dateFromNumber(row.longValue(slot), schema.name());
                case SourceRow.TEXT, SourceRow.JSON -> TemporalParser.parseDate(row.chars(slot), schema.name());
                default -> throw invalid(schema, row, slot);
            };
            case DATETIME -> switch (kind) {
                case SourceRow.LONG -> TemporalParser.dateTimeFromNumber(row.longValue(slot), schema.name());
                case SourceRow.TEXT, SourceRow.JSON -> TemporalParser.parseDateTime(row.chars(slot), schema.name());
                default -> throw invalid(schema, row, slot);
            };
            default -> integer(schema, row, slot);
        };
    }

    /** The value of a non-NULL slot for FLOAT and DOUBLE columns. */
    static double toDouble(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        double value = switch (row.kind(slot)) {
            case SourceRow.LONG, SourceRow.BOOLEAN -> row.longValue(slot);
            case SourceRow.DOUBLE -> row.doubleValue(slot);
            default -> parseDouble(schema, row, slot);
        };
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw invalid(schema, row, slot);
        }
        if (schema.type() == ColumnType.FLOAT && Math.abs(value) > Float.MAX_VALUE) {
            throw outOfRange(schema, text(row, slot));
        }
        return value;
    }

    /** The value of a non-NULL slot for columns held as Strings: CHAR, VARCHAR, STRING, JSON, DECIMAL, LARGEINT. */
    static String toText(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        return switch (schema.type()) {
            case JSON -> json(schema, row, slot);
            case DECIMAL -> decimal(schema, text(row, slot));
            case LARGEINT -> largeInt(schema, text(row, slot));
            default -> checkLength(schema, text(row, slot));
        };
    }

    private static long integer(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        long value;
        switch (row.kind(slot)) {
            case SourceRow.LONG, SourceRow.BOOLEAN -> value = row.longValue(slot);
            case SourceRow.DOUBLE -> {
                double number = row.doubleValue(slot);
                if (number != Math.rint(number)) {
                    throw invalid(schema, row, slot);
                }
                if (Math.abs(number) >= 0x1p63) {
                    throw outOfRange(schema, text(row, slot));
                }
                value = (long) number;
            }
            default -> {
                long plain = row.plainLong(slot);
                value = plain != SourceRow.NOT_A_PLAIN_LONG ? plain : parseInteger(schema, row.chars(slot));
            }
        }
        if (value < schema.type().minimumValue() || value > schema.type().maximumValue()) {
            throw outOfRange(schema, Long.toString(value));
        }
        return value;
    }

    /** An integer written in text: digits (fast), or a decimal number with an integral value (2.0, 1e3). */
    private static long parseInteger(ColumnSchema schema, CharSequence text)
            throws ConversionException
    {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            throw invalidText(schema, text);
        }
        boolean negative = text.charAt(start) == '-';
        int position = negative || text.charAt(start) == '+' ? start + 1 : start;
        if (position < end && end - position <= 18) {
            // Up to 18 digits cannot overflow: the usual case, parsed without objects.
            long value = 0;
            int digits = position;
            while (digits < end) {
                int digit = text.charAt(digits) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
                digits++;
            }
            if (digits == end) {
                return negative ? -value : value;
            }
        }
        if (schema.type() == ColumnType.BOOLEAN) {
            String word = text.subSequence(start, end).toString();
            if (word.equalsIgnoreCase("true")) {
                return 1;
            }
            if (word.equalsIgnoreCase("false")) {
                return 0;
            }
        }
        BigDecimal decimal = parseDecimal(schema, text, start, end);
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            throw invalidText(schema, text);
        }
        if (decimal.compareTo(LONG_MIN) < 0 || decimal.compareTo(LONG_MAX) > 0) {
            throw outOfRange(schema, text.subSequence(start, end).toString());
        }
        return decimal.longValue();
    }

    private static BigDecimal parseDecimal(ColumnSchema schema, CharSequence text, int start, int end)
            throws ConversionException
    {
        // BigDecimal accepts digits, one dot, an exponent; rule out its other forms and huge inputs first.
        if (end - start > MAXIMUM_NUMBER_TEXT_LENGTH) {
            throw invalidText(schema, text);
        }
        for (int i = start; i < end; i++) {
            char character = text.charAt(i);
            if (!(character >= '0' && character <= '9') && character != '.' && character != 'e' && character != 'E' && character != '-' && character != '+') {
                throw invalidText(schema, text);
            }
        }
        try {
            return new BigDecimal(text.subSequence(start, end).toString());
        }
        catch (NumberFormatException | ArithmeticException e) {
            throw invalidText(schema, text);
        }
    }

    private static double parseDouble(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        CharSequence text = row.chars(slot);
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing 'd' or 'f': not numbers in SQL.
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char character = text.charAt(i);
            if (character >= '0' && character <= '9') {
                digit = true;
            }
            else if (character != '.' && character != 'e' && character != 'E' && character != '-' && character != '+') {
                throw invalidText(schema, text);
            }
        }
        if (!digit || end - start > MAXIMUM_NUMBER_TEXT_LENGTH) {
            throw invalidText(schema, text);
        }
        try {
            return Double.parseDouble(text.subSequence(start, end).toString());
        }
        catch (NumberFormatException e) {
            throw invalidText(schema, text);
        }
    }

    /** The value as text for string columns: numbers and booleans as written in SQL. */
    private static String text(SourceRow row, int slot)
    {
        return switch (row.kind(slot)) {
            case SourceRow.LONG -> Long.toString(row.longValue(slot));
            case SourceRow.DOUBLE -> Double.toString(row.doubleValue(slot));
            case SourceRow.BOOLEAN -> row.longValue(slot) != 0 ? "true" : "false";
            default -> row.text(slot);
        };
    }

    /** The most characters a CHAR, VARCHAR or STRING column takes. */
    static int maximumLength(ColumnSchema schema)
    {
        return switch (schema.type()) {
            case STRING -> STRING_MAXIMUM_LENGTH;
            case CHAR, VARCHAR -> schema.length() > 0 ? schema.length() : STRING_MAXIMUM_LENGTH;
            default -> Integer.MAX_VALUE;
        };
    }

    private static String checkLength(ColumnSchema schema, String value)
            throws ConversionException
    {
        int maximum = maximumLength(schema);
        // Characters are code points: a UTF-16 length within the limit is always fine.
        if (value.length() > maximum && value.codePointCount(0, value.length()) > maximum) {
            throw new ConversionException("Value '" + abbreviate(value) + "' is longer than " + maximum + " characters for column " + schema.name());
        }
        return value;
    }

    /**
     * JSON columns hold compact JSON text. Values from JSON messages are JSON already (a string stays a JSON string);
     * text from elsewhere (CSV, INSERT, expressions) must be JSON text, like MySQL's and StarRocks' JSON columns.
     */
    private static String json(ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        switch (row.kind(slot)) {
            case SourceRow.JSON -> {
                return row.text(slot);
            }
            case SourceRow.TEXT -> {
                if (row.textIsJsonString()) {
                    CompactJsonWriter writer = new CompactJsonWriter();
                    writer.writeQuoted(row.chars(slot));
                    return writer.toString();
                }
                return compactJson(schema, row.text(slot));
            }
            case SourceRow.DOUBLE -> {
                return Double.toString(row.doubleValue(slot));
            }
            default -> {
                return text(row, slot);
            }
        }
    }

    private static String compactJson(ColumnSchema schema, String text)
            throws ConversionException
    {
        CompactJsonWriter writer = new CompactJsonWriter();
        try (JsonParser parser = JsonParsing.parser(text)) {
            JsonToken token = parser.nextToken();
            if (token != null) {
                writer.copyValue(parser, token);
                if (parser.nextToken() == null) {
                    return writer.toString();
                }
            }
        }
        catch (JsonProcessingException e) {
            // not JSON, reported below
        }
        catch (IOException e) {
            throw new IllegalStateException("Reading a String cannot fail", e);
        }
        throw ConversionException.invalidValue("Value '" + abbreviate(text) + "' is not valid JSON for column " + schema.name());
    }

    private static String decimal(ColumnSchema schema, String text)
            throws ConversionException
    {
        String trimmed = text.trim();
        BigDecimal value = parseDecimal(schema, trimmed, 0, trimmed.length());
        if (value.signum() == 0) {
            return BigDecimal.ZERO.setScale(schema.scale()).toPlainString();
        }
        int precision = schema.length() == 0 ? 38 : schema.length();
        // Checked on the exponent before scaling, so that 1e999999999 does not build a billion-digit number.
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > schema.scale()) {
            throw new ConversionException("Value " + abbreviate(trimmed) + " has more than " + schema.scale() + " decimal places for column " + schema.name());
        }
        if ((long) stripped.precision() - stripped.scale() > precision - schema.scale()) {
            throw outOfRange(schema, trimmed);
        }
        return stripped.setScale(schema.scale(), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String largeInt(ColumnSchema schema, String text)
            throws ConversionException
    {
        String trimmed = text.trim();
        // BigInteger parsing is quadratic in the length; a LARGEINT has at most 39 digits.
        if (trimmed.length() > MAXIMUM_NUMBER_TEXT_LENGTH) {
            throw invalidText(schema, text);
        }
        BigInteger value;
        try {
            value = new BigInteger(trimmed);
        }
        catch (NumberFormatException e) {
            throw invalidText(schema, text);
        }
        if (value.compareTo(LARGEINT_MIN) < 0 || value.compareTo(LARGEINT_MAX) > 0) {
            throw outOfRange(schema, trimmed);
        }
        return value.toString();
    }

    private static ConversionException invalid(ColumnSchema schema, SourceRow row, int slot)
    {
        return invalidText(schema, text(row, slot));
    }

    private static ConversionException invalidText(ColumnSchema schema, CharSequence text)
    {
        return ConversionException.invalidValue("Value '" + abbreviate(text) + "' is not a valid " + schema.typeText() + " for column " + schema.name());
    }

    private static ConversionException outOfRange(ColumnSchema schema, String value)
    {
        return new ConversionException("Value " + abbreviate(value) + " is out of range for column " + schema.name() + " of type " + schema.typeText());
    }

    /** At most 100 characters of text, for error messages. */
    public static String abbreviate(CharSequence text)
    {
        if (text.length() <= 100) {
            return text.toString();
        }
        int end = Character.isHighSurrogate(text.charAt(99)) ? 99 : 100;
        return text.subSequence(0, end) + "...";
    }
}
