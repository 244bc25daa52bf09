package io.sluice.storage;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.metadata.AccountRecord;
import io.sluice.storage.metadata.GrantRecord;
import io.sluice.storage.metadata.MetadataStore;
import io.sluice.storage.table.ColumnDefaults;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private static final long COMPACTION_INTERVAL_MILLIS = 500;
    /** How long retired segment files wait at most: each deletion costs a clean close of the metadata (tens of ms). */
    private static final long RETIRED_FILES_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final AtomicLong catalogVersion = new AtomicLong();
    private final ScheduledExecutorService compaction = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sluice-compaction");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The database names, sorted, as the metadata holds them. Kept in memory because every connection and most
     * statements ask: while the metadata's disk is full or read-only, H2 cannot answer even a read, and connecting
     * (and SELECT) must keep working then.
     */
    private volatile List<String> databaseNames;

    // Only the compaction thread uses it.
    private long lastRetiredFilesDeletion = System.nanoTime();

    private Storage(Path dataDirectory, MetadataStore metadata)
    {
        this.dataDirectory = dataDirectory;
        this.metadata = metadata;
        this.databaseNames = List.copyOf(metadata.databaseNames());
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
        storage.removeDroppedTableDirectories();
        storage.compaction.scheduleWithFixedDelay(storage::compactQuietly, COMPACTION_INTERVAL_MILLIS, COMPACTION_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return storage;
    }

    /** After a DROP: the catalog change is made durable first, or a crash could bring back a table without files. */
    private void deleteFiles(TableData data)
    {
        try {
            metadata.persist();
        }
        catch (SluiceException e) {
            // The DROP is committed; what is left is removed at the next start (a directory no table owns).
            LOG.warn("The files of dropped table {} are kept until the next start: {}", data.table().name(), e.getMessage());
            data.markDropped();
            return;
        }
        if (!data.deleteFiles()) {
            LOG.warn("Some files of dropped table {} are still there; they are deleted at the next start", data.table().name());
        }
    }

    /** Directories of tables no longer in the catalog: a crash or a busy compaction kept DROP from deleting them. */
    private void removeDroppedTableDirectories()
    {
        try (var directories = Files.list(dataDirectory.resolve("tables"))) {
            for (Path directory : (Iterable<Path>) directories::iterator) {
                String name = directory.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && !tables.containsKey(Long.parseLong(name)) && !TableData.deleteDirectory(directory)) {
                    LOG.warn("Cannot delete {}, the directory of a dropped table", directory);
                }
            }
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot list " + dataDirectory.resolve("tables") + ": " + e.getMessage(), e);
        }
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
        List<String> names = new ArrayList<>(databaseNames);
        names.add(name);
        names.sort(null);
        databaseNames = List.copyOf(names);
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
        List<String> names = new ArrayList<>(databaseNames);
        names.remove(name);
        databaseNames = List.copyOf(names);
        for (TableInfo table : dropped) {
            deleteFiles(tables.remove(table.id()));
        }
        catalogVersion.incrementAndGet();
        return dropped;
    }

    public boolean databaseExists(String name)
    {
        return databaseNames.contains(name);
    }

    public List<String> databaseNames()
    {
        return databaseNames;
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
        List<Long> columnIds = new ArrayList<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            columnIds.add(metadata.nextId());
        }
        TableInfo table = new TableInfo(metadata.nextId(), databaseName, tableName, schema, columnIds, Map.of(), System.currentTimeMillis());
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
        deleteFiles(tables.remove(table.get().id()));
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
    public WriteResult commitLoad(long tableId, LoadCommit commit)
    {
        return requireTableData(tableId).commit(commit.write(), Optional.of(commit));
    }

    /** Publishes whole rows (the schema's columns in order) outside any load job. */
    public WriteResult insert(long tableId, ColumnBatch rows)
    {
        TableData data = requireTableData(tableId);
        return data.commit(TableWrite.rows(data.table().schema(), rows), Optional.empty());
    }

    /** Publishes a write (INSERT, UPDATE, DELETE) atomically as one new version. */
    public WriteResult write(long tableId, TableWrite write)
    {
        return requireTableData(tableId).commit(write, Optional.empty());
    }

    private TableData requireTableData(long tableId)
    {
        TableData data = tables.get(tableId);
        if (data == null) {
            throw new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table " + tableId + " does not exist any more");
        }
        return data;
    }

    // ---- accounts and privileges: the catalog keeps them; the server decides what they mean

    public List<AccountRecord> accounts()
    {
        return metadata.accounts();
    }

    public List<GrantRecord> grants()
    {
        return metadata.grants();
    }

    public void putAccount(AccountRecord account)
    {
        metadata.putAccount(account);
    }

    public void deleteAccount(String user, String host)
    {
        metadata.deleteAccount(user, host);
    }

    public void changeGrants(List<GrantRecord> added, List<GrantRecord> removed)
    {
        metadata.changeGrants(added, removed);
    }

    public void truncateTable(String databaseName, String tableName)
    {
        TableInfo table = requireTable(databaseName, tableName);
        requireTableData(table.id()).truncate();
    }

    /** ALTER TABLE ... ADD COLUMN: a value column, placed after {@code after} or last; online, loads keep going. */
    public synchronized TableInfo addColumn(String databaseName, String tableName, ColumnSchema column, Optional<String> after)
    {
        TableInfo table = requireTable(databaseName, tableName);
        TableSchema schema = table.schema();
        if (schema.columnIndex(column.name()) >= 0) {
            throw new SluiceException(ErrorCode.DUPLICATE_COLUMN, "Duplicate column name '" + column.name() + "'");
        }
        if (column.key()) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Adding key columns is not supported; add '" + column.name() + "' as a value column");
        }
        if (schema.keyModel() == KeyModel.AGGREGATE && column.aggregation() == AggregationFunction.NONE) {
            throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Value column '" + column.name() + "' of an AGGREGATE KEY table needs an aggregation function");
        }
        if (schema.keyModel() != KeyModel.AGGREGATE && column.aggregation() != AggregationFunction.NONE) {
            throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Aggregation functions are only allowed in AGGREGATE KEY tables");
        }
        if (!ColumnDefaults.hasDefault(column)) {
            throw new SluiceException(ErrorCode.INVALID_TABLE_DEFINITION, "Column '" + column.name() + "' is NOT NULL and has no DEFAULT, so existing rows would have no value");
        }
        int position = schema.columns().size();
        if (after.isPresent()) {
            int afterIndex = schema.columnIndex(after.get());
            if (afterIndex < 0) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + after.get() + "' in '" + tableName + "'");
            }
            position = Math.max(afterIndex + 1, schema.keyColumnCount());
        }
        List<ColumnSchema> columns = new ArrayList<>(schema.columns());
        List<Long> columnIds = new ArrayList<>(table.columnIds());
        long columnId = metadata.nextId();
        columns.add(position, column);
        columnIds.add(position, columnId);
        Map<Long, String> fillValues = new HashMap<>(table.fillValues());
        fillValues.put(columnId, ColumnDefaults.literal(column));
        return alter(table, schema.withColumns(columns), columnIds, fillValues);
    }

    /** ALTER TABLE ... DROP COLUMN of a value column. */
    public synchronized TableInfo dropColumn(String databaseName, String tableName, String columnName)
    {
        TableInfo table = requireTable(databaseName, tableName);
        TableSchema schema = table.schema();
        int index = schema.columnIndex(columnName);
        if (index < 0) {
            throw new SluiceException(ErrorCode.CANNOT_DROP_COLUMN, "Can't DROP '" + columnName + "'; check that column/key exists");
        }
        if (schema.column(index).key()) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Key column '" + columnName + "' cannot be dropped");
        }
        for (String distribution : schema.distributionColumns()) {
            if (distribution.equalsIgnoreCase(columnName)) {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Distribution column '" + columnName + "' cannot be dropped");
            }
        }
        List<ColumnSchema> columns = new ArrayList<>(schema.columns());
        List<Long> columnIds = new ArrayList<>(table.columnIds());
        Map<Long, String> fillValues = new HashMap<>(table.fillValues());
        fillValues.remove(columnIds.get(index));
        columns.remove(index);
        columnIds.remove(index);
        return alter(table, schema.withColumns(columns), columnIds, fillValues);
    }

    /** ALTER TABLE ... MODIFY COLUMN: a value column's comment or default; its type, key and aggregation stay. */
    public synchronized TableInfo modifyColumn(String databaseName, String tableName, ColumnSchema column)
    {
        TableInfo table = requireTable(databaseName, tableName);
        TableSchema schema = table.schema();
        int index = schema.columnIndex(column.name());
        if (index < 0) {
            throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + column.name() + "' in '" + tableName + "'");
        }
        ColumnSchema current = schema.column(index);
        if (current.key()) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Key column '" + column.name() + "' cannot be modified");
        }
        if (current.type() != column.type() || current.length() != column.length() || current.scale() != column.scale()
                || current.nullable() != column.nullable()
                || (column.aggregation() != AggregationFunction.NONE && column.aggregation() != current.aggregation())) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "MODIFY COLUMN may only change the comment or the default of '" + column.name() + "'");
        }
        ColumnSchema modified = new ColumnSchema(current.name(), current.type(), current.length(), current.scale(), current.nullable(), false,
                current.aggregation(), column.defaultValue(), column.comment());
        ColumnDefaults.physicalDefault(modified);
        List<ColumnSchema> columns = new ArrayList<>(schema.columns());
        columns.set(index, modified);
        return alter(table, schema.withColumns(columns), table.columnIds(), table.fillValues());
    }

    private TableInfo alter(TableInfo table, TableSchema newSchema, List<Long> columnIds, Map<Long, String> fillValues)
    {
        TableInfo altered = table.withSchema(newSchema, columnIds, fillValues);
        metadata.updateColumns(altered);
        requireTableData(table.id()).alter(altered);
        catalogVersion.incrementAndGet();
        return altered;
    }

    private TableInfo requireTable(String databaseName, String tableName)
    {
        requireDatabase(databaseName);
        return table(databaseName, tableName)
                .orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + databaseName + "." + tableName + "' doesn't exist"));
    }

    private void compactQuietly()
    {
        try {
            compactNow();
            if (System.nanoTime() - lastRetiredFilesDeletion >= RETIRED_FILES_INTERVAL_NANOS) {
                lastRetiredFilesDeletion = System.nanoTime();
                deleteRetiredFiles();
                metadata.compactIfGrown();
            }
        }
        catch (RuntimeException e) {
            // A failed merge changes nothing published; the next pass tries again.
            LOG.warn("Compaction failed: {}", e.getMessage(), e);
        }
    }

    /** One compaction pass over every table (the background thread runs this; tests call it directly). */
    public boolean compactNow()
    {
        boolean merged = false;
        for (TableData data : tables.values()) {
            merged |= data.compact();
        }
        return merged;
    }

    /**
     * Deletes the files of segments that compactions and TRUNCATE removed, after making the metadata durable: before
     * that, a crash could bring back a catalog that still lists them (see {@link MetadataStore#persist}). The
     * compaction thread calls this every few seconds; tests call it directly. Returns how many files it deleted.
     */
    public int deleteRetiredFiles()
    {
        List<Path> retired = new ArrayList<>();
        for (TableData data : tables.values()) {
            retired.addAll(data.takeRetiredFiles());
        }
        if (retired.isEmpty()) {
            return 0;
        }
        // A failure here leaves the files to the next start, which finds them unreferenced and deletes them.
        metadata.persist();
        int deleted = 0;
        for (Path file : retired) {
            try {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
            catch (IOException e) {
                LOG.warn("Cannot delete {}, a segment file no longer used; it is deleted at a later start: {}", file, e.toString());
            }
        }
        return deleted;
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

    /** The kept rejected records of one load job (or of all, when empty), oldest first, at most the newest {@code limit}. */
    public List<RejectedRecord> rejectedRecords(OptionalLong jobId, int limit)
    {
        return metadata.rejectedRecords(jobId, limit);
    }

    @Override
    public void close()
    {
        compaction.shutdown();
        try {
            compaction.awaitTermination(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metadata.close();
    }
}
