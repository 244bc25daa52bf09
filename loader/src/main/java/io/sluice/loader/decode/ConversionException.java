package io.sluice.loader.decode;

/**
 * A value that does not fit its column; the row becomes an error row with this reason.
 * No stack trace: it is raised per bad row and only its message is kept.
 *
 * <p>Two kinds, because strict_mode treats them differently: a value that cannot be read as the column's type at all
 * ({@link #invalidValue}: 'abc' for an INT) becomes NULL when strict_mode is off; a value that reads but does not
 * fit (out of range, too long, too many decimals) is always an error row, never truncated or nulled.
 */
public final class ConversionException
        extends Exception
{
    private final boolean invalidValue;

    /** A value that does not fit the column: an error row whatever strict_mode says. */
    public ConversionException(String message)
    {
        this(message, false);
    }

    private ConversionException(String message, boolean invalidValue)
    {
        super(message, null, false, false);
        this.invalidValue = invalidValue;
    }

    /** A value that cannot be read as the column's type: NULL when strict_mode is off, an error row when on. */
    public static ConversionException invalidValue(String message)
    {
        return new ConversionException(message, true);
    }

    public boolean isInvalidValue()
    {
        return invalidValue;
    }
}
