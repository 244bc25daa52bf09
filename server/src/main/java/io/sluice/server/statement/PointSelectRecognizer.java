package io.sluice.server.statement;

import io.sluice.server.statement.PointSelectStatement.Name;
import io.sluice.server.statement.PointSelectStatement.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code SELECT * | col, ... FROM [db.]t WHERE col = literal [LIMIT n] [;]} straight from the SQL text, so a
 * point select costs no parse: keywords in any case, names plain or in backquotes, whitespace and comments anywhere
 * between tokens, the literal an integer (optionally negative) or a quoted string, on either side of the {@code =}.
 * <p>
 * It is strict on purpose: whatever it is not sure the parser reads the same way (escapes, doubled quotes, {@code $},
 * non-ASCII names, hints, reserved words, functions without parentheses, numbers with a fraction or exponent, any other
 * clause) makes it answer empty, and the statement takes the full parse and the planner.
 */
final class PointSelectRecognizer
{
    private final String sql;
    private int position;

    private PointSelectRecognizer(String sql)
    {
        this.sql = sql;
    }

    static Optional<PointSelectStatement> recognize(String sql)
    {
        return Optional.ofNullable(new PointSelectRecognizer(sql).statement());
    }

    /** The statement, or null when the text is not exactly the point-select shape. */
    private PointSelectStatement statement()
    {
        if (!keyword("SELECT")) {
            return null;
        }
        List<Name> selectList;
        if (symbol('*')) {
            selectList = List.of();
        }
        else {
            selectList = new ArrayList<>();
            do {
                Name column = columnName();
                if (column == null) {
                    return null;
                }
                selectList.add(column);
            }
            while (symbol(','));
        }
        if (!keyword("FROM")) {
            return null;
        }
        Name database = null;
        Name table = name();
        if (table != null && symbol('.')) {
            database = table;
            table = name();
        }
        if (table == null || !keyword("WHERE")) {
            return null;
        }
        Name keyColumn;
        Object key = literal();
        if (key != null) {
            keyColumn = symbol('=') ? columnName() : null;
        }
        else {
            keyColumn = columnName();
            key = keyColumn != null && symbol('=') ? literal() : null;
        }
        if (keyColumn == null || key == null) {
            return null;
        }
        // at most one row matches, so any positive limit changes nothing
        if (keyword("LIMIT") && unsignedInteger() < 1) {
            return null;
        }
        symbol(';');
        if (!skipSpaceAndComments() || position != sql.length()) {
            return null;
        }
        return new PointSelectStatement(new Shape(selectList, Optional.ofNullable(database), table, keyColumn), key);
    }

    private boolean keyword(String keyword)
    {
        if (!skipSpaceAndComments()) {
            return false;
        }
        int end = wordEnd(position);
        if (end - position != keyword.length() || !sql.regionMatches(true, position, keyword, 0, keyword.length())) {
            return false;
        }
        position = end;
        return true;
    }

    private boolean symbol(char symbol)
    {
        if (!skipSpaceAndComments() || position >= sql.length() || sql.charAt(position) != symbol) {
            return false;
        }
        position++;
        return true;
    }

    /** A name in a place where an unquoted niladic function name would be a call, not a column. */
    private Name columnName()
    {
        Name name = name();
        if (name != null && !name.quoted() && SqlWords.isNiladicFunction(name.text())) {
            return null;
        }
        return name;
    }

    private Name name()
    {
        if (!skipSpaceAndComments() || position >= sql.length()) {
            return null;
        }
        if (sql.charAt(position) == '`') {
            int close = sql.indexOf('`', position + 1);
            // `a``b` is an escaped backquote; backslashes may be escapes too: leave both to the parser
            if (close <= position + 1 || (close + 1 < sql.length() && sql.charAt(close + 1) == '`')
                    || sql.lastIndexOf('\\', close) > position) {
                return null;
            }
            String text = sql.substring(position + 1, close);
            position = close + 1;
            return new Name(text, true);
        }
        int end = wordEnd(position);
        if (end <= position) {
            return null;
        }
        String text = sql.substring(position, end);
        if (SqlWords.isReserved(text)) {
            return null;
        }
        position = end;
        return new Name(text, false);
    }

    /** A Long for an integer, a String for a quoted string; null for anything else. */
    private Object literal()
    {
        if (!skipSpaceAndComments() || position >= sql.length()) {
            return null;
        }
        char first = sql.charAt(position);
        if (first == '\'' || first == '"') {
            return quotedString(first);
        }
        boolean negative = first == '-';
        int start = negative ? position + 1 : position;
        // accumulated negatively, so that Long.MIN_VALUE needs no special case
        long value = 0;
        int index = start;
        while (index < sql.length() && isDigit(sql.charAt(index))) {
            int digit = sql.charAt(index) - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
            index++;
        }
        if (index == start || !endsToken(index)) {
            return null;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            value = -value;
        }
        position = index;
        return value;
    }

    private String quotedString(char quote)
    {
        int close = sql.indexOf(quote, position + 1);
        // 'It''s' and backslash escapes are the parser's business
        if (close < 0 || (close + 1 < sql.length() && sql.charAt(close + 1) == quote) || sql.lastIndexOf('\\', close) > position) {
            return null;
        }
        String value = sql.substring(position + 1, close);
        position = close + 1;
        return value;
    }

    /** A LIMIT count, or -1. */
    private long unsignedInteger()
    {
        if (!skipSpaceAndComments()) {
            return -1;
        }
        long value = 0;
        int index = position;
        while (index < sql.length() && isDigit(sql.charAt(index))) {
            value = value * 10 + (sql.charAt(index) - '0');
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
            index++;
        }
        if (index == position || !endsToken(index)) {
            return -1;
        }
        position = index;
        return value;
    }

    /**
     * Skips whitespace and comments ({@code /* ... *}{@code /}, {@code -- ...}, {@code # ...}); false when it meets one
     * it leaves to the parser: a hint ({@code /*+}), a MySQL version comment ({@code /*!}) or an unterminated comment.
     */
    private boolean skipSpaceAndComments()
    {
        while (position < sql.length()) {
            char character = sql.charAt(position);
            if (character == ' ' || character == '\t' || character == '\n' || character == '\r' || character == '\f') {
                position++;
            }
            else if (character == '#' || (character == '-' && next(position) == '-')) {
                // the lexer may glue "x--y$z" into one token; a comment right after a word is the parser's business
                if (character == '-' && position > 0 && (isWordStart(sql.charAt(position - 1)) || isDigit(sql.charAt(position - 1)))) {
                    return false;
                }
                position = lineEnd(position);
            }
            else if (character == '/' && next(position) == '*') {
                char marker = next(position + 1);
                int close = sql.indexOf("*/", position + 2);
                if (marker == '+' || marker == '!' || close < 0) {
                    return false;
                }
                position = close + 2;
            }
            else {
                return true;
            }
        }
        return true;
    }

    private int lineEnd(int start)
    {
        int index = start;
        while (index < sql.length() && sql.charAt(index) != '\n' && sql.charAt(index) != '\r') {
            index++;
        }
        return index;
    }

    /**
     * The end of the plain word at {@code start} (ASCII letters, digits, underscores, not starting with a digit), or
     * {@code start} when there is none or when the characters after it could continue it in the parser's lexer.
     */
    private int wordEnd(int start)
    {
        if (start >= sql.length() || !isWordStart(sql.charAt(start))) {
            return start;
        }
        int index = start + 1;
        while (index < sql.length() && (isWordStart(sql.charAt(index)) || isDigit(sql.charAt(index)))) {
            index++;
        }
        return endsToken(index) ? index : start;
    }

    /**
     * Whether a word or number may end before this index: not when a character the parser's lexer could glue to it follows
     * ({@code $} makes collation names, {@code .} or an exponent decimal numbers, quotes prefixed strings, and non-ASCII
     * letters and digits continue names).
     */
    private boolean endsToken(int index)
    {
        if (index >= sql.length()) {
            return true;
        }
        char next = sql.charAt(index);
        return !(isWordStart(next) || isDigit(next) || next == '$' || (next == '.' && isDigit(sql.charAt(index - 1)))
                || next == '\'' || next == '"' || next == '`' || next == '@' || next >= 0x80);
    }

    private char next(int index)
    {
        return index + 1 < sql.length() ? sql.charAt(index + 1) : 0;
    }

    private static boolean isWordStart(char character)
    {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
    }

    private static boolean isDigit(char character)
    {
        return character >= '0' && character <= '9';
    }
}
