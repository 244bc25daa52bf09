package io.sluice.sql.parser;

import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses one SQL statement with Calcite's grammar extended for StarRocks DDL, routine load and the MySQL
 * statements that clients send.
 */
public final class SluiceSqlParser
{
    static {
        CalciteDefaults.apply();
    }

    // MySQL users quote identifiers with backticks and strings with ' or " (PROPERTIES ("k" = "v")), both with
    // backslash escapes; names keep the case they were written in and match case-insensitively.
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SluiceSqlParserImpl.FACTORY)
            .withQuoting(Quoting.BACK_TICK_BACKSLASH)
            .withCharLiteralStyles(Set.of(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE))
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.MYSQL_5)
            .withIdentifierMaxLength(65_536);

    private static final int MAX_EXPECTED_TOKENS_IN_DETAIL = 8;
    private static final Pattern TRAILING_POSITION = Pattern.compile("\\s*at line \\d+, column \\d+\\.?\\s*$");
    private static final Pattern LEXICAL_ERROR = Pattern.compile(
            "^Lexical error at line (\\d+), column (\\d+)\\..*after : \"(.*)\"", Pattern.DOTALL);

    private SluiceSqlParser() {}

    /** The parser configuration, so that Calcite's planner and JDBC layer read SQL exactly as we do. */
    public static SqlParser.Config parserConfig()
    {
        return CONFIG;
    }

    /**
     * Parses exactly one statement; a trailing {@code ;} is allowed. Empty input, several statements or anything
     * the grammar rejects is a {@link SqlSyntaxException}.
     */
    public static SqlNode parse(String sql)
            throws SqlSyntaxException
    {
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new SqlSyntaxException(1, 1, "", "Query was empty", null);
        }
        SqlNodeList statements;
        try {
            statements = SqlParser.create(IntegerCastTypes.normalize(sql), CONFIG).parseStmtList();
        }
        catch (SqlParseException e) {
            throw syntaxError(sql, e);
        }
        if (statements.isEmpty()) {
            throw new SqlSyntaxException(1, 1, "", "Query was empty", null);
        }
        if (statements.size() > 1) {
            SqlParserPos second = statements.get(1).getParserPosition();
            throw error(sql, second.getLineNum(), second.getColumnNum(), "only one statement is allowed", null);
        }
        return statements.get(0);
    }

    private static SqlSyntaxException syntaxError(String sql, SqlParseException e)
    {
        String message = e.getMessage() == null ? "" : e.getMessage();
        SqlParserPos pos = e.getPos();

        // An unclosed quote lexes as a lone quote token, or as a lexical error at the end, and the parser may stop
        // even earlier; the quote is the real mistake and MySQL points at it too.
        int unterminated = SqlText.unterminatedQuoteOffset(sql);
        if (unterminated >= 0) {
            String what = sql.charAt(unterminated) == '`' ? "quoted identifier" : "string";
            int[] lineAndColumn = SqlText.lineAndColumn(sql, unterminated);
            return error(sql, lineAndColumn[0], lineAndColumn[1], "unterminated " + what, e);
        }
        Matcher lexicalError = LEXICAL_ERROR.matcher(message);
        if (lexicalError.find()) {
            // JavaCC reports the character after the text it could not make a token of; point at that text.
            int line = Integer.parseInt(lexicalError.group(1));
            int column = Integer.parseInt(lexicalError.group(2));
            int offset = SqlText.offsetOf(sql, line, column) - SqlText.unescapedLength(lexicalError.group(3));
            int[] start = SqlText.lineAndColumn(sql, Math.max(0, offset));
            String rejected = sql.substring(Math.max(0, offset), Math.min(sql.length(), Math.max(0, offset) + 1));
            return error(sql, start[0], start[1], "unexpected character '" + rejected + "'", e);
        }

        if (message.contains("Encountered \"<EOF>\"")) {
            // MySQL quotes an empty "near" when the statement ends too early.
            int[] end = SqlText.lineAndColumn(sql, sql.stripTrailing().length());
            return new SqlSyntaxException(end[0], end[1], "", "unexpected end of statement", e);
        }
        if (e.getCause() instanceof StackOverflowError) {
            return new SqlSyntaxException(1, 1, "", "statement is nested too deeply", e);
        }
        return error(sql, lineOf(pos), columnOf(pos), calciteDetail(message, e.getExpectedTokenNames()), e);
    }

    private static SqlSyntaxException error(String sql, int line, int column, String detail, Throwable cause)
    {
        int offset = SqlText.offsetOf(sql, line, column);
        String near = sql.substring(offset, Math.min(sql.length(), offset + SqlSyntaxException.maxNearLength()))
                .stripTrailing();
        return new SqlSyntaxException(line, column, near, detail, cause);
    }

    /**
     * Calcite's first line ("Encountered "x" at line 1, column 8.") without the position we already report, plus the
     * expected tokens when there are few enough to be useful.
     */
    private static String calciteDetail(String message, Collection<String> expectedTokens)
    {
        String detail = TRAILING_POSITION.matcher(firstLine(message)).replaceFirst("");
        if (detail.isEmpty()) {
            return null;
        }
        if (expectedTokens == null || !detail.startsWith("Encountered")) {
            return detail;
        }
        // Token kinds are grammar internals; the user only needs to know an identifier or a string was expected.
        Set<String> expected = new LinkedHashSet<>();
        for (String token : expectedTokens) {
            if (token.endsWith("IDENTIFIER>")) {
                expected.add("an identifier");
            }
            else if (token.endsWith("STRING>") || token.endsWith("STRING_LITERAL>")) {
                expected.add("a string");
            }
            else {
                expected.add(token);
            }
        }
        if (expected.isEmpty() || expected.size() > MAX_EXPECTED_TOKENS_IN_DETAIL) {
            return detail;
        }
        return detail + "; expected " + (expected.size() == 1 ? "" : "one of: ") + String.join(", ", expected);
    }

    private static String firstLine(String message)
    {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    private static int lineOf(SqlParserPos pos)
    {
        return pos == null || pos.getLineNum() < 1 ? 1 : pos.getLineNum();
    }

    private static int columnOf(SqlParserPos pos)
    {
        return pos == null || pos.getColumnNum() < 1 ? 1 : pos.getColumnNum();
    }
}
