package io.sluice.storage.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A table as recorded in the catalog.
 */
public record TableInfo(long id, String databaseName, String name, TableSchema schema, long createTimeMillis)
{
    public TableInfo
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
    }
}
