package io.sluice.storage.column;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Rows in columnar form: one vector per table column, all of the same size.
 */
public record ColumnBatch(List<ColumnVector> columns, int rowCount)
{
    public ColumnBatch
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        for (ColumnVector column : columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column size " + column.size() + " differs from row count " + rowCount);
            }
        }
    }

    public ColumnVector column(int index)
    {
        return columns.get(index);
    }
}
