package io.sluice.storage.exec;

import static java.util.Objects.requireNonNull;

/**
 * One aggregate of a pushed-down aggregation.
 * Results: COUNT is a {@code Long} (0 on no rows); SUM is a {@code Long} over LONG columns (overflow is an error)
 * and a {@code Double} over DOUBLE columns; AVG is a {@code Double}; MIN and MAX have the column's physical type.
 * SUM, AVG, MIN and MAX ignore NULLs and are NULL when no non-NULL value was seen.
 *
 * @param column the table column, or -1 for COUNT(*)
 * @param distinct only for COUNT: count distinct non-NULL values
 */
public record AggregateCall(Kind kind, int column, boolean distinct)
{
    public enum Kind
    {
        COUNT, SUM, MIN, MAX, AVG
    }

    public AggregateCall
    {
        requireNonNull(kind, "kind is null");
        if (column < 0 && kind != Kind.COUNT) {
            throw new IllegalArgumentException(kind + " needs a column");
        }
        if (distinct && (kind != Kind.COUNT || column < 0)) {
            throw new IllegalArgumentException("DISTINCT is supported for COUNT(column) only");
        }
    }

    public static AggregateCall countStar()
    {
        return new AggregateCall(Kind.COUNT, -1, false);
    }
}
