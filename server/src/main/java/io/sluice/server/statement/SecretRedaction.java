package io.sluice.server.statement;

import io.sluice.loader.kafka.KafkaSourceProperties;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in statement text before it is logged: the values of secret properties
 * ({@code "property.sasl.jaas.config" = "..."}) and passwords ({@code IDENTIFIED BY '...'}, {@code PASSWORD('...')}).
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
}
