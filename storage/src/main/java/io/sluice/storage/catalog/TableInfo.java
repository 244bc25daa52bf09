package io.sluice.storage.catalog;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A table as recorded in the catalog.
 *
 * @param columnIds a stable id per column (same order as the schema's columns): segment files name their columns by
 *         id, so a column dropped and added again under the same name never shows old data
 * @param fillValues for columns added by ALTER TABLE (by id): the value rows written before read, as a DEFAULT literal
 *         fixed at ALTER time ({@code NULL} for NULL), so a later change of the default or CURRENT_TIMESTAMP never
 *         changes old rows
 */
public record TableInfo(long id, String databaseName, String name, TableSchema schema, List<Long> columnIds, Map<Long, String> fillValues, long createTimeMillis)
{
    public TableInfo
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        columnIds = List.copyOf(requireNonNull(columnIds, "columnIds is null"));
        fillValues = Map.copyOf(requireNonNull(fillValues, "fillValues is null"));
        if (columnIds.size() != schema.columns().size()) {
            throw new IllegalArgumentException(columnIds.size() + " column ids for " + schema.columns().size() + " columns");
        }
    }

    public TableInfo withSchema(TableSchema newSchema, List<Long> newColumnIds, Map<Long, String> newFillValues)
    {
        return new TableInfo(id, databaseName, name, newSchema, newColumnIds, newFillValues, createTimeMillis);
    }
}
