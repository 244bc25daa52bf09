package io.sluice.server.mysql;

import static java.util.Objects.requireNonNull;

/**
 * An error to report to the client as an ERR packet. Session handlers throw it for expected failures (unknown
 * database, syntax error...); the connection stays usable.
 */
public class MysqlException
        extends RuntimeException
{
    private final int errorCode;
    private final String sqlState;

    public MysqlException(int errorCode, String sqlState, String message)
    {
        this(errorCode, sqlState, message, null);
    }

    public MysqlException(int errorCode, String sqlState, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        validate(errorCode, sqlState);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode()
    {
        return errorCode;
    }

    public String sqlState()
    {
        return sqlState;
    }

    public MysqlResponse.Error toResponse()
    {
        return new MysqlResponse.Error(errorCode, sqlState, getMessage());
    }

    static void validate(int errorCode, String sqlState)
    {
        if (errorCode < 1 || errorCode > 0xFFFF) {
            throw new IllegalArgumentException("MySQL error code must be between 1 and 65535: " + errorCode);
        }
        requireNonNull(sqlState, "sqlState is null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: '" + sqlState + "'");
        }
        for (int i = 0; i < sqlState.length(); i++) {
            char character = sqlState.charAt(i);
            if (!(character >= '0' && character <= '9') && !(character >= 'A' && character <= 'Z')) {
                throw new IllegalArgumentException("SQLSTATE must be 5 digits or upper-case letters: '" + sqlState + "'");
            }
        }
    }
}
