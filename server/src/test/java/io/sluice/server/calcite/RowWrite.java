package io.sluice.server.calcite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Rows written to {@code t} in one commit, named by column, with the PRIMARY KEY options a load can ask for.
 *
 * @param rows each aligned with {@code columns}
 * @param deletes per row whether it deletes its key (the loader's {@code __op}), or null
 * @param partialColumns the value columns a partial update changes, or null for whole rows
 * @param mergeColumn the merge condition's column, or null
 */
record RowWrite(List<String> columns, List<Object[]> rows, boolean[] deletes, Set<String> partialColumns, String mergeColumn)
{
    RowWrite
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(row.length + " values for " + columns.size() + " columns");
            }
        }
        if (deletes != null && deletes.length != rows.size()) {
            throw new IllegalArgumentException(deletes.length + " delete flags for " + rows.size() + " rows");
        }
        partialColumns = partialColumns == null ? null : Set.copyOf(partialColumns);
    }

    static RowWrite wholeRows(List<String> columns, List<Object[]> rows)
    {
        return new RowWrite(columns, rows, null, null, null);
    }

    boolean isDelete(int row)
    {
        return deletes != null && deletes[row];
    }

    /** Whether rows change only some columns of existing keys, or only under a condition. */
    boolean isConditionalOrPartial()
    {
        return partialColumns != null || mergeColumn != null;
    }

    @Override
    public String toString()
    {
        List<String> options = new ArrayList<>();
        if (deletes != null) {
            options.add("with deletes");
        }
        if (partialColumns != null) {
            options.add("updating only " + partialColumns);
        }
        if (mergeColumn != null) {
            options.add("if " + mergeColumn + " >= current");
        }
        return rows.size() + " rows of " + columns + (options.isEmpty() ? "" : " " + String.join(", ", options));
    }
}
