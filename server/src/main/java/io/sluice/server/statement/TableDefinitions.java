package io.sluice.server.statement;

import io.sluice.sql.ast.DistributionKind;
import io.sluice.sql.ast.KeysType;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlCreateTable;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.ColumnDefaults;
import io.sluice.storage.type.ColumnType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a parsed CREATE TABLE into a validated {@link TableSchema}, with StarRocks' rules: key columns are an
 * ordered prefix of the columns, PRIMARY KEY columns are NOT NULL, aggregate functions only on the value columns of
 * AGGREGATE KEY tables (where every value column needs one). One node: replication_num is kept but never demanded.
 */
final class TableDefinitions
{
    private TableDefinitions() {}

    static TableSchema schema(SqlCreateTable statement)
    {
        KeyModel model = statement.keysType() == null ? KeyModel.DUPLICATE : keyModel(statement.keysType());
        List<SqlColumnDefinition> definitions = statement.columns();
        List<String> keyColumns = statement.keyColumns().isEmpty() ? List.of(definitions.get(0).name()) : statement.keyColumns();
        if (keyColumns.size() > definitions.size()) {
            throw invalid("Key columns should be a ordered prefix of the schema");
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            String keyColumn = keyColumns.get(i);
            if (!definitions.get(i).name().equalsIgnoreCase(keyColumn)) {
                if (definitions.stream().noneMatch(column -> column.name().equalsIgnoreCase(keyColumn))) {
                    throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + keyColumn + "' in key");
                }
                throw invalid("Key columns should be a ordered prefix of the schema: the key starts with " + String.join(", ", keyColumns));
            }
        }
        List<ColumnSchema> columns = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            columns.add(column(definitions.get(i), i < keyColumns.size(), model));
        }
        for (String distributionColumn : statement.distributionColumns()) {
            if (definitions.stream().noneMatch(column -> column.name().equalsIgnoreCase(distributionColumn))) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + distributionColumn + "' in distribution");
            }
        }
        List<String> distribution = statement.distributionColumns();
        if (model != KeyModel.DUPLICATE && statement.distributionKind() == DistributionKind.RANDOM) {
            throw invalid("Random distribution is only supported for DUPLICATE KEY tables; distribute " + model.name() + " KEY tables by HASH of key columns");
        }
        if (model != KeyModel.DUPLICATE) {
            for (String distributionColumn : distribution) {
                if (keyColumns.stream().noneMatch(key -> key.equalsIgnoreCase(distributionColumn))) {
                    throw invalid("Distribution column[" + distributionColumn + "] is not key column");
                }
            }
            if (distribution.isEmpty()) {
                // Keyed tables spread by their key, so rows of one key always meet in one tablet.
                distribution = keyColumns;
            }
        }
        for (ColumnSchema column : columns) {
            validateDefault(column);
        }
        Integer buckets = statement.buckets();
        if (buckets != null && buckets < 1) {
            throw invalid("Number of buckets must be positive: " + buckets);
        }
        try {
            return new TableSchema(columns, model, distribution, buckets == null ? 1 : buckets, statement.properties());
        }
        catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static KeyModel keyModel(KeysType keysType)
    {
        return switch (keysType) {
            case DUPLICATE -> KeyModel.DUPLICATE;
            case AGGREGATE -> KeyModel.AGGREGATE;
            case UNIQUE -> KeyModel.UNIQUE;
            case PRIMARY -> KeyModel.PRIMARY;
        };
    }

    /** A value column for ALTER TABLE ... ADD/MODIFY COLUMN, validated like one in CREATE TABLE. */
    static ColumnSchema valueColumn(SqlColumnDefinition definition, KeyModel model)
    {
        ColumnSchema column = column(definition, false, model);
        validateDefault(column);
        return column;
    }

    /** MySQL's error 1067 for a default the column cannot hold (wrong type, out of range, too long). */
    private static void validateDefault(ColumnSchema column)
    {
        Object value;
        try {
            value = ColumnDefaults.physicalDefault(column);
        }
        catch (SluiceException e) {
            throw invalidDefault(column.name());
        }
        boolean text = column.type() == ColumnType.CHAR || column.type() == ColumnType.VARCHAR;
        if (text && value instanceof String string && string.codePointCount(0, string.length()) > column.length()) {
            throw invalidDefault(column.name());
        }
    }

    private static SluiceException invalidDefault(String column)
    {
        return new SluiceException(ErrorCode.INVALID_DEFAULT, "Invalid default value for '" + column + "'");
    }

    private static ColumnSchema column(SqlColumnDefinition definition, boolean key, KeyModel model)
    {
        ColumnType type = type(definition);
        AggregationFunction aggregation = AggregationFunction.NONE;
        if (definition.aggregateFunction() != null) {
            if (model != KeyModel.AGGREGATE || key) {
                throw invalid("Aggregate function " + definition.aggregateFunction() + " on column " + definition.name()
                        + " is only allowed on value columns of an AGGREGATE KEY table");
            }
            aggregation = switch (definition.aggregateFunction()) {
                case "SUM" -> AggregationFunction.SUM;
                case "MAX" -> AggregationFunction.MAX;
                case "MIN" -> AggregationFunction.MIN;
                case "REPLACE" -> AggregationFunction.REPLACE;
                case "REPLACE_IF_NOT_NULL" -> AggregationFunction.REPLACE_IF_NOT_NULL;
                default -> throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Aggregate function " + definition.aggregateFunction() + " is not supported");
            };
            if (aggregation == AggregationFunction.SUM && !isNumeric(type)) {
                throw invalid("SUM is not allowed on column " + definition.name() + " of type " + type.name().toLowerCase(Locale.ROOT));
            }
        }
        else if (model == KeyModel.AGGREGATE && !key) {
            throw invalid("Value column " + definition.name() + " of an AGGREGATE KEY table needs an aggregate function (SUM, MAX, MIN, REPLACE, REPLACE_IF_NOT_NULL)");
        }
        boolean nullable;
        if (key && model == KeyModel.PRIMARY) {
            if (Boolean.TRUE.equals(definition.nullable())) {
                throw invalid("Primary key column " + definition.name() + " cannot be nullable");
            }
            nullable = false;
        }
        else {
            nullable = definition.nullable() == null || definition.nullable();
        }
        if (definition.nullDefault() && !nullable) {
            // NOT NULL DEFAULT NULL, or DEFAULT NULL on a PRIMARY KEY column (never nullable)
            throw invalidDefault(definition.name());
        }
        if (key && (type == ColumnType.FLOAT || type == ColumnType.DOUBLE || type == ColumnType.JSON)) {
            throw invalid("Column " + definition.name() + " of type " + type.name().toLowerCase(Locale.ROOT) + " cannot be a key column");
        }
        int length = switch (type) {
            case CHAR, VARCHAR -> definition.length() == null ? 1 : definition.length();
            case DECIMAL -> definition.length() == null ? 10 : definition.length();
            default -> 0;
        };
        int scale = type == ColumnType.DECIMAL && definition.scale() != null ? definition.scale() : 0;
        if (type == ColumnType.DECIMAL && (length < 1 || length > 38 || scale > length)) {
            throw invalid("Invalid decimal(" + length + "," + scale + ") for column " + definition.name() + ": precision must be 1 to 38 and scale at most precision");
        }
        if ((type == ColumnType.VARCHAR || type == ColumnType.CHAR) && (length < 1 || length > 1_048_576)) {
            throw invalid("Invalid length " + length + " for column " + definition.name());
        }
        return new ColumnSchema(definition.name(), type, length, scale, nullable, key, aggregation,
                Optional.ofNullable(definition.defaultValue()), definition.comment() == null ? "" : definition.comment());
    }

    private static ColumnType type(SqlColumnDefinition definition)
    {
        try {
            return ColumnType.valueOf(definition.typeName());
        }
        catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Type " + definition.typeName() + " of column " + definition.name() + " is not supported");
        }
    }

    private static boolean isNumeric(ColumnType type)
    {
        return type.isInteger() || type == ColumnType.LARGEINT || type == ColumnType.FLOAT || type == ColumnType.DOUBLE || type == ColumnType.DECIMAL;
    }

    private static SluiceException invalid(String message)
    {
        return new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, message);
    }
}
