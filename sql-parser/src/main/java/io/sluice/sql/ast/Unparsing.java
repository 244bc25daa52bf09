package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;

import java.util.List;
import java.util.Map;

/** Unparse helpers shared by the statement nodes; output re-parses with Sluice's own grammar. */
final class Unparsing
{
    private Unparsing() {}

    /** A string literal in single quotes, escaped the MySQL way (backslash), as our lexer reads it. */
    static void stringLiteral(SqlWriter writer, String value)
    {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'', '\\' -> quoted.append('\\').append(c);
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        writer.literal(quoted.append('\'').toString());
    }

    static void identifierList(SqlWriter writer, List<String> names)
    {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (String name : names) {
            writer.sep(",");
            writer.identifier(name, true);
        }
        writer.endList(frame);
    }

    /** `KEYWORD ("k" = "v", ...)`; nothing when the map is empty. */
    static void properties(SqlWriter writer, String keyword, Map<String, String> properties)
    {
        if (properties.isEmpty()) {
            return;
        }
        writer.keyword(keyword);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            writer.sep(",");
            stringLiteral(writer, entry.getKey());
            writer.keyword("=");
            stringLiteral(writer, entry.getValue());
        }
        writer.endList(frame);
    }

    static void likePattern(SqlWriter writer, String likePattern)
    {
        if (likePattern != null) {
            writer.keyword("LIKE");
            stringLiteral(writer, likePattern);
        }
    }
}
