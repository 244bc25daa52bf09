package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a routine load's {@code COLUMNS (...)}: a plain name maps the next source field by position;
 * {@code name = expr} derives a column from earlier ones.
 */
public final class SqlLoadColumn
{
    private final String name;
    private final SqlNode expression;

    public SqlLoadColumn(String name, SqlNode expression)
    {
        this.name = requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        this.expression = expression;
    }

    public String name()
    {
        return name;
    }

    /** The mapping expression, or null for a plain column. */
    public SqlNode expression()
    {
        return expression;
    }

    void unparse(SqlWriter writer)
    {
        writer.identifier(name, true);
        if (expression != null) {
            writer.keyword("=");
            expression.unparse(writer, 0, 0);
        }
    }

    @Override
    public String toString()
    {
        return expression == null ? name : name + " = " + expression;
    }
}
