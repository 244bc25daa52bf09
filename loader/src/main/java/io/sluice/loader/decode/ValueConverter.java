package io.sluice.loader.decode;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.type.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Converts one source value into a table column of the batch being built. Values that do not fit (out of range,
 * too long, unparseable) raise {@link ConversionException}; nothing is truncated silently.
 * Temporal encodings: DATE is days since 1970-01-01, DATETIME microseconds since 1970-01-01T00:00 (no zone).
 */
public final class ValueConverter
{
    private static final BigInteger LARGEINT_MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger LARGEINT_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    /** Longer DECIMAL or LARGEINT text is rejected before parsing: 38 significant digits fit in far less. */
    private static final int MAXIMUM_NUMBER_TEXT_LENGTH = 128;

    private ValueConverter() {}

    public static void store(ColumnBatchBuilder builder, int column, ColumnSchema schema, SourceRow row, int slot)
            throws ConversionException
    {
        store(builder, column, schema, row.kind(slot), row.longValue(slot), row.doubleValue(slot), row.text(slot));
    }

    public static void storeObject(ColumnBatchBuilder builder, int column, ColumnSchema schema, Object value)
            throws ConversionException
    {
        if (value == null) {
            builder.setNull(column);
        }
        else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            store(builder, column, schema, SourceRow.LONG, ((Number) value).longValue(), 0, null);
        }
        else if (value instanceof Double || value instanceof Float) {
            store(builder, column, schema, SourceRow.DOUBLE, 0, ((Number) value).doubleValue(), null);
        }
        else if (value instanceof Boolean bool) {
            store(builder, column, schema, SourceRow.BOOLEAN, bool ? 1 : 0, 0, null);
        }
        else {
            store(builder, column, schema, SourceRow.TEXT, 0, 0, value.toString());
        }
    }

    private static void store(ColumnBatchBuilder builder, int column, ColumnSchema schema, byte kind, long longValue, double doubleValue, String text)
            throws ConversionException
    {
        if (kind == SourceRow.NULL || kind == SourceRow.MISSING) {
            builder.setNull(column);
            return;
        }
        ColumnType type = schema.type();
        switch (type) {
            case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT -> builder.setLong(column, integer(schema, kind, longValue, doubleValue, text));
            case FLOAT, DOUBLE -> builder.setDouble(column, switch (kind) {
                case SourceRow.LONG, SourceRow.BOOLEAN -> (double) longValue;
                case SourceRow.DOUBLE -> doubleValue;
                default -> parseDouble(schema, text);
            });
            case DATE -> builder.setLong(column, kind == SourceRow.TEXT ? TemporalParser.parseDate(text, schema.name()) : TemporalParser.dateFromNumber(longValue, schema.name()));
            case DATETIME -> builder.setLong(column, kind == SourceRow.TEXT ? TemporalParser.parseDateTime(text, schema.name()) : TemporalParser.dateTimeFromNumber(longValue, schema.name()));
            case CHAR, VARCHAR -> builder.setString(column, checkLength(schema, text(kind, longValue, doubleValue, text)));
            case STRING, JSON -> builder.setString(column, text(kind, longValue, doubleValue, text));
            case DECIMAL -> builder.setString(column, decimal(schema, text(kind, longValue, doubleValue, text)));
            case LARGEINT -> builder.setString(column, largeInt(schema, text(kind, longValue, doubleValue, text)));
        }
    }

    private static long integer(ColumnSchema schema, byte kind, long longValue, double doubleValue, String text)
            throws ConversionException
    {
        long value;
        switch (kind) {
            case SourceRow.LONG, SourceRow.BOOLEAN -> value = longValue;
            case SourceRow.DOUBLE -> {
                if (doubleValue != Math.rint(doubleValue) || Math.abs(doubleValue) > 9.2e18) {
                    throw new ConversionException("Value " + doubleValue + " is not a valid " + schema.typeText() + " for column " + schema.name());
                }
                value = (long) doubleValue;
            }
            default -> {
                String trimmed = text.trim();
                if (schema.type() == ColumnType.BOOLEAN && (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false"))) {
                    return trimmed.equalsIgnoreCase("true") ? 1 : 0;
                }
                try {
                    value = Long.parseLong(trimmed);
                }
                catch (NumberFormatException e) {
                    throw new ConversionException("Value '" + abbreviate(text) + "' is not a valid " + schema.typeText() + " for column " + schema.name());
                }
            }
        }
        if (value < schema.type().minimumValue() || value > schema.type().maximumValue()) {
            throw new ConversionException("Value " + value + " is out of range for column " + schema.name() + " of type " + schema.typeText());
        }
        return value;
    }

    private static double parseDouble(ColumnSchema schema, String text)
            throws ConversionException
    {
        try {
            return Double.parseDouble(text.trim());
        }
        catch (NumberFormatException e) {
            throw new ConversionException("Value '" + abbreviate(text) + "' is not a valid " + schema.typeText() + " for column " + schema.name());
        }
    }

    private static String text(byte kind, long longValue, double doubleValue, String text)
    {
        return switch (kind) {
            case SourceRow.LONG -> Long.toString(longValue);
            case SourceRow.DOUBLE -> Double.toString(doubleValue);
            case SourceRow.BOOLEAN -> longValue != 0 ? "true" : "false";
            default -> text;
        };
    }

    private static String checkLength(ColumnSchema schema, String value)
            throws ConversionException
    {
        if (schema.length() > 0 && value.codePointCount(0, value.length()) > schema.length()) {
            throw new ConversionException("Value '" + abbreviate(value) + "' is longer than " + schema.length() + " characters for column " + schema.name());
        }
        return value;
    }

    private static String decimal(ColumnSchema schema, String text)
            throws ConversionException
    {
        String trimmed = text.trim();
        // BigDecimal parsing and scaling are superlinear: a huge text could stall the task for minutes.
        if (trimmed.length() > MAXIMUM_NUMBER_TEXT_LENGTH) {
            throw new ConversionException("Value '" + abbreviate(text) + "' is too long for column " + schema.name() + " of type " + schema.typeText());
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        }
        catch (NumberFormatException e) {
            throw new ConversionException("Value '" + abbreviate(text) + "' is not a valid " + schema.typeText() + " for column " + schema.name());
        }
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
            throw new ConversionException("Value " + abbreviate(trimmed) + " is out of range for column " + schema.name() + " of type " + schema.typeText());
        }
        return stripped.setScale(schema.scale(), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String largeInt(ColumnSchema schema, String text)
            throws ConversionException
    {
        String trimmed = text.trim();
        // BigInteger parsing is quadratic in the length; a LARGEINT has at most 39 digits.
        if (trimmed.length() > MAXIMUM_NUMBER_TEXT_LENGTH) {
            throw new ConversionException("Value '" + abbreviate(text) + "' is not a valid largeint for column " + schema.name());
        }
        BigInteger value;
        try {
            value = new BigInteger(trimmed);
        }
        catch (NumberFormatException e) {
            throw new ConversionException("Value '" + abbreviate(text) + "' is not a valid largeint for column " + schema.name());
        }
        if (value.compareTo(LARGEINT_MIN) < 0 || value.compareTo(LARGEINT_MAX) > 0) {
            throw new ConversionException("Value " + abbreviate(trimmed) + " is out of range for column " + schema.name() + " of type largeint");
        }
        return value.toString();
    }

    static String abbreviate(String text)
    {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
