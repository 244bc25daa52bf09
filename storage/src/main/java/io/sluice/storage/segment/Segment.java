package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An immutable set of rows of one table, published by one commit.
 *
 * @param version the table version that published it; later versions win for equal keys
 */
public record Segment(long id, long version, List<ColumnVector> columns, int rowCount)
{
    public Segment
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public ColumnVector column(int index)
    {
        return columns.get(index);
    }
}
