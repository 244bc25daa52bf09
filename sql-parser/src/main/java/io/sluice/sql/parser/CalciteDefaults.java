package io.sluice.sql.parser;

/**
 * Calcite reads its default character set once, when its system properties class loads, and defaults to
 * ISO-8859-1: a string literal in Chinese or an emoji would fail to encode. Every entry point into Calcite calls
 * {@link #apply()} first so literals are UTF-8 like MySQL's utf8mb4.
 */
public final class CalciteDefaults
{
    private CalciteDefaults() {}

    public static void apply()
    {
        setIfAbsent("calcite.default.charset", "UTF-8");
        setIfAbsent("calcite.default.nationalcharset", "UTF-8");
        setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    private static void setIfAbsent(String name, String value)
    {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
