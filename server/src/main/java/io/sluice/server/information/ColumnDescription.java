package io.sluice.server.information;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;

import static java.util.Objects.requireNonNull;

/**
 * A table column as MySQL describes it in information_schema.COLUMNS and SHOW COLUMNS: the names and sizes JDBC
 * drivers and BI tools map to their own types. LARGEINT has no MySQL type, so it shows as DECIMAL(38,0), the type
 * queries give it; BOOLEAN shows as tinyint(1), which drivers read as a boolean.
 *
 * @param characterMaximumLength null for non-character types, like every other size that does not apply
 */
public record ColumnDescription(
        String dataType,
        String columnType,
        Long characterMaximumLength,
        Long characterOctetLength,
        Long numericPrecision,
        Long numericScale,
        Long datetimePrecision,
        String characterSetName,
        String collationName,
        String columnKey,
        String extra)
{
    public static final String CHARACTER_SET = "utf8mb4";
    public static final String COLLATION = "utf8mb4_general_ci";
    public static final String PRIVILEGES = "select,insert,update,references";

    public ColumnDescription
    {
        requireNonNull(dataType, "dataType is null");
        requireNonNull(columnType, "columnType is null");
        requireNonNull(columnKey, "columnKey is null");
        requireNonNull(extra, "extra is null");
    }

    public static ColumnDescription of(ColumnSchema column, KeyModel keyModel)
    {
        String key = column.key() && hasUniqueKey(keyModel) ? "PRI" : "";
        String extra = column.aggregation() == AggregationFunction.NONE ? "" : column.aggregation().name();
        return switch (column.type()) {
            case BOOLEAN -> integer("tinyint", "tinyint(1)", 3, key, extra);
            case TINYINT -> integer("tinyint", "tinyint(4)", 3, key, extra);
            case SMALLINT -> integer("smallint", "smallint(6)", 5, key, extra);
            case INT -> integer("int", "int(11)", 10, key, extra);
            case BIGINT -> integer("bigint", "bigint(20)", 19, key, extra);
            case LARGEINT -> new ColumnDescription("decimal", "decimal(38,0)", null, null, 38L, 0L, null, null, null, key, extra);
            case FLOAT -> new ColumnDescription("float", "float", null, null, 12L, null, null, null, null, key, extra);
            case DOUBLE -> new ColumnDescription("double", "double", null, null, 22L, null, null, null, null, key, extra);
            case DECIMAL -> new ColumnDescription("decimal", "decimal(" + column.length() + "," + column.scale() + ")",
                    null, null, (long) column.length(), (long) column.scale(), null, null, null, key, extra);
            case CHAR -> character("char", column.length(), key, extra);
            case VARCHAR -> character("varchar", column.length(), key, extra);
            case STRING -> character("varchar", 65533, key, extra);
            case DATE -> new ColumnDescription("date", "date", null, null, null, null, null, null, null, key, extra);
            case DATETIME -> new ColumnDescription("datetime", "datetime", null, null, null, null, 0L, null, null, key, extra);
            case JSON -> new ColumnDescription("json", "json", null, null, null, null, null, null, null, key, extra);
        };
    }

    /** Key columns identify a row in every model but DUPLICATE KEY, whose key only orders the rows. */
    public static boolean hasUniqueKey(KeyModel keyModel)
    {
        return keyModel != KeyModel.DUPLICATE;
    }

    /** The collation of character columns, null for the others (SHOW FULL COLUMNS prints NULL there). */
    public boolean isCharacter()
    {
        return characterSetName != null;
    }

    private static ColumnDescription integer(String dataType, String columnType, long precision, String key, String extra)
    {
        return new ColumnDescription(dataType, columnType, null, null, precision, 0L, null, null, null, key, extra);
    }

    private static ColumnDescription character(String dataType, int length, String key, String extra)
    {
        return new ColumnDescription(dataType, dataType + "(" + length + ")", (long) length, 4L * length, null, null, null,
                CHARACTER_SET, COLLATION, key, extra);
    }
}
