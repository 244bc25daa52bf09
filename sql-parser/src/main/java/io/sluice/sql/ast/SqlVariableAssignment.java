package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One assignment of a SET statement. The name is lower case without {@code @@}, {@code session.}, {@code global.},
 * {@code local.} or {@code @}; those select the {@link VariableScope}. Bare words used as values ({@code ON},
 * {@code OFF}, {@code DEFAULT}, {@code utf8mb4}) are {@link org.apache.calcite.sql.SqlIdentifier}s.
 */
public final class SqlVariableAssignment
{
    private final VariableScope scope;
    private final String name;
    private final SqlNode value;

    public SqlVariableAssignment(VariableScope scope, String name, SqlNode value)
    {
        this.scope = requireNonNull(scope, "scope is null");
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("variable name is empty");
        }
        this.name = name.toLowerCase(Locale.ROOT);
        this.value = requireNonNull(value, "value is null");
    }

    public VariableScope scope()
    {
        return scope;
    }

    public String name()
    {
        return name;
    }

    public SqlNode value()
    {
        return value;
    }

    void unparse(SqlWriter writer)
    {
        switch (scope) {
            case USER -> writer.print("@" + name);
            case GLOBAL -> writer.print("@@global." + name);
            case SESSION -> writer.print("@@session." + name);
        }
        writer.setNeedWhitespace(true);
        writer.keyword("=");
        value.unparse(writer, 0, 0);
    }

    @Override
    public String toString()
    {
        return scope + " " + name + " = " + value;
    }
}
