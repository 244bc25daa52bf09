package io.sluice.sql.parser;

import java.util.Locale;

/**
 * MySQL's {@code CONVERT(x, SIGNED INTEGER)} / {@code CONVERT(x, UNSIGNED INT)} (MariaDB's Connector/J sends it in
 * getColumns): Calcite's grammar takes one name after the comma, so the redundant {@code INTEGER} / {@code INT} word
 * is blanked out before parsing, outside strings, names and comments. Blanks keep every other position, so error
 * positions stay right.
 */
public final class IntegerCastTypes
{
    private IntegerCastTypes() {}

    public static String normalize(String sql)
    {
        if (sql.indexOf(',') < 0 || !sql.toUpperCase(Locale.ROOT).contains("SIGNED")) {
            return sql;
        }
        char[] text = sql.toCharArray();
        int i = 0;
        while (i < text.length) {
            char c = text[i];
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(text, i, c);
            }
            else if (c == '-' && i + 1 < text.length && text[i + 1] == '-' || c == '#') {
                while (i < text.length && text[i] != '\n') {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.length && text[i + 1] == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? text.length : end + 2;
            }
            else if (c == ',') {
                blankIntegerAfterSigned(text, i + 1);
                i++;
            }
            else {
                i++;
            }
        }
        return new String(text);
    }

    private static int skipQuoted(char[] text, int start, char quote)
    {
        int i = start + 1;
        while (i < text.length) {
            if (text[i] == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (text[i] == quote) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** After a comma: {@code [UN]SIGNED INT[EGER] )} loses the INT[EGER] word. */
    private static void blankIntegerAfterSigned(char[] text, int start)
    {
        int i = skipSpaces(text, start);
        int word = wordEnd(text, i);
        String first = new String(text, i, word - i).toUpperCase(Locale.ROOT);
        if (!first.equals("SIGNED") && !first.equals("UNSIGNED")) {
            return;
        }
        int second = skipSpaces(text, word);
        if (second == word) {
            return;
        }
        int secondEnd = wordEnd(text, second);
        String type = new String(text, second, secondEnd - second).toUpperCase(Locale.ROOT);
        if (!type.equals("INTEGER") && !type.equals("INT")) {
            return;
        }
        int close = skipSpaces(text, secondEnd);
        if (close < text.length && text[close] == ')') {
            for (int j = second; j < secondEnd; j++) {
                text[j] = ' ';
            }
        }
    }

    private static int skipSpaces(char[] text, int i)
    {
        while (i < text.length && Character.isWhitespace(text[i])) {
            i++;
        }
        return i;
    }

    private static int wordEnd(char[] text, int i)
    {
        while (i < text.length && (Character.isLetterOrDigit(text[i]) || text[i] == '_')) {
            i++;
        }
        return i;
    }
}
