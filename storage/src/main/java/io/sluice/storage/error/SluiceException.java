package io.sluice.storage.error;

import static java.util.Objects.requireNonNull;

/**
 * A failure with a user-facing message; the server turns it into a MySQL error packet.
 */
public class SluiceException
        extends RuntimeException
{
    private final ErrorCode errorCode;

    public SluiceException(ErrorCode errorCode, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public SluiceException(ErrorCode errorCode, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }
}
