package io.sluice.server.calcite;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One database's tables, read from the catalog at every planning so DDL is visible at once.
 */
final class DatabaseSchema
        extends AbstractSchema
{
    private final Storage storage;
    private final StatementSnapshots snapshots;
    private final String databaseName;

    DatabaseSchema(Storage storage, StatementSnapshots snapshots, String databaseName)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.databaseName = requireNonNull(databaseName, "databaseName is null");
    }

    @Override
    protected Map<String, Table> getTableMap()
    {
        Map<String, Table> tables = new HashMap<>();
        for (TableInfo table : storage.tables(databaseName)) {
            tables.put(table.name(), new SluiceTable(storage, snapshots, table));
        }
        return tables;
    }

    @Override
    public boolean isMutable()
    {
        return true;
    }
}
