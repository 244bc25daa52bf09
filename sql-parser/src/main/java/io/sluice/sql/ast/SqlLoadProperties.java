package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The load properties of CREATE/ALTER ROUTINE LOAD: {@code COLUMNS TERMINATED BY}, {@code ROWS TERMINATED BY},
 * {@code COLUMNS (...)}, {@code WHERE}, {@code PARTITION (...)}; each may be written once, in any order.
 */
public final class SqlLoadProperties
{
    private static final SqlLoadProperties EMPTY = new Builder().build();

    private final List<SqlLoadColumn> columns;
    private final SqlNode where;
    private final String columnSeparator;
    private final String rowDelimiter;
    private final List<String> partitions;

    private SqlLoadProperties(
            List<SqlLoadColumn> columns,
            SqlNode where,
            String columnSeparator,
            String rowDelimiter,
            List<String> partitions)
    {
        this.columns = List.copyOf(columns);
        this.where = where;
        this.columnSeparator = columnSeparator;
        this.rowDelimiter = rowDelimiter;
        this.partitions = List.copyOf(partitions);
    }

    public static SqlLoadProperties empty()
    {
        return EMPTY;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** Empty when no COLUMNS clause was written. */
    public List<SqlLoadColumn> columns()
    {
        return columns;
    }

    public SqlNode where()
    {
        return where;
    }

    public String columnSeparator()
    {
        return columnSeparator;
    }

    public String rowDelimiter()
    {
        return rowDelimiter;
    }

    /** Empty when no PARTITION clause was written. */
    public List<String> partitions()
    {
        return partitions;
    }

    public boolean isEmpty()
    {
        return columns.isEmpty() && where == null && columnSeparator == null && rowDelimiter == null && partitions.isEmpty();
    }

    void unparse(SqlWriter writer)
    {
        SqlWriter.Frame frame = writer.startList("", "");
        if (columnSeparator != null) {
            writer.sep(",");
            writer.keyword("COLUMNS TERMINATED BY");
            Unparsing.stringLiteral(writer, columnSeparator);
        }
        if (rowDelimiter != null) {
            writer.sep(",");
            writer.keyword("ROWS TERMINATED BY");
            Unparsing.stringLiteral(writer, rowDelimiter);
        }
        if (!columns.isEmpty()) {
            writer.sep(",");
            writer.keyword("COLUMNS");
            SqlWriter.Frame columnsFrame = writer.startList("(", ")");
            for (SqlLoadColumn column : columns) {
                writer.sep(",");
                column.unparse(writer);
            }
            writer.endList(columnsFrame);
        }
        if (where != null) {
            writer.sep(",");
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
        if (!partitions.isEmpty()) {
            writer.sep(",");
            writer.keyword("PARTITION");
            Unparsing.identifierList(writer, partitions);
        }
        writer.endList(frame);
    }

    /** Collects the properties as the parser meets them; the parser checks {@code has...()} to reject repeats. */
    public static final class Builder
    {
        private List<SqlLoadColumn> columns;
        private SqlNode where;
        private String columnSeparator;
        private String rowDelimiter;
        private List<String> partitions;

        private Builder() {}

        public boolean hasColumns()
        {
            return columns != null;
        }

        public boolean hasWhere()
        {
            return where != null;
        }

        public boolean hasColumnSeparator()
        {
            return columnSeparator != null;
        }

        public boolean hasRowDelimiter()
        {
            return rowDelimiter != null;
        }

        public boolean hasPartitions()
        {
            return partitions != null;
        }

        public Builder columns(List<SqlLoadColumn> columns)
        {
            checkNotSet(hasColumns(), "repeat setting of columns info");
            requireNonNull(columns, "columns is null");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("COLUMNS needs at least one column");
            }
            this.columns = List.copyOf(columns);
            return this;
        }

        public Builder where(SqlNode where)
        {
            checkNotSet(hasWhere(), "repeat setting of where predicate");
            this.where = requireNonNull(where, "where is null");
            return this;
        }

        public Builder columnSeparator(String columnSeparator)
        {
            checkNotSet(hasColumnSeparator(), "repeat setting of column separator");
            this.columnSeparator = requireNonNull(columnSeparator, "columnSeparator is null");
            return this;
        }

        public Builder rowDelimiter(String rowDelimiter)
        {
            checkNotSet(hasRowDelimiter(), "repeat setting of row delimiter");
            this.rowDelimiter = requireNonNull(rowDelimiter, "rowDelimiter is null");
            return this;
        }

        public Builder partitions(List<String> partitions)
        {
            checkNotSet(hasPartitions(), "repeat setting of partition names");
            requireNonNull(partitions, "partitions is null");
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("PARTITION needs at least one partition");
            }
            this.partitions = List.copyOf(partitions);
            return this;
        }

        public SqlLoadProperties build()
        {
            return new SqlLoadProperties(
                    columns == null ? List.of() : columns,
                    where,
                    columnSeparator,
                    rowDelimiter,
                    partitions == null ? List.of() : partitions);
        }

        private static void checkNotSet(boolean alreadySet, String message)
        {
            if (alreadySet) {
                throw new IllegalStateException(message);
            }
        }
    }
}
