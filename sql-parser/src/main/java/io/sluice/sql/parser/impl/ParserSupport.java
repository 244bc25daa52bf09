package io.sluice.sql.parser.impl;

import io.sluice.sql.ast.ColumnPosition;
import io.sluice.sql.ast.SqlAddColumns;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlVariableAssignment;
import io.sluice.sql.ast.VariableScope;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Java helpers for the actions of parserImpls.ftl and the lexer hook in tokenManagerDeclarations.ftl: JavaCC 4
 * only understands Java 5 in grammar actions, and plain Java reads better than code inside the grammar.
 */
final class ParserSupport
{
    private ParserSupport() {}

    /**
     * An error found by one of our productions (not by JavaCC), e.g. a repeated load property. Calcite's
     * {@code convertException} turns it into a SqlParseException at {@code pos} whose message is {@code message}.
     */
    static CalciteContextException error(SqlParserPos pos, String message)
    {
        return new CalciteContextException(
                message,
                new IllegalArgumentException(message),
                pos.getLineNum(),
                pos.getColumnNum(),
                pos.getEndLineNum(),
                pos.getEndColumnNum());
    }

    /** {@code CREATE OR REPLACE} reaches every CREATE production through Calcite's SqlCreate(); StarRocks has none. */
    static void rejectReplace(boolean replace, SqlParserPos pos)
    {
        if (replace) {
            throw error(pos, "CREATE OR REPLACE is not supported");
        }
    }

    /** Accepts {@code name} and {@code db.name}. */
    static SqlIdentifier checkQualifiedName(SqlIdentifier name, String what)
    {
        if (name.isStar() || name.names.size() > 2) {
            throw error(name.getParserPosition(), "Invalid " + what + " '" + name + "': expected name or database.name");
        }
        return name;
    }

    /** {@code SHOW COLUMNS FROM t FROM db}: the FROM db wins over a qualifier on t, as in MySQL. */
    static SqlIdentifier qualify(SqlIdentifier database, SqlIdentifier name)
    {
        String object = name.names.get(name.names.size() - 1);
        return new SqlIdentifier(List.of(database.getSimple(), object), name.getParserPosition());
    }

    static List<String> simpleNames(SqlNodeList identifiers)
    {
        if (identifiers == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(identifiers.size());
        for (SqlNode node : identifiers) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return names;
    }

    static void addColumn(List<SqlColumnDefinition> columns, SqlColumnDefinition column)
    {
        for (SqlColumnDefinition existing : columns) {
            if (existing.name().equalsIgnoreCase(column.name())) {
                throw error(column.position(), "Duplicate column name '" + column.name() + "'");
            }
        }
        columns.add(column);
    }

    static SqlAddColumns addColumns(SqlParserPos pos, List<SqlColumnDefinition> columns, ColumnPosition position)
    {
        try {
            return new SqlAddColumns(pos, columns, position);
        }
        catch (IllegalArgumentException e) {
            throw error(pos, e.getMessage());
        }
    }

    static void putProperty(Map<String, String> properties, String key, String value, SqlParserPos keyPosition)
    {
        if (properties.containsKey(key)) {
            throw error(keyPosition, "Duplicate property '" + key + "'");
        }
        properties.put(key, value);
    }

    static String joinNames(SqlIdentifier identifier)
    {
        return String.join(".", identifier.names);
    }

    /**
     * Canonical type name for a column type written as a plain word (our keywords are handled by the grammar), or
     * null when unknown.
     */
    static String columnTypeName(String written)
    {
        switch (written.toUpperCase(Locale.ROOT)) {
            case "BOOL":
                return "BOOLEAN";
            case "MEDIUMINT":
                return "INT";
            case "TEXT":
            case "TINYTEXT":
            case "MEDIUMTEXT":
            case "LONGTEXT":
                return "STRING";
            case "DECIMALV2":
            case "DECIMALV3":
            case "DECIMAL32":
            case "DECIMAL64":
            case "DECIMAL128":
                return "DECIMAL";
            default:
                return null;
        }
    }

    static SqlColumnDefinition columnDefinition(
            SqlIdentifier name,
            ColumnType type,
            Boolean nullable,
            String aggregateFunction,
            String defaultValue,
            boolean nullDefault,
            boolean autoIncrement,
            String comment)
    {
        try {
            return new SqlColumnDefinition(
                    name.getParserPosition(),
                    name.getSimple(),
                    type.typeName,
                    type.length,
                    type.scale,
                    nullable,
                    aggregateFunction,
                    defaultValue,
                    nullDefault,
                    autoIncrement,
                    comment);
        }
        catch (IllegalArgumentException e) {
            throw error(name.getParserPosition(), e.getMessage());
        }
    }

    /**
     * Builds one SET assignment. {@code @@session.x}, {@code @@global.x}, {@code @@local.x} and {@code @@x} name
     * system variables (the prefix beats a SESSION/GLOBAL keyword), {@code @x} a user variable.
     */
    static SqlVariableAssignment assignment(VariableScope writtenScope, SqlIdentifier target, SqlNode value)
    {
        String name = joinNames(target);
        VariableScope scope = writtenScope == null ? VariableScope.SESSION : writtenScope;
        if (name.startsWith("@@")) {
            name = name.substring(2);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("global.")) {
                scope = VariableScope.GLOBAL;
                name = name.substring("global.".length());
            }
            else if (lower.startsWith("session.")) {
                scope = VariableScope.SESSION;
                name = name.substring("session.".length());
            }
            else if (lower.startsWith("local.")) {
                scope = VariableScope.SESSION;
                name = name.substring("local.".length());
            }
        }
        else if (name.startsWith("@")) {
            if (writtenScope != null) {
                throw error(target.getParserPosition(), "A user variable cannot be " + writtenScope);
            }
            scope = VariableScope.USER;
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            throw error(target.getParserPosition(), "Missing variable name");
        }
        return new SqlVariableAssignment(scope, name, value);
    }

    /**
     * Called by the lexer for every token. A MySQL string token has its escapes decoded ({@code \\n},
     * {@code \\\\}, {@code ''}...; {@code \\%} and {@code \\_} stay as written, as MySQL keeps them for LIKE),
     * then becomes Calcite's backslash-escaped string token with only its own quote escaped
     * ({@code 'It\\'s'}), the one escape Calcite's productions undo. Backquoted names get the same treatment,
     * but MySQL gives backslashes no meaning there: only a doubled backquote is decoded.
     */
    static void decodeQuotedToken(Token token)
    {
        boolean backslashEscapes;
        if (token.kind == SluiceSqlParserImplConstants.MYSQL_QUOTED_STRING) {
            token.kind = SluiceSqlParserImplConstants.BIG_QUERY_QUOTED_STRING;
            backslashEscapes = true;
        }
        else if (token.kind == SluiceSqlParserImplConstants.MYSQL_DOUBLE_QUOTED_STRING) {
            token.kind = SluiceSqlParserImplConstants.BIG_QUERY_DOUBLE_QUOTED_STRING;
            backslashEscapes = true;
        }
        else if (token.kind == SluiceSqlParserImplConstants.MYSQL_BACK_QUOTED_IDENTIFIER) {
            token.kind = SluiceSqlParserImplConstants.BIG_QUERY_BACK_QUOTED_IDENTIFIER;
            backslashEscapes = false;
        }
        else {
            return;
        }
        String image = token.image;
        char quote = image.charAt(0);
        int last = image.length() - 1;
        if (image.indexOf(quote, 1) == last && (!backslashEscapes || image.indexOf('\\') < 0)) {
            return;
        }
        StringBuilder canonical = new StringBuilder(image.length()).append(quote);
        for (int i = 1; i < last; i++) {
            char c = image.charAt(i);
            if (c == quote) {
                // The lexer only lets a quote through doubled.
                i++;
                canonical.append('\\').append(quote);
            }
            else if (c != '\\' || !backslashEscapes) {
                canonical.append(c);
            }
            else {
                char escaped = image.charAt(++i);
                switch (escaped) {
                    case '0' -> canonical.append('\0');
                    case 'b' -> canonical.append('\b');
                    case 'n' -> canonical.append('\n');
                    case 'r' -> canonical.append('\r');
                    case 't' -> canonical.append('\t');
                    case 'Z' -> canonical.append('\u001A');
                    case '%', '_' -> canonical.append('\\').append(escaped);
                    default -> {
                        if (escaped == quote) {
                            canonical.append('\\');
                        }
                        canonical.append(escaped);
                    }
                }
            }
        }
        token.image = canonical.append(quote).toString();
    }

    /** The value of a string token; MySQL concatenates adjacent strings, so the grammar calls this once per token. */
    static String stringValue(Token token)
    {
        String image = token.image;
        if (token.kind == SluiceSqlParserImplConstants.QUOTED_STRING) {
            return SqlParserUtil.parseString(image);
        }
        // decodeQuotedToken left only escaped quotes in the image.
        char quote = image.charAt(0);
        return image.substring(1, image.length() - 1).replace("\\" + quote, String.valueOf(quote));
    }

    /** A column type of CREATE TABLE before the column's attributes are known. */
    static final class ColumnType
    {
        final String typeName;
        final Integer length;
        final Integer scale;

        ColumnType(String typeName, Integer length, Integer scale)
        {
            this.typeName = typeName;
            this.length = length;
            this.scale = scale;
        }
    }
}
