package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import static java.util.Objects.requireNonNull;

/** {@code DROP [COLUMN] c}. */
public final class SqlDropColumn
        extends SqlAlterTableClause
{
    private final String columnName;

    public SqlDropColumn(SqlParserPos position, String columnName)
    {
        super(position);
        this.columnName = requireNonNull(columnName, "columnName is null");
        if (columnName.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    public String columnName()
    {
        return columnName;
    }

    @Override
    void unparse(SqlWriter writer)
    {
        writer.keyword("DROP COLUMN");
        writer.identifier(columnName, true);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof SqlDropColumn that && columnName.equals(that.columnName);
    }

    @Override
    public int hashCode()
    {
        return columnName.hashCode();
    }

    @Override
    public String toString()
    {
        return "DROP COLUMN " + columnName;
    }
}
