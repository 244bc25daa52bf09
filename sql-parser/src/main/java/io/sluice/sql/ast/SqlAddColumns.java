package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code ADD [COLUMN] column_definition [FIRST | AFTER c]} or {@code ADD [COLUMN] (column_definition, ...)}; the
 * parenthesized form adds after the last column, in the order written.
 */
public final class SqlAddColumns
        extends SqlAlterTableClause
{
    private final List<SqlColumnDefinition> columns;
    private final ColumnPosition columnPosition;

    public SqlAddColumns(SqlParserPos position, List<SqlColumnDefinition> columns, ColumnPosition columnPosition)
    {
        super(position);
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.columnPosition = requireNonNull(columnPosition, "columnPosition is null");
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("ADD COLUMN needs at least one column");
        }
        if (this.columns.size() > 1 && columnPosition.kind() != ColumnPosition.Kind.DEFAULT) {
            throw new IllegalArgumentException("FIRST / AFTER applies to a single added column");
        }
        Set<String> names = new HashSet<>();
        for (SqlColumnDefinition column : this.columns) {
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Duplicate column name '" + column.name() + "'");
            }
        }
    }

    public List<SqlColumnDefinition> columns()
    {
        return columns;
    }

    /** Always {@link ColumnPosition.Kind#DEFAULT} when several columns are added. */
    public ColumnPosition columnPosition()
    {
        return columnPosition;
    }

    @Override
    void unparse(SqlWriter writer)
    {
        writer.keyword("ADD COLUMN");
        if (columns.size() == 1) {
            columns.get(0).unparse(writer);
            unparsePosition(writer, columnPosition);
            return;
        }
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlColumnDefinition column : columns) {
            writer.sep(",");
            column.unparse(writer);
        }
        writer.endList(frame);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof SqlAddColumns that
                && columns.equals(that.columns)
                && columnPosition.equals(that.columnPosition);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(columns, columnPosition);
    }

    @Override
    public String toString()
    {
        return "ADD COLUMN " + columns + " " + columnPosition;
    }
}
