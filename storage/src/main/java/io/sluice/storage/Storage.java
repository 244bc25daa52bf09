package io.sluice.storage;

import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.metadata.MetadataStore;
import io.sluice.storage.table.TableData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The embedded store: databases and tables (catalog), their data (segments), and the load jobs whose progress is
 * published atomically with the data they load. Everything lives under one data directory.
 */
public final class Storage
        implements AutoCloseable
{
    private final Path dataDirectory;
    private final MetadataStore metadata;
    private final Map<Long, TableData> tables = new ConcurrentHashMap<>();
    private final AtomicLong catalogVersion = new AtomicLong();

    private Storage(Path dataDirectory, MetadataStore metadata)
    {
        this.dataDirectory = dataDirectory;
        this.metadata = metadata;
    }

    public static Storage open(Path dataDirectory)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        try {
            Files.createDirectories(dataDirectory.resolve("meta"));
            Files.createDirectories(dataDirectory.resolve("tables"));
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot create data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        MetadataStore metadata = MetadataStore.open(dataDirectory.resolve("meta"));
        Storage storage = new Storage(dataDirectory, metadata);
        for (TableInfo table : metadata.tables()) {
            storage.tables.put(table.id(), TableData.load(table, storage.tableDirectory(table.id()), metadata));
        }
        return storage;
    }

    /** Changes whenever a database or table is created, dropped or altered: a key for caches of plans. */
    public long catalogVersion()
    {
        return catalogVersion.get();
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    private Path tableDirectory(long tableId)
    {
        return dataDirectory.resolve("tables").resolve(Long.toString(tableId));
    }

    // ---- databases

    public synchronized void createDatabase(String name, boolean ifNotExists)
    {
        if (databaseExists(name)) {
            if (ifNotExists) {
                return;
            }
            throw new SluiceException(ErrorCode.DATABASE_CREATE_EXISTS, "Can't create database '" + name + "'; database exists");
        }
        metadata.insertDatabase(name, System.currentTimeMillis());
        catalogVersion.incrementAndGet();
    }

    /** Drops a database and its tables; returns the dropped tables so their load jobs can be cancelled. */
    public synchronized List<TableInfo> dropDatabase(String name, boolean ifExists)
    {
        if (!databaseExists(name)) {
            if (ifExists) {
                return List.of();
            }
            throw new SluiceException(ErrorCode.DATABASE_DROP_NOT_EXISTS, "Can't drop database '" + name + "'; database doesn't exist");
        }
        List<TableInfo> dropped = tables(name);
        metadata.deleteDatabase(name, dropped.stream().map(TableInfo::id).toList());
        for (TableInfo table : dropped) {
            TableData data = tables.remove(table.id());
            data.deleteFiles();
        }
        catalogVersion.incrementAndGet();
        return dropped;
    }

    public boolean databaseExists(String name)
    {
        return metadata.databaseNames().contains(name);
    }

    public List<String> databaseNames()
    {
        return metadata.databaseNames();
    }

    // ---- tables

    public synchronized TableInfo createTable(String databaseName, String tableName, TableSchema schema, boolean ifNotExists)
    {
        requireDatabase(databaseName);
        Optional<TableInfo> existing = table(databaseName, tableName);
        if (existing.isPresent()) {
            if (ifNotExists) {
                return existing.get();
            }
            throw new SluiceException(ErrorCode.TABLE_EXISTS, "Table '" + tableName + "' already exists");
        }
        TableInfo table = new TableInfo(metadata.nextId(), databaseName, tableName, schema, System.currentTimeMillis());
        TableData data = TableData.create(table, tableDirectory(table.id()), metadata);
        metadata.insertTable(table);
        tables.put(table.id(), data);
        catalogVersion.incrementAndGet();
        return table;
    }

    /** Drops a table; returns it (empty when it did not exist and ifExists was given). */
    public synchronized Optional<TableInfo> dropTable(String databaseName, String tableName, boolean ifExists)
    {
        requireDatabase(databaseName);
        Optional<TableInfo> table = table(databaseName, tableName);
        if (table.isEmpty()) {
            if (ifExists) {
                return Optional.empty();
            }
            throw new SluiceException(ErrorCode.UNKNOWN_TABLE, "Unknown table '" + databaseName + "." + tableName + "'");
        }
        metadata.deleteTable(table.get().id());
        tables.remove(table.get().id()).deleteFiles();
        catalogVersion.incrementAndGet();
        return table;
    }

    public Optional<TableInfo> table(String databaseName, String tableName)
    {
        for (TableData data : tables.values()) {
            TableInfo table = data.table();
            if (table.databaseName().equals(databaseName) && table.name().equals(tableName)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    public Optional<TableData> tableData(long tableId)
    {
        return Optional.ofNullable(tables.get(tableId));
    }

    public List<TableInfo> tables(String databaseName)
    {
        List<TableInfo> result = new ArrayList<>();
        for (TableData data : tables.values()) {
            if (data.table().databaseName().equals(databaseName)) {
                result.add(data.table());
            }
        }
        result.sort(Comparator.comparing(TableInfo::name));
        return result;
    }

    public void requireDatabase(String databaseName)
    {
        if (!databaseExists(databaseName)) {
            throw new SluiceException(ErrorCode.UNKNOWN_DATABASE, "Unknown database '" + databaseName + "'");
        }
    }

    // ---- loads

    /** Publishes a load batch: the rows (possibly none) and the job's offsets and counters, atomically. */
    public void commitLoad(long tableId, LoadCommit commit)
    {
        TableData data = tables.get(tableId);
        if (data == null) {
            throw new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table " + tableId + " does not exist any more");
        }
        data.commit(commit.rows(), Optional.of(commit));
    }

    /** Publishes rows outside any load job. */
    public void insert(long tableId, ColumnBatch rows)
    {
        TableData data = tables.get(tableId);
        if (data == null) {
            throw new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table " + tableId + " does not exist any more");
        }
        data.commit(rows, Optional.empty());
    }

    public long nextId()
    {
        return metadata.nextId();
    }

    public void createLoadJob(LoadJobRecord job)
    {
        metadata.insertLoadJob(job);
    }

    public boolean updateLoadJob(long jobId, String state, Optional<String> reason, Optional<Long> pauseTimeMillis, Optional<Long> endTimeMillis, long generation, String definition)
    {
        return metadata.updateLoadJob(jobId, state, reason, pauseTimeMillis, endTimeMillis, generation, definition);
    }

    public List<LoadJobRecord> loadJobs()
    {
        return metadata.loadJobs();
    }

    @Override
    public void close()
    {
        metadata.close();
    }
}
