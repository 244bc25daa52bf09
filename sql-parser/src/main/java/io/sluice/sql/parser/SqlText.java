package io.sluice.sql.parser;

/** Positions in statement text, counted the way the generated lexer counts them (tab = 1 column). */
final class SqlText
{
    private SqlText() {}

    /**
     * Offset of the character at a 1-based line and column; line breaks are \n, \r\n or a lone \r, as for JavaCC.
     * Positions past the end clamp to the end.
     */
    static int offsetOf(String sql, int line, int column)
    {
        int currentLine = 1;
        int offset = 0;
        while (currentLine < line && offset < sql.length()) {
            char c = sql.charAt(offset++);
            if (c == '\n' || (c == '\r' && (offset >= sql.length() || sql.charAt(offset) != '\n'))) {
                currentLine++;
            }
        }
        return Math.min(sql.length(), offset + Math.max(0, column - 1));
    }

    /** The 1-based {line, column} of an offset; the end of the text is one column after its last character. */
    static int[] lineAndColumn(String sql, int offset)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            }
            else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /**
     * Where the quote that is never closed starts ('...' and "..." with backslash escapes, `...` without; comments
     * skipped), or -1.
     */
    static int unterminatedQuoteOffset(String sql)
    {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int start = i++;
                boolean closed = false;
                while (i < length) {
                    char inside = sql.charAt(i++);
                    if (inside == '\\' && c != '`') {
                        i++;
                    }
                    else if (inside == c) {
                        closed = true;
                        break;
                    }
                }
                if (!closed) {
                    return start;
                }
            }
            else if (c == '#' || (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-')) {
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            }
            else {
                i++;
            }
        }
        return -1;
    }

    /** Length of a string as JavaCC's {@code addEscapes} printed it in a lexical error message. */
    static int unescapedLength(String escaped)
    {
        int length = 0;
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.charAt(i) == '\\' && i + 1 < escaped.length()) {
                i += escaped.charAt(i + 1) == 'u' ? 5 : 1;
            }
            length++;
        }
        return length;
    }
}
