package io.sluice.storage.table;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Rows to write into a table, named by column so a write prepared under an older schema (a running load during
 * ALTER TABLE) still lands correctly: columns the table no longer has are ignored, columns the write lacks take
 * their default (or NULL).
 *
 * @param deletes for PRIMARY KEY tables, per row whether it deletes its key (the loader's {@code __op}); null = none
 * @param partialColumns for PRIMARY KEY tables, the only columns this write changes on existing rows (keys implied);
 *         new keys take defaults for the others. Empty means a full-row upsert.
 * @param mergeCondition for PRIMARY KEY tables, a column: a row replaces the current one only if its value there is
 *         greater than or equal to the current value
 */
public record TableWrite(List<String> columnNames, ColumnBatch rows, boolean[] deletes, Optional<Set<String>> partialColumns, Optional<String> mergeCondition)
{
    public TableWrite
    {
        columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        requireNonNull(rows, "rows is null");
        requireNonNull(partialColumns, "partialColumns is null");
        partialColumns = partialColumns.map(Set::copyOf);
        requireNonNull(mergeCondition, "mergeCondition is null");
        if (columnNames.size() != rows.columns().size()) {
            throw new IllegalArgumentException(columnNames.size() + " column names for " + rows.columns().size() + " columns");
        }
        if (deletes != null && deletes.length < rows.rowCount()) {
            throw new IllegalArgumentException("fewer delete flags than rows");
        }
    }

    /** Upserts (or appends) whole rows whose columns are the schema's, in order. */
    public static TableWrite rows(TableSchema schema, ColumnBatch rows)
    {
        List<String> names = new ArrayList<>(schema.columns().size());
        for (ColumnSchema column : schema.columns()) {
            names.add(column.name());
        }
        return new TableWrite(names, rows, null, Optional.empty(), Optional.empty());
    }

    public TableWrite withDeletes(boolean[] newDeletes)
    {
        return new TableWrite(columnNames, rows, newDeletes, partialColumns, mergeCondition);
    }

    public boolean isDelete(int row)
    {
        return deletes != null && deletes[row];
    }
}
