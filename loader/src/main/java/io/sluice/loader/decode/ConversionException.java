package io.sluice.loader.decode;

/**
 * A value that does not fit its column; the row becomes an error row with this reason.
 * No stack trace: it is raised per bad row and only its message is kept.
 */
public final class ConversionException
        extends Exception
{
    public ConversionException(String message)
    {
        super(message, null, false, false);
    }
}
