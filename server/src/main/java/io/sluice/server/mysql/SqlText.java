package io.sluice.server.mysql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little of SQL lexing the protocol needs: where the {@code ?} placeholders of a prepared statement are and where
 * one statement of a multi-statement query ends. Quoted strings ('...', "...", with backslash escapes and doubled
 * quotes), quoted names (`...`) and comments ({@code -- }, {@code #}, C-style) are skipped, so a {@code ?} or
 * {@code ;} inside them does not count.
 */
final class SqlText
{
    private SqlText() {}

    /** The offsets of the {@code ?} placeholders, in order. */
    static int[] placeholderPositions(String sql)
    {
        int[] positions = new int[8];
        int count = 0;
        int length = sql.length();
        int index = 0;
        while (index < length) {
            char character = sql.charAt(index);
            int skipped = skipQuotedOrComment(sql, index);
            if (skipped != index) {
                index = skipped;
                continue;
            }
            if (character == '?') {
                if (count == positions.length) {
                    positions = Arrays.copyOf(positions, count * 2);
                }
                positions[count++] = index;
            }
            index++;
        }
        return Arrays.copyOf(positions, count);
    }

    /**
     * The statements of a multi-statement query, split at top-level semicolons; statements that are only blanks or
     * comments are dropped (a trailing {@code ;} makes no empty statement). A query with nothing but blanks stays one
     * statement, so that it gets the usual "empty query" error.
     */
    static List<String> splitStatements(String sql)
    {
        List<String> statements = new ArrayList<>();
        int length = sql.length();
        int start = 0;
        int index = 0;
        boolean meaningful = false;
        while (index < length) {
            char character = sql.charAt(index);
            int skipped = skipQuotedOrComment(sql, index);
            if (skipped != index) {
                // a quoted string or name is content, a comment is not
                meaningful |= character == '\'' || character == '"' || character == '`';
                index = skipped;
                continue;
            }
            if (character == ';') {
                if (meaningful) {
                    statements.add(sql.substring(start, index));
                }
                start = index + 1;
                meaningful = false;
            }
            else if (!Character.isWhitespace(character)) {
                meaningful = true;
            }
            index++;
        }
        if (meaningful) {
            statements.add(sql.substring(start));
        }
        if (statements.isEmpty()) {
            statements.add(sql);
        }
        return List.copyOf(statements);
    }

    /** Returns the offset after the quoted text or comment starting at {@code index}, or {@code index} when none does. */
    private static int skipQuotedOrComment(String sql, int index)
    {
        int length = sql.length();
        char character = sql.charAt(index);
        if (character == '\'' || character == '"' || character == '`') {
            int position = index + 1;
            while (position < length) {
                char current = sql.charAt(position);
                if (current == '\\' && character != '`') {
                    position += 2;
                    continue;
                }
                if (current == character) {
                    if (position + 1 < length && sql.charAt(position + 1) == character) {
                        position += 2;
                        continue;
                    }
                    return position + 1;
                }
                position++;
            }
            return length;
        }
        if (character == '#') {
            return endOfLine(sql, index);
        }
        if (character == '-' && index + 2 < length && sql.charAt(index + 1) == '-' && Character.isWhitespace(sql.charAt(index + 2))) {
            return endOfLine(sql, index);
        }
        if (character == '-' && index + 2 == length && sql.charAt(index + 1) == '-') {
            return length;
        }
        if (character == '/' && index + 1 < length && sql.charAt(index + 1) == '*') {
            int end = sql.indexOf("*/", index + 2);
            return end < 0 ? length : end + 2;
        }
        return index;
    }

    private static int endOfLine(String sql, int index)
    {
        int end = sql.indexOf('\n', index);
        return end < 0 ? sql.length() : end + 1;
    }
}
