package io.sluice.storage.table;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.ColumnType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * A column's DEFAULT in physical form (Long, Double, String, or null for NULL), for rows a write does not fill:
 * columns added by ALTER TABLE, columns a partial update or an INSERT column list leaves out.
 */
public final class ColumnDefaults
{
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private ColumnDefaults() {}

    /** Whether the column has an explicit DEFAULT (a NULL default counts) or is nullable. */
    public static boolean hasDefault(ColumnSchema column)
    {
        return column.defaultValue().isPresent() || column.nullable();
    }

    /** The default in physical form; CURRENT_TIMESTAMP is evaluated now. Validated at CREATE/ALTER time. */
    public static Object physicalDefault(ColumnSchema column)
    {
        Optional<String> text = column.defaultValue();
        if (text.isEmpty() || text.get().equalsIgnoreCase("NULL")) {
            if (text.isPresent() && !column.nullable()) {
                throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Invalid default value for '" + column.name() + "': NULL for a NOT NULL column");
            }
            return null;
        }
        String value = text.get();
        try {
            return switch (column.type()) {
                case BOOLEAN -> value.equalsIgnoreCase("true") ? 1L : value.equalsIgnoreCase("false") ? 0L : checkedLong(column, Long.parseLong(value.trim()));
                case TINYINT, SMALLINT, INT, BIGINT -> checkedLong(column, Long.parseLong(value.trim()));
                case FLOAT, DOUBLE -> Double.parseDouble(value.trim());
                case DATE -> LocalDate.parse(value.trim()).toEpochDay();
                case DATETIME -> dateTimeMicros(value.trim());
                case LARGEINT, DECIMAL -> new BigDecimal(value.trim()).toPlainString();
                case CHAR, VARCHAR, STRING, JSON -> value;
            };
        }
        catch (RuntimeException e) {
            if (e instanceof SluiceException sluiceException) {
                throw sluiceException;
            }
            throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Invalid default value for '" + column.name() + "': " + value);
        }
    }

    /**
     * The default as a literal fixed now: CURRENT_TIMESTAMP becomes the current time, no default becomes {@code NULL}.
     * Validates it like {@link #physicalDefault}.
     */
    public static String literal(ColumnSchema column)
    {
        Object value = physicalDefault(column);
        if (value == null) {
            return "NULL";
        }
        String text = column.defaultValue().orElseThrow();
        if (column.type() == ColumnType.DATETIME) {
            long micros = (Long) value;
            LocalDateTime dateTime = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            return dateTime.toLocalDate() + " " + dateTime.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS"));
        }
        return text;
    }

    /** The physical value of a literal as {@link #literal} wrote it, for a column of this type. */
    public static Object physicalValue(ColumnSchema column, String literal)
    {
        return physicalDefault(new ColumnSchema(column.name(), column.type(), column.length(), column.scale(), true, false,
                column.aggregation(), Optional.of(literal), ""));
    }

    private static long checkedLong(ColumnSchema column, long value)
    {
        if (!column.type().fits(value)) {
            throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Invalid default value for '" + column.name() + "': out of range");
        }
        return value;
    }

    private static long dateTimeMicros(String value)
    {
        LocalDateTime dateTime = value.equalsIgnoreCase("CURRENT_TIMESTAMP") || value.equalsIgnoreCase("NOW()")
                ? LocalDateTime.now()
                : LocalDateTime.parse(value, DATETIME);
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dateTime.getNano() / 1000;
    }
}
