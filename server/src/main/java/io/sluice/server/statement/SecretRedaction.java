package io.sluice.server.statement;

import io.sluice.loader.kafka.KafkaSourceProperties;
import io.sluice.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in statement text before it is logged or shown (SHOW PROCESSLIST, syntax errors): the values of
 * secret properties ({@code "property.sasl.jaas.config" = "..."}) and passwords ({@code IDENTIFIED BY '...'},
 * {@code PASSWORD('...')}).
 */
final class SecretRedaction
{
    static final String MASK = "******";

    // "key" = "value" with either quote; a value may contain escaped quotes.
    private static final Pattern PROPERTY = Pattern.compile("([\"'])([^\"']*)\\1(\\s*=\\s*)([\"'])((?:\\\\.|(?!\\4).)*)\\4", Pattern.DOTALL);
    private static final Pattern PASSWORD = Pattern.compile("(?i)(IDENTIFIED(?:\\s+WITH\\s+\\S+)?\\s+BY(?:\\s+PASSWORD)?\\s*|(?<![\\w.'\"`])PASSWORD\\s*(?:=\\s*)?(?:PASSWORD\\s*)?\\(?\\s*)([\"'])((?:\\\\.|(?!\\2).)*)\\2", Pattern.DOTALL);

    private SecretRedaction() {}

    static String redact(String sql)
    {
        Matcher property = PROPERTY.matcher(sql);
        StringBuilder masked = new StringBuilder(sql.length());
        while (property.find()) {
            String replacement = KafkaSourceProperties.isSecret(property.group(2))
                    ? property.group(1) + property.group(2) + property.group(1) + property.group(3) + property.group(4) + MASK + property.group(4)
                    : property.group();
            property.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        property.appendTail(masked);
        return PASSWORD.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + MASK + match.group(2)));
    }

    /**
     * The message of a syntax error in {@code sql} without its secrets. MySQL quotes the statement from the error on,
     * which may hold a secret (or the start of one, cut at 80 characters): the quote is taken from the statement with
     * its secrets masked, and a secret in the detail (the token the parser met) is masked too.
     */
    static String syntaxErrorMessage(String sql, SqlSyntaxException error)
    {
        List<int[]> spans = secretSpans(sql);
        if (spans.isEmpty()) {
            return error.getMessage();
        }
        int offset = offsetOf(sql, error.line(), error.column());
        StringBuilder masked = new StringBuilder(sql.length());
        int maskedOffset = -1;
        int position = 0;
        for (int[] span : spans) {
            if (maskedOffset < 0 && offset < span[1]) {
                // an error inside a secret points at the start of its mask
                maskedOffset = masked.length() + Math.min(offset, span[0]) - position;
            }
            masked.append(sql, position, span[0]).append(MASK);
            position = span[1];
        }
        if (maskedOffset < 0) {
            maskedOffset = masked.length() + Math.max(0, offset - position);
        }
        masked.append(sql, position, sql.length());
        maskedOffset = Math.min(maskedOffset, masked.length());
        String near = error.near().isEmpty()
                ? ""
                : masked.substring(maskedOffset, Math.min(masked.length(), maskedOffset + SqlSyntaxException.maxNearLength())).stripTrailing();
        String detail = error.detail();
        if (detail != null) {
            for (int[] span : spans) {
                if (span[1] > span[0]) {
                    detail = detail.replace(sql.substring(span[0], span[1]), MASK);
                }
            }
        }
        return new SqlSyntaxException(error.line(), error.column(), near, detail, null).getMessage();
    }

    /** Start and end offsets of the secret values in the statement, in order, without overlaps. */
    private static List<int[]> secretSpans(String sql)
    {
        List<int[]> spans = new ArrayList<>();
        Matcher property = PROPERTY.matcher(sql);
        while (property.find()) {
            if (KafkaSourceProperties.isSecret(property.group(2))) {
                spans.add(new int[] {property.start(5), property.end(5)});
            }
        }
        Matcher password = PASSWORD.matcher(sql);
        while (password.find()) {
            spans.add(new int[] {password.start(3), password.end(3)});
        }
        spans.sort(Comparator.comparingInt(span -> span[0]));
        List<int[]> disjoint = new ArrayList<>(spans.size());
        int end = -1;
        for (int[] span : spans) {
            if (span[0] >= end) {
                disjoint.add(span);
                end = span[1];
            }
        }
        return disjoint;
    }

    /** As the parser counts: lines end at \n, \r\n or \r; columns are 1-based. */
    private static int offsetOf(String sql, int line, int column)
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
}
