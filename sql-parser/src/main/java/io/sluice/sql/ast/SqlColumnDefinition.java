package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Objects;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One column of CREATE TABLE:
 * {@code name type [aggregate_function] [NULL | NOT NULL] [DEFAULT value] [AUTO_INCREMENT] [COMMENT 'x']}.
 * Type names are canonical (INTEGER is INT, TEXT is STRING...); display widths such as {@code int(11)} are dropped.
 */
public final class SqlColumnDefinition
{
    public static final Set<String> TYPE_NAMES = Set.of(
            "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "DECIMAL",
            "CHAR", "VARCHAR", "STRING", "DATE", "DATETIME", "JSON");
    public static final Set<String> AGGREGATE_FUNCTIONS = Set.of(
            "SUM", "MAX", "MIN", "REPLACE", "REPLACE_IF_NOT_NULL", "HLL_UNION", "BITMAP_UNION", "PERCENTILE_UNION");
    public static final String CURRENT_TIMESTAMP = "CURRENT_TIMESTAMP";

    private final SqlParserPos position;
    private final String name;
    private final String typeName;
    private final Integer length;
    private final Integer scale;
    private final Boolean nullable;
    private final String aggregateFunction;
    private final String defaultValue;
    private final boolean nullDefault;
    private final boolean autoIncrement;
    private final String comment;

    /** A column without {@code DEFAULT NULL}. */
    public SqlColumnDefinition(
            SqlParserPos position,
            String name,
            String typeName,
            Integer length,
            Integer scale,
            Boolean nullable,
            String aggregateFunction,
            String defaultValue,
            boolean autoIncrement,
            String comment)
    {
        this(position, name, typeName, length, scale, nullable, aggregateFunction, defaultValue, false, autoIncrement, comment);
    }

    /**
     * @param defaultValue the default as literal text, or null for none and for {@code DEFAULT NULL}
     * @param nullDefault whether {@code DEFAULT NULL} was written (then {@code defaultValue} is null)
     */
    public SqlColumnDefinition(
            SqlParserPos position,
            String name,
            String typeName,
            Integer length,
            Integer scale,
            Boolean nullable,
            String aggregateFunction,
            String defaultValue,
            boolean nullDefault,
            boolean autoIncrement,
            String comment)
    {
        this.position = requireNonNull(position, "position is null");
        this.name = requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        this.typeName = requireNonNull(typeName, "typeName is null");
        if (!TYPE_NAMES.contains(typeName)) {
            throw new IllegalArgumentException("unknown type name: " + typeName);
        }
        if (length != null) {
            if (length < 0) {
                throw new IllegalArgumentException("negative length: " + length);
            }
            if (!typeName.equals("CHAR") && !typeName.equals("VARCHAR") && !typeName.equals("DECIMAL")) {
                throw new IllegalArgumentException("a length or precision is not valid for " + typeName);
            }
        }
        if (scale != null && (scale < 0 || length == null || !typeName.equals("DECIMAL"))) {
            throw new IllegalArgumentException("scale needs a DECIMAL precision: " + scale);
        }
        if (aggregateFunction != null && !AGGREGATE_FUNCTIONS.contains(aggregateFunction)) {
            throw new IllegalArgumentException("unknown aggregate function: " + aggregateFunction);
        }
        this.length = length;
        this.scale = scale;
        this.nullable = nullable;
        this.aggregateFunction = aggregateFunction;
        if (nullDefault && defaultValue != null) {
            throw new IllegalArgumentException("a DEFAULT NULL column has no default value: " + defaultValue);
        }
        this.defaultValue = defaultValue;
        this.nullDefault = nullDefault;
        this.autoIncrement = autoIncrement;
        this.comment = comment;
    }

    /** Where the column name was written, for errors about this column. */
    public SqlParserPos position()
    {
        return position;
    }

    public String name()
    {
        return name;
    }

    /** One of {@link #TYPE_NAMES}. */
    public String typeName()
    {
        return typeName;
    }

    /** CHAR/VARCHAR length or DECIMAL precision; null when not written. */
    public Integer length()
    {
        return length;
    }

    /** DECIMAL scale; null when not written. */
    public Integer scale()
    {
        return scale;
    }

    /** TRUE for NULL, FALSE for NOT NULL, null when neither was written. */
    public Boolean nullable()
    {
        return nullable;
    }

    /** One of {@link #AGGREGATE_FUNCTIONS}, or null. */
    public String aggregateFunction()
    {
        return aggregateFunction;
    }

    /** The default as literal text (unquoted), {@link #CURRENT_TIMESTAMP}, or null when none or NULL. */
    public String defaultValue()
    {
        return defaultValue;
    }

    /** Whether {@code DEFAULT NULL} was written, which a NOT NULL column must not have. */
    public boolean nullDefault()
    {
        return nullDefault;
    }

    public boolean autoIncrement()
    {
        return autoIncrement;
    }

    public String comment()
    {
        return comment;
    }

    void unparse(SqlWriter writer)
    {
        writer.identifier(name, true);
        writer.keyword(typeName);
        if (length != null) {
            writer.setNeedWhitespace(false);
            writer.print("(" + length + (scale == null ? "" : ", " + scale) + ")");
            writer.setNeedWhitespace(true);
        }
        if (aggregateFunction != null) {
            writer.keyword(aggregateFunction);
        }
        if (nullable != null) {
            writer.keyword(nullable ? "NULL" : "NOT NULL");
        }
        if (nullDefault) {
            writer.keyword("DEFAULT NULL");
        }
        if (defaultValue != null) {
            writer.keyword("DEFAULT");
            if (defaultValue.equals(CURRENT_TIMESTAMP)) {
                writer.keyword(CURRENT_TIMESTAMP);
            }
            else {
                Unparsing.stringLiteral(writer, defaultValue);
            }
        }
        if (autoIncrement) {
            writer.keyword("AUTO_INCREMENT");
        }
        if (comment != null) {
            writer.keyword("COMMENT");
            Unparsing.stringLiteral(writer, comment);
        }
    }

    /** Columns are equal when everything written is, wherever it was written (the position is not compared). */
    @Override
    public boolean equals(Object other)
    {
        return other instanceof SqlColumnDefinition that
                && name.equals(that.name)
                && typeName.equals(that.typeName)
                && Objects.equals(length, that.length)
                && Objects.equals(scale, that.scale)
                && Objects.equals(nullable, that.nullable)
                && Objects.equals(aggregateFunction, that.aggregateFunction)
                && Objects.equals(defaultValue, that.defaultValue)
                && nullDefault == that.nullDefault
                && autoIncrement == that.autoIncrement
                && Objects.equals(comment, that.comment);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, typeName, length, scale, nullable, aggregateFunction, defaultValue, nullDefault, autoIncrement, comment);
    }

    @Override
    public String toString()
    {
        return name + " " + typeName;
    }
}
