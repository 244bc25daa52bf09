package io.sluice.sql.ast;

import java.util.Locale;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** Where ALTER TABLE puts a new or modified column: {@code FIRST}, {@code AFTER c}, or unchanged/last. */
public final class ColumnPosition
{
    public enum Kind
    {
        /** ADD: after the last column; MODIFY: where the column already is. */
        DEFAULT,
        FIRST,
        AFTER,
    }

    private static final ColumnPosition DEFAULT = new ColumnPosition(Kind.DEFAULT, null);
    private static final ColumnPosition FIRST = new ColumnPosition(Kind.FIRST, null);

    private final Kind kind;
    private final String afterColumn;

    private ColumnPosition(Kind kind, String afterColumn)
    {
        this.kind = kind;
        this.afterColumn = afterColumn;
    }

    public static ColumnPosition defaultPosition()
    {
        return DEFAULT;
    }

    public static ColumnPosition first()
    {
        return FIRST;
    }

    public static ColumnPosition after(String column)
    {
        requireNonNull(column, "column is null");
        if (column.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        return new ColumnPosition(Kind.AFTER, column);
    }

    public Kind kind()
    {
        return kind;
    }

    /** The column named by {@code AFTER}; null for the other kinds. */
    public String afterColumn()
    {
        return afterColumn;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ColumnPosition that
                && kind == that.kind
                && Objects.equals(afterColumn, that.afterColumn);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(kind, afterColumn);
    }

    @Override
    public String toString()
    {
        return kind == Kind.AFTER ? "AFTER " + afterColumn : kind.name().toLowerCase(Locale.ROOT);
    }
}
