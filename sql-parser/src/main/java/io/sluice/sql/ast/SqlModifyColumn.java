package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * {@code MODIFY [COLUMN] column_definition [FIRST | AFTER c]}: the definition replaces the column's whole
 * definition (type, nullability, default, comment), as in MySQL and StarRocks.
 */
public final class SqlModifyColumn
        extends SqlAlterTableClause
{
    private final SqlColumnDefinition column;
    private final ColumnPosition columnPosition;

    public SqlModifyColumn(SqlParserPos position, SqlColumnDefinition column, ColumnPosition columnPosition)
    {
        super(position);
        this.column = requireNonNull(column, "column is null");
        this.columnPosition = requireNonNull(columnPosition, "columnPosition is null");
    }

    public SqlColumnDefinition column()
    {
        return column;
    }

    /** {@link ColumnPosition.Kind#DEFAULT} keeps the column where it is. */
    public ColumnPosition columnPosition()
    {
        return columnPosition;
    }

    @Override
    void unparse(SqlWriter writer)
    {
        writer.keyword("MODIFY COLUMN");
        column.unparse(writer);
        unparsePosition(writer, columnPosition);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof SqlModifyColumn that
                && column.equals(that.column)
                && columnPosition.equals(that.columnPosition);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(column, columnPosition);
    }

    @Override
    public String toString()
    {
        return "MODIFY COLUMN " + column + " " + columnPosition;
    }
}
