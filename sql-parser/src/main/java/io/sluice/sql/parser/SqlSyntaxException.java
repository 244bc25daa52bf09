package io.sluice.sql.parser;

import static java.util.Objects.requireNonNull;

/**
 * A statement that does not parse, reported the way MySQL does (error 1064): the text near the error and its line
 * and column, optionally followed by a one-line detail.
 */
public final class SqlSyntaxException
        extends Exception
{
    private static final int MAX_NEAR_LENGTH = 80;

    private final int line;
    private final int column;
    private final String near;
    private final String detail;

    public SqlSyntaxException(int line, int column, String near, String detail, Throwable cause)
    {
        super(message(line, column, near, detail), cause);
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ", " + column);
        }
        requireNonNull(near, "near is null");
        if (near.length() > MAX_NEAR_LENGTH) {
            throw new IllegalArgumentException("near text longer than " + MAX_NEAR_LENGTH);
        }
        this.line = line;
        this.column = column;
        this.near = near;
        this.detail = detail;
    }

    /** At most this many characters of the statement are quoted in the message. */
    public static int maxNearLength()
    {
        return MAX_NEAR_LENGTH;
    }

    /** 1-based. */
    public int line()
    {
        return line;
    }

    /** 1-based. */
    public int column()
    {
        return column;
    }

    /** The statement text from the error position (empty at the end of the input), at most ~80 characters. */
    public String near()
    {
        return near;
    }

    /** A one-line explanation (what the parser found or what rule was broken), or null. */
    public String detail()
    {
        return detail;
    }

    private static String message(int line, int column, String near, String detail)
    {
        String message = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
                + "version for the right syntax to use near '" + near + "' at line " + line + ", column " + column;
        return detail == null ? message : message + ": " + detail;
    }
}
