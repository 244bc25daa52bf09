package io.sluice.storage.catalog;

import io.sluice.storage.type.ColumnType;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table.
 *
 * @param length for CHAR/VARCHAR the maximum length in characters, for DECIMAL the precision; 0 when not applicable
 * @param scale for DECIMAL the scale; 0 otherwise
 * @param defaultValue the default as SQL literal text, or empty
 */
public record ColumnSchema(
        String name,
        ColumnType type,
        int length,
        int scale,
        boolean nullable,
        boolean key,
        AggregationFunction aggregation,
        Optional<String> defaultValue,
        String comment)
{
    public ColumnSchema
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(comment, "comment is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (length < 0 || scale < 0) {
            throw new IllegalArgumentException("negative length or scale for column " + name);
        }
        if (key && aggregation != AggregationFunction.NONE) {
            throw new IllegalArgumentException("key column " + name + " cannot have an aggregation function");
        }
    }

    /** The type as written in DDL, e.g. {@code varchar(26)} or {@code decimal(10, 2)}. */
    public String typeText()
    {
        return switch (type) {
            case CHAR, VARCHAR -> type.name().toLowerCase() + "(" + length + ")";
            case DECIMAL -> "decimal(" + length + "," + scale + ")";
            case STRING -> "varchar(65533)";
            default -> type.name().toLowerCase();
        };
    }
}
