package io.sluice.loader.job;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a COLUMNS clause: a source column taken by position, or a column computed by an expression.
 */
public record ColumnMapping(String name, Optional<String> expression)
{
    public ColumnMapping
    {
        requireNonNull(name, "name is null");
        requireNonNull(expression, "expression is null");
    }

    public boolean isSource()
    {
        return expression.isEmpty();
    }
}
