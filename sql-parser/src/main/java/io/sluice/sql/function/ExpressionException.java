package io.sluice.sql.function;

import static java.util.Objects.requireNonNull;

/**
 * An expression that cannot be compiled; the kind tells the caller which SQL error to report.
 */
public final class ExpressionException
        extends RuntimeException
{
    public enum Kind
    {
        UNKNOWN_COLUMN,
        UNKNOWN_FUNCTION,
        INVALID,
    }

    private final Kind kind;

    public ExpressionException(Kind kind, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind()
    {
        return kind;
    }
}
