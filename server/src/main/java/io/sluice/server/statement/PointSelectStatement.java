package io.sluice.server.statement;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@link PointSelectRecognizer} read from {@code SELECT cols FROM [db.]t WHERE col = literal [LIMIT n]}: the shape
 * (everything but the literal, so that a session can cache what the shape resolves to) and the literal's value.
 *
 * @param key a {@code Long} for an integer literal, a {@code String} for a quoted one
 */
record PointSelectStatement(Shape shape, Object key)
{
    PointSelectStatement
    {
        requireNonNull(shape, "shape is null");
        requireNonNull(key, "key is null");
        if (!(key instanceof Long) && !(key instanceof String)) {
            throw new IllegalArgumentException("key must be a Long or a String: " + key.getClass().getName());
        }
    }

    /**
     * @param selectList the selected columns as written; empty for {@code *}
     */
    record Shape(List<Name> selectList, Optional<Name> database, Name table, Name keyColumn)
    {
        Shape
        {
            selectList = List.copyOf(requireNonNull(selectList, "selectList is null"));
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
            requireNonNull(keyColumn, "keyColumn is null");
        }

        boolean selectsAllColumns()
        {
            return selectList.isEmpty();
        }
    }

    /** An identifier as written, without its backquotes; quoting matters because only unquoted names can mean functions. */
    record Name(String text, boolean quoted)
    {
        Name
        {
            requireNonNull(text, "text is null");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("name is empty");
            }
        }
    }
}
