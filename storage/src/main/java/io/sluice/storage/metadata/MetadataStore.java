package io.sluice.storage.metadata;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.type.ColumnType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog, the segment manifest and the load jobs with their offsets, in an embedded H2 database.
 * Every change is one H2 transaction; {@link #publish} is the single atomic step that makes a load's data and its new
 * offsets visible together. Callers serialize access through this object's monitor.
 */
public final class MetadataStore
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
    private static final String[] SCHEMA = {
            "CREATE SEQUENCE IF NOT EXISTS object_ids START WITH 1",
            "CREATE TABLE IF NOT EXISTS catalog_databases (name VARCHAR PRIMARY KEY, create_time BIGINT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS catalog_tables (
              id BIGINT PRIMARY KEY, database_name VARCHAR NOT NULL, name VARCHAR NOT NULL, key_model VARCHAR NOT NULL,
              buckets INT NOT NULL, create_time BIGINT NOT NULL, version BIGINT NOT NULL,
              UNIQUE (database_name, name))""",
            """
            CREATE TABLE IF NOT EXISTS catalog_columns (
              table_id BIGINT NOT NULL, ordinal INT NOT NULL, column_id BIGINT NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
              length INT NOT NULL, scale INT NOT NULL, nullable BOOLEAN NOT NULL, is_key BOOLEAN NOT NULL,
              aggregation VARCHAR NOT NULL, default_value VARCHAR, comment VARCHAR NOT NULL, fill_value VARCHAR,
              PRIMARY KEY (table_id, ordinal))""",
            """
            CREATE TABLE IF NOT EXISTS catalog_table_details (
              table_id BIGINT NOT NULL, kind VARCHAR NOT NULL, ordinal INT NOT NULL, name VARCHAR NOT NULL, detail_value VARCHAR,
              PRIMARY KEY (table_id, kind, ordinal))""",
            """
            CREATE TABLE IF NOT EXISTS segments (
              id BIGINT PRIMARY KEY, table_id BIGINT NOT NULL, tablet INT NOT NULL, version BIGINT NOT NULL, row_count INT NOT NULL,
              column_layout VARCHAR NOT NULL)""",
            "CREATE TABLE IF NOT EXISTS delete_bitmaps (segment_id BIGINT PRIMARY KEY, table_id BIGINT NOT NULL, bitmap VARBINARY NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS load_jobs (
              id BIGINT PRIMARY KEY, database_name VARCHAR NOT NULL, name VARCHAR NOT NULL, table_id BIGINT NOT NULL,
              state VARCHAR NOT NULL, definition CLOB NOT NULL, create_time BIGINT NOT NULL, pause_time BIGINT,
              end_time BIGINT, state_reason VARCHAR, generation BIGINT NOT NULL,
              total_rows BIGINT NOT NULL, loaded_rows BIGINT NOT NULL, error_rows BIGINT NOT NULL,
              unselected_rows BIGINT NOT NULL, received_bytes BIGINT NOT NULL, committed_tasks BIGINT NOT NULL,
              aborted_tasks BIGINT NOT NULL, task_execute_millis BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS load_job_offsets (
              job_id BIGINT NOT NULL, source_partition INT NOT NULL, next_offset BIGINT NOT NULL,
              PRIMARY KEY (job_id, source_partition))""",
            """
            CREATE TABLE IF NOT EXISTS load_rejected_records (
              sequence BIGINT AUTO_INCREMENT PRIMARY KEY, job_id BIGINT NOT NULL, source_partition INT NOT NULL,
              source_offset BIGINT NOT NULL, message_time BIGINT NOT NULL, reject_time BIGINT NOT NULL, reason VARCHAR NOT NULL,
              message VARBINARY NOT NULL, message_length INT NOT NULL, fatal BOOLEAN NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS load_rejected_records_by_job ON load_rejected_records (job_id, sequence)",
            "CREATE TABLE IF NOT EXISTS access_accounts (user_name VARCHAR NOT NULL, host VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, PRIMARY KEY (user_name, host))",
            """
            CREATE TABLE IF NOT EXISTS access_grants (
              user_name VARCHAR NOT NULL, host VARCHAR NOT NULL, privilege VARCHAR NOT NULL, database_name VARCHAR NOT NULL,
              table_name VARCHAR NOT NULL, PRIMARY KEY (user_name, host, privilege, database_name, table_name))""",
    };

    /** H2 codes of a database that closed itself: a failed write (disk full, read-only) closes it for good. */
    private static final int DATABASE_IS_CLOSED = 90098;
    private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

    /**
     * WRITE_DELAY=0: a commit is written before it returns. REUSE_SPACE=FALSE: every commit is appended at the end of
     * the file. H2 2.5 otherwise writes commits into freed space in the middle of the file, and after a SIGKILL it can
     * only find them if its file header points to them, which it updates lazily: a restart came back up to ~20 commits
     * earlier (measured with plain H2: 25 of 70 killed runs lost commits, up to 21; with this setting none of 90). The
     * file then only grows, so {@link #persist} rewrites it when it has grown (H2 compacts nothing while running).
     */
    static final String URL_SETTINGS = ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE";
    /** The file is rewritten when it has grown by this much plus its size after the last rewrite. */
    private static final long COMPACT_GROWTH_BYTES = 16L << 20;

    private final String url;
    private final Path file;
    // Guarded by this: the file's size after it was last rewritten.
    private long compactedBytes;
    // Guarded by this.
    private Connection connection;
    // Guarded by this: a call failed (after a failed write H2 closes the database); the next call opens a new connection.
    private boolean closedByFailure;
    // Guarded by this: close() was called; a late caller must not open the database again.
    private boolean closed;

    private MetadataStore(String url, Path file, Connection connection)
    {
        this.url = url;
        this.file = file;
        this.connection = connection;
        this.compactedBytes = fileSize(file);
    }

    public static MetadataStore open(Path directory)
    {
        Path file = directory.resolve("metadata.mv.db");
        String url = "jdbc:h2:file:" + directory.resolve("metadata").toAbsolutePath() + URL_SETTINGS;
        try {
            Connection connection = connect(url);
            try (Statement statement = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            connection.commit();
            // A killed process leaves the file grown (see URL_SETTINGS): rewrite it once at start.
            try {
                compact(connection);
            }
            catch (SQLException e) {
                // A full disk has no room for the copy; the file stays as it is.
                LOG.warn("Cannot compact the metadata database in {}: {}", directory, e.getMessage());
                connection.close();
            }
            return new MetadataStore(url, file, connect(url));
        }
        catch (SQLException e) {
            throw failure("open the metadata database in " + directory, e);
        }
    }

    /** Rewrites the file with only its live data and closes the connection: H2 writes the copy, then renames it. */
    private static void compact(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        connection.close();
    }

    private static Connection connect(String url)
            throws SQLException
    {
        Connection connection = DriverManager.getConnection(url, "sluice", "");
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * The connection, opened again if H2 closed the database after a failed write. Once the disk takes writes again,
     * H2 reopens the file at its last commit; without this, every later call would fail until a restart.
     */
    private Connection connection()
            throws SQLException
    {
        if (closedByFailure && !closed) {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // Already closed by H2.
            }
            connection = connect(url);
            closedByFailure = false;
        }
        return connection;
    }

    /**
     * Closes the database and opens it again, rewriting the file first if it has grown past twice its live size plus
     * 16 MB, so that appending every commit (see {@link #URL_SETTINGS}) keeps the file bounded. A clean close is also
     * the strongest durability H2 offers: callers use this before deleting files that a commit stopped referencing,
     * so that even a catalog that came back older would not list a deleted file.
     */
    public synchronized void persist()
    {
        if (closed) {
            throw failure("persist", new SQLException("the metadata store is closed"));
        }
        try {
            if (grown()) {
                // Measured before the rewrite too: a rewrite that fails (a full disk) is tried again only once the
                // file has grown as much again, not every few seconds.
                compactedBytes = fileSize(file);
                compact(connection);
                compactedBytes = fileSize(file);
            }
            else {
                connection.close();
            }
            connection = connect(url);
            closedByFailure = false;
        }
        catch (SQLException e) {
            throw failed("persist", e);
        }
    }

    /** Rewrites the file if it has grown (see {@link #persist}); the storage's background thread calls it. */
    public synchronized void compactIfGrown()
    {
        if (!closed && grown()) {
            persist();
        }
    }

    private boolean grown()
    {
        return fileSize(file) > 2 * compactedBytes + COMPACT_GROWTH_BYTES;
    }

    private static long fileSize(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            return 0;
        }
    }

    public synchronized long nextId()
    {
        try (Statement statement = connection().createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT NEXT VALUE FOR object_ids")) {
            resultSet.next();
            long id = resultSet.getLong(1);
            connection().commit();
            return id;
        }
        catch (SQLException e) {
            throw failed("allocate an id", e);
        }
    }

    /** Several ids in one round trip (one per segment of a commit). */
    public synchronized long[] nextIds(int count)
    {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement statement = connection().prepareStatement("SELECT NEXT VALUE FOR object_ids FROM SYSTEM_RANGE(1, ?)")) {
            statement.setInt(1, count);
            try (ResultSet resultSet = statement.executeQuery()) {
                for (int i = 0; i < count; i++) {
                    resultSet.next();
                    ids[i] = resultSet.getLong(1);
                }
            }
            connection().commit();
            return ids;
        }
        catch (SQLException e) {
            throw failed("allocate ids", e);
        }
    }

    // ---- databases

    public synchronized List<String> databaseNames()
    {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection().createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT name FROM catalog_databases ORDER BY name")) {
            while (resultSet.next()) {
                names.add(resultSet.getString(1));
            }
            connection().commit();
            return names;
        }
        catch (SQLException e) {
            throw failed("list databases", e);
        }
    }

    public synchronized void insertDatabase(String name, long createTimeMillis)
    {
        inTransaction("create database " + name, () -> {
            try (PreparedStatement statement = connection().prepareStatement("INSERT INTO catalog_databases VALUES (?, ?)")) {
                statement.setString(1, name);
                statement.setLong(2, createTimeMillis);
                statement.executeUpdate();
            }
        });
    }

    /** Removes a database with its tables, their segments and the jobs loading them. */
    public synchronized void deleteDatabase(String name, List<Long> tableIds)
    {
        inTransaction("drop database " + name, () -> {
            for (long tableId : tableIds) {
                deleteTableRows(tableId);
            }
            try (PreparedStatement statement = connection().prepareStatement("DELETE FROM catalog_databases WHERE name = ?")) {
                statement.setString(1, name);
                statement.executeUpdate();
            }
        });
    }

    // ---- tables

    public synchronized void insertTable(TableInfo table)
    {
        inTransaction("create table " + table.name(), () -> {
            try (PreparedStatement statement = connection().prepareStatement("INSERT INTO catalog_tables VALUES (?, ?, ?, ?, ?, ?, 0)")) {
                statement.setLong(1, table.id());
                statement.setString(2, table.databaseName());
                statement.setString(3, table.name());
                statement.setString(4, table.schema().keyModel().name());
                statement.setInt(5, table.schema().buckets());
                statement.setLong(6, table.createTimeMillis());
                statement.executeUpdate();
            }
            insertColumns(table);
            try (PreparedStatement statement = connection().prepareStatement("INSERT INTO catalog_table_details VALUES (?, ?, ?, ?, ?)")) {
                int ordinal = 0;
                for (String column : table.schema().distributionColumns()) {
                    addDetail(statement, table.id(), "distribution", ordinal++, column, null);
                }
                ordinal = 0;
                for (Map.Entry<String, String> property : table.schema().properties().entrySet()) {
                    addDetail(statement, table.id(), "property", ordinal++, property.getKey(), property.getValue());
                }
                statement.executeBatch();
            }
        });
    }

    private void insertColumns(TableInfo table)
            throws SQLException
    {
        try (PreparedStatement statement = connection().prepareStatement("INSERT INTO catalog_columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            List<ColumnSchema> columns = table.schema().columns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSchema column = columns.get(i);
                statement.setLong(1, table.id());
                statement.setInt(2, i);
                statement.setLong(3, table.columnIds().get(i));
                statement.setString(4, column.name());
                statement.setString(5, column.type().name());
                statement.setInt(6, column.length());
                statement.setInt(7, column.scale());
                statement.setBoolean(8, column.nullable());
                statement.setBoolean(9, column.key());
                statement.setString(10, column.aggregation().name());
                statement.setString(11, column.defaultValue().orElse(null));
                statement.setString(12, column.comment());
                statement.setString(13, table.fillValues().get(table.columnIds().get(i)));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Replaces a table's column list (ALTER TABLE), in one transaction. */
    public synchronized void updateColumns(TableInfo table)
    {
        inTransaction("alter table " + table.name(), () -> {
            try (PreparedStatement statement = connection().prepareStatement("DELETE FROM catalog_columns WHERE table_id = ?")) {
                statement.setLong(1, table.id());
                statement.executeUpdate();
            }
            insertColumns(table);
        });
    }

    private static void addDetail(PreparedStatement statement, long tableId, String kind, int ordinal, String name, String value)
            throws SQLException
    {
        statement.setLong(1, tableId);
        statement.setString(2, kind);
        statement.setInt(3, ordinal);
        statement.setString(4, name);
        statement.setString(5, value);
        statement.addBatch();
    }

    public synchronized void deleteTable(long tableId)
    {
        inTransaction("drop table " + tableId, () -> deleteTableRows(tableId));
    }

    private void deleteTableRows(long tableId)
            throws SQLException
    {
        for (String sql : List.of(
                "DELETE FROM catalog_tables WHERE id = ?",
                "DELETE FROM catalog_columns WHERE table_id = ?",
                "DELETE FROM catalog_table_details WHERE table_id = ?",
                "DELETE FROM segments WHERE table_id = ?",
                "DELETE FROM delete_bitmaps WHERE table_id = ?")) {
            try (PreparedStatement statement = connection().prepareStatement(sql)) {
                statement.setLong(1, tableId);
                statement.executeUpdate();
            }
        }
    }

    public synchronized List<TableInfo> tables()
    {
        try {
            Map<Long, List<ColumnSchema>> columns = new HashMap<>();
            Map<Long, List<Long>> columnIds = new HashMap<>();
            Map<Long, Map<Long, String>> fillValues = new HashMap<>();
            try (Statement statement = connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT * FROM catalog_columns ORDER BY table_id, ordinal")) {
                while (resultSet.next()) {
                    columnIds.computeIfAbsent(resultSet.getLong("table_id"), id -> new ArrayList<>()).add(resultSet.getLong("column_id"));
                    String fill = resultSet.getString("fill_value");
                    if (fill != null) {
                        fillValues.computeIfAbsent(resultSet.getLong("table_id"), id -> new HashMap<>()).put(resultSet.getLong("column_id"), fill);
                    }
                    columns.computeIfAbsent(resultSet.getLong("table_id"), id -> new ArrayList<>()).add(new ColumnSchema(
                            resultSet.getString("name"),
                            ColumnType.valueOf(resultSet.getString("type")),
                            resultSet.getInt("length"),
                            resultSet.getInt("scale"),
                            resultSet.getBoolean("nullable"),
                            resultSet.getBoolean("is_key"),
                            AggregationFunction.valueOf(resultSet.getString("aggregation")),
                            Optional.ofNullable(resultSet.getString("default_value")),
                            resultSet.getString("comment")));
                }
            }
            Map<Long, List<String>> distributions = new HashMap<>();
            Map<Long, Map<String, String>> properties = new HashMap<>();
            try (Statement statement = connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT * FROM catalog_table_details ORDER BY table_id, kind, ordinal")) {
                while (resultSet.next()) {
                    long tableId = resultSet.getLong("table_id");
                    if (resultSet.getString("kind").equals("distribution")) {
                        distributions.computeIfAbsent(tableId, id -> new ArrayList<>()).add(resultSet.getString("name"));
                    }
                    else {
                        properties.computeIfAbsent(tableId, id -> new LinkedHashMap<>()).put(resultSet.getString("name"), resultSet.getString("detail_value"));
                    }
                }
            }
            List<TableInfo> tables = new ArrayList<>();
            try (Statement statement = connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT * FROM catalog_tables ORDER BY id")) {
                while (resultSet.next()) {
                    long id = resultSet.getLong("id");
                    TableSchema schema = new TableSchema(
                            columns.get(id),
                            KeyModel.valueOf(resultSet.getString("key_model")),
                            distributions.getOrDefault(id, List.of()),
                            resultSet.getInt("buckets"),
                            properties.getOrDefault(id, Map.of()));
                    tables.add(new TableInfo(id, resultSet.getString("database_name"), resultSet.getString("name"), schema, columnIds.get(id), fillValues.getOrDefault(id, Map.of()), resultSet.getLong("create_time")));
                }
            }
            connection().commit();
            return tables;
        }
        catch (SQLException e) {
            throw failed("read the catalog", e);
        }
    }

    // ---- segments

    public synchronized List<SegmentRecord> segments(long tableId)
    {
        List<SegmentRecord> segments = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement("SELECT id, tablet, version, row_count, column_layout FROM segments WHERE table_id = ? ORDER BY version, id")) {
            statement.setLong(1, tableId);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    segments.add(new SegmentRecord(resultSet.getLong(1), tableId, resultSet.getInt(2), resultSet.getLong(3), resultSet.getInt(4), resultSet.getString(5)));
                }
            }
            connection().commit();
            return segments;
        }
        catch (SQLException e) {
            throw failed("list segments", e);
        }
    }

    public synchronized Map<Long, RoaringBitmap> deleteBitmaps(long tableId)
    {
        Map<Long, RoaringBitmap> bitmaps = new HashMap<>();
        try (PreparedStatement statement = connection().prepareStatement("SELECT segment_id, bitmap FROM delete_bitmaps WHERE table_id = ?")) {
            statement.setLong(1, tableId);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    bitmaps.put(resultSet.getLong(1), DeleteBitmaps.deserialize(resultSet.getBytes(2)));
                }
            }
            connection().commit();
            return bitmaps;
        }
        catch (SQLException e) {
            throw failed("read delete bitmaps", e);
        }
    }

    public synchronized long tableVersion(long tableId)
    {
        try (PreparedStatement statement = connection().prepareStatement("SELECT version FROM catalog_tables WHERE id = ?")) {
            statement.setLong(1, tableId);
            try (ResultSet resultSet = statement.executeQuery()) {
                long version = resultSet.next() ? resultSet.getLong(1) : 0;
                connection().commit();
                return version;
            }
        }
        catch (SQLException e) {
            throw failed("read table version", e);
        }
    }

    /**
     * The atomic publish: a new table version that adds segments, removes segments (compaction, truncation) with their
     * delete bitmaps, and changes delete bitmaps, plus, for a load, the job's new offsets and counters. Fails with
     * {@link ErrorCode#STALE_LOAD_COMMIT}, changing nothing, when the job's generation moved on (the task was paused,
     * stopped or superseded).
     */
    public synchronized void publish(long tableId, long version, List<SegmentRecord> added, Collection<Long> removed, Map<Long, RoaringBitmap> changedBitmaps, Optional<LoadCommit> load)
    {
        inTransaction("publish version " + version + " of table " + tableId, () -> {
            if (load.isPresent()) {
                recordLoadProgress(load.get());
            }
            try (PreparedStatement statement = connection().prepareStatement("UPDATE catalog_tables SET version = ? WHERE id = ?")) {
                statement.setLong(1, version);
                statement.setLong(2, tableId);
                if (statement.executeUpdate() != 1) {
                    throw new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table " + tableId + " was dropped");
                }
            }
            if (!added.isEmpty()) {
                try (PreparedStatement statement = connection().prepareStatement("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (SegmentRecord segment : added) {
                        statement.setLong(1, segment.id());
                        statement.setLong(2, tableId);
                        statement.setInt(3, segment.tablet());
                        statement.setLong(4, segment.version());
                        statement.setInt(5, segment.rowCount());
                        statement.setString(6, segment.columnLayout());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            if (!removed.isEmpty()) {
                try (PreparedStatement segments = connection().prepareStatement("DELETE FROM segments WHERE id = ?");
                        PreparedStatement bitmaps = connection().prepareStatement("DELETE FROM delete_bitmaps WHERE segment_id = ?")) {
                    for (long segmentId : removed) {
                        segments.setLong(1, segmentId);
                        segments.addBatch();
                        bitmaps.setLong(1, segmentId);
                        bitmaps.addBatch();
                    }
                    segments.executeBatch();
                    bitmaps.executeBatch();
                }
            }
            if (!changedBitmaps.isEmpty()) {
                try (PreparedStatement statement = connection().prepareStatement("MERGE INTO delete_bitmaps KEY (segment_id) VALUES (?, ?, ?)")) {
                    for (Map.Entry<Long, RoaringBitmap> entry : changedBitmaps.entrySet()) {
                        statement.setLong(1, entry.getKey());
                        statement.setLong(2, tableId);
                        statement.setBytes(3, DeleteBitmaps.serialize(entry.getValue()));
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
        });
    }

    /** Records a load batch that produced no rows for the table (all filtered or rejected): offsets still advance. */
    public synchronized void publishProgressOnly(LoadCommit load)
    {
        inTransaction("record progress of job " + load.jobId(), () -> recordLoadProgress(load));
    }

    private void recordLoadProgress(LoadCommit load)
            throws SQLException
    {
        LoadJobCounters increments = load.counterIncrements();
        try (PreparedStatement statement = connection().prepareStatement("""
                UPDATE load_jobs SET total_rows = total_rows + ?, loaded_rows = loaded_rows + ?, error_rows = error_rows + ?,
                  unselected_rows = unselected_rows + ?, received_bytes = received_bytes + ?, committed_tasks = committed_tasks + ?,
                  aborted_tasks = aborted_tasks + ?, task_execute_millis = task_execute_millis + ?
                WHERE id = ? AND generation = ?""")) {
            statement.setLong(1, increments.totalRows());
            statement.setLong(2, increments.loadedRows());
            statement.setLong(3, increments.errorRows());
            statement.setLong(4, increments.unselectedRows());
            statement.setLong(5, increments.receivedBytes());
            statement.setLong(6, increments.committedTaskCount());
            statement.setLong(7, increments.abortedTaskCount());
            statement.setLong(8, increments.taskExecuteTimeMillis());
            statement.setLong(9, load.jobId());
            statement.setLong(10, load.generation());
            if (statement.executeUpdate() != 1) {
                throw new SluiceException(ErrorCode.STALE_LOAD_COMMIT,
                        "Load job " + load.jobId() + " is no longer at generation " + load.generation() + "; the batch is discarded");
            }
        }
        try (PreparedStatement statement = connection().prepareStatement("MERGE INTO load_job_offsets KEY (job_id, source_partition) VALUES (?, ?, ?)")) {
            for (Map.Entry<Integer, Long> offset : load.nextOffsets().entrySet()) {
                statement.setLong(1, load.jobId());
                statement.setInt(2, offset.getKey());
                statement.setLong(3, offset.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        if (!load.rejected().isEmpty()) {
            recordRejected(load.jobId(), load.rejected(), load.rejectedRetention());
        }
    }

    private void recordRejected(long jobId, List<RejectedRecord> rejected, int retention)
            throws SQLException
    {
        int start = Math.max(0, rejected.size() - retention);
        try (PreparedStatement statement = connection().prepareStatement("""
                INSERT INTO load_rejected_records (job_id, source_partition, source_offset, message_time, reject_time, reason, message,
                  message_length, fatal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = start; i < rejected.size(); i++) {
                RejectedRecord record = rejected.get(i);
                statement.setLong(1, jobId);
                statement.setInt(2, record.partition());
                statement.setLong(3, record.offset());
                statement.setLong(4, record.messageTimestampMillis());
                statement.setLong(5, record.rejectTimeMillis());
                statement.setString(6, record.reason());
                statement.setBytes(7, record.message());
                statement.setInt(8, record.messageLength());
                statement.setBoolean(9, record.fatal());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        // Retention: keep the job's newest records only, so a job rejecting everything cannot fill the disk.
        try (PreparedStatement statement = connection().prepareStatement("""
                DELETE FROM load_rejected_records WHERE job_id = ? AND sequence <= (
                  SELECT sequence FROM load_rejected_records WHERE job_id = ? ORDER BY sequence DESC LIMIT 1 OFFSET ?)""")) {
            statement.setLong(1, jobId);
            statement.setLong(2, jobId);
            statement.setInt(3, retention);
            statement.executeUpdate();
        }
    }

    /** The kept rejected records, oldest first: of one job, or of all jobs; at most {@code limit} of the newest. */
    public synchronized List<RejectedRecord> rejectedRecords(OptionalLong jobId, int limit)
    {
        String filter = jobId.isPresent() ? " WHERE job_id = ?" : "";
        List<RejectedRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement("SELECT * FROM load_rejected_records" + filter + " ORDER BY sequence DESC LIMIT ?")) {
            int parameter = 1;
            if (jobId.isPresent()) {
                statement.setLong(parameter++, jobId.getAsLong());
            }
            statement.setInt(parameter, limit);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    records.add(new RejectedRecord(resultSet.getLong("sequence"), resultSet.getLong("job_id"), resultSet.getInt("source_partition"),
                            resultSet.getLong("source_offset"), resultSet.getLong("message_time"), resultSet.getLong("reject_time"),
                            resultSet.getString("reason"), resultSet.getBytes("message"), resultSet.getInt("message_length"), resultSet.getBoolean("fatal")));
                }
            }
            connection().commit();
        }
        catch (SQLException e) {
            throw failed("read rejected records", e);
        }
        Collections.reverse(records);
        return List.copyOf(records);
    }

    // ---- load jobs

    public synchronized void insertLoadJob(LoadJobRecord job)
    {
        inTransaction("create load job " + job.name(), () -> {
            try (PreparedStatement statement = connection().prepareStatement(
                    "INSERT INTO load_jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0)")) {
                statement.setLong(1, job.id());
                statement.setString(2, job.databaseName());
                statement.setString(3, job.name());
                statement.setLong(4, job.tableId());
                statement.setString(5, job.state());
                statement.setString(6, job.definition());
                statement.setLong(7, job.createTimeMillis());
                setOptionalLong(statement, 8, job.pauseTimeMillis());
                setOptionalLong(statement, 9, job.endTimeMillis());
                statement.setString(10, job.stateReason().orElse(null));
                statement.setLong(11, job.generation());
                statement.executeUpdate();
            }
        });
    }

    /** Moves a job to a new state and generation; returns false when the job does not exist. */
    public synchronized boolean updateLoadJob(long jobId, String state, Optional<String> reason, Optional<Long> pauseTimeMillis, Optional<Long> endTimeMillis, long generation, String definition)
    {
        boolean[] updated = new boolean[1];
        inTransaction("update load job " + jobId, () -> {
            try (PreparedStatement statement = connection().prepareStatement(
                    "UPDATE load_jobs SET state = ?, state_reason = ?, pause_time = ?, end_time = ?, generation = ?, definition = ? WHERE id = ?")) {
                statement.setString(1, state);
                statement.setString(2, reason.orElse(null));
                setOptionalLong(statement, 3, pauseTimeMillis);
                setOptionalLong(statement, 4, endTimeMillis);
                statement.setLong(5, generation);
                statement.setString(6, definition);
                statement.setLong(7, jobId);
                updated[0] = statement.executeUpdate() == 1;
            }
        });
        return updated[0];
    }

    public synchronized List<LoadJobRecord> loadJobs()
    {
        try {
            Map<Long, Map<Integer, Long>> offsets = new HashMap<>();
            try (Statement statement = connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT job_id, source_partition, next_offset FROM load_job_offsets")) {
                while (resultSet.next()) {
                    offsets.computeIfAbsent(resultSet.getLong(1), id -> new HashMap<>()).put(resultSet.getInt(2), resultSet.getLong(3));
                }
            }
            List<LoadJobRecord> jobs = new ArrayList<>();
            try (Statement statement = connection().createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT * FROM load_jobs ORDER BY id")) {
                while (resultSet.next()) {
                    long id = resultSet.getLong("id");
                    jobs.add(new LoadJobRecord(
                            id,
                            resultSet.getString("database_name"),
                            resultSet.getString("name"),
                            resultSet.getLong("table_id"),
                            resultSet.getString("state"),
                            resultSet.getString("definition"),
                            resultSet.getLong("create_time"),
                            optionalLong(resultSet, "pause_time"),
                            optionalLong(resultSet, "end_time"),
                            Optional.ofNullable(resultSet.getString("state_reason")),
                            resultSet.getLong("generation"),
                            new LoadJobCounters(
                                    resultSet.getLong("total_rows"),
                                    resultSet.getLong("loaded_rows"),
                                    resultSet.getLong("error_rows"),
                                    resultSet.getLong("unselected_rows"),
                                    resultSet.getLong("received_bytes"),
                                    resultSet.getLong("committed_tasks"),
                                    resultSet.getLong("aborted_tasks"),
                                    resultSet.getLong("task_execute_millis")),
                            offsets.getOrDefault(id, Map.of())));
                }
            }
            connection().commit();
            return jobs;
        }
        catch (SQLException e) {
            throw failed("read load jobs", e);
        }
    }

    private static void setOptionalLong(PreparedStatement statement, int index, Optional<Long> value)
            throws SQLException
    {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        }
        else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static Optional<Long> optionalLong(ResultSet resultSet, String column)
            throws SQLException
    {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
    }

    // ---- accounts and privileges

    public synchronized List<AccountRecord> accounts()
    {
        List<AccountRecord> accounts = new ArrayList<>();
        try (Statement statement = connection().createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT user_name, host, password_hash FROM access_accounts ORDER BY user_name, host")) {
            while (resultSet.next()) {
                accounts.add(new AccountRecord(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3)));
            }
            connection().commit();
            return accounts;
        }
        catch (SQLException e) {
            throw failed("list accounts", e);
        }
    }

    public synchronized List<GrantRecord> grants()
    {
        List<GrantRecord> grants = new ArrayList<>();
        try (Statement statement = connection().createStatement();
                ResultSet resultSet = statement.executeQuery(
                        "SELECT user_name, host, privilege, database_name, table_name FROM access_grants ORDER BY user_name, host, database_name, table_name, privilege")) {
            while (resultSet.next()) {
                grants.add(new GrantRecord(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3), resultSet.getString(4), resultSet.getString(5)));
            }
            connection().commit();
            return grants;
        }
        catch (SQLException e) {
            throw failed("list grants", e);
        }
    }

    /** Adds an account, or sets the password of an existing one. */
    public synchronized void putAccount(AccountRecord account)
    {
        inTransaction("save account " + account.user(), () -> {
            try (PreparedStatement statement = connection().prepareStatement("MERGE INTO access_accounts KEY (user_name, host) VALUES (?, ?, ?)")) {
                statement.setString(1, account.user());
                statement.setString(2, account.host());
                statement.setString(3, account.passwordHash());
                statement.executeUpdate();
            }
        });
    }

    /** Removes an account and its privileges. */
    public synchronized void deleteAccount(String user, String host)
    {
        inTransaction("drop account " + user, () -> {
            for (String table : List.of("access_grants", "access_accounts")) {
                try (PreparedStatement statement = connection().prepareStatement("DELETE FROM " + table + " WHERE user_name = ? AND host = ?")) {
                    statement.setString(1, user);
                    statement.setString(2, host);
                    statement.executeUpdate();
                }
            }
        });
    }

    /** Adds privileges (those already held stay) and removes others, in one transaction. */
    public synchronized void changeGrants(List<GrantRecord> added, List<GrantRecord> removed)
    {
        inTransaction("change privileges", () -> {
            try (PreparedStatement insert = connection().prepareStatement("MERGE INTO access_grants KEY (user_name, host, privilege, database_name, table_name) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement delete = connection().prepareStatement(
                            "DELETE FROM access_grants WHERE user_name = ? AND host = ? AND privilege = ? AND database_name = ? AND table_name = ?")) {
                for (GrantRecord grant : added) {
                    bindGrant(insert, grant);
                    insert.executeUpdate();
                }
                for (GrantRecord grant : removed) {
                    bindGrant(delete, grant);
                    delete.executeUpdate();
                }
            }
        });
    }

    private static void bindGrant(PreparedStatement statement, GrantRecord grant)
            throws SQLException
    {
        statement.setString(1, grant.user());
        statement.setString(2, grant.host());
        statement.setString(3, grant.privilege());
        statement.setString(4, grant.database());
        statement.setString(5, grant.table());
    }


    private interface SqlWork
    {
        void run()
                throws SQLException;
    }

    private void inTransaction(String what, SqlWork work)
    {
        try {
            work.run();
            connection().commit();
        }
        catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            }
            catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            if (e instanceof SluiceException sluiceException) {
                throw sluiceException;
            }
            throw failed(what, e);
        }
    }

    /**
     * A failure of a call. After a failed write H2 closes the database, but the connection only says so from the next
     * call on (the first error is a general "Writing to ... failed"), so any failure of H2 makes the next call use a new
     * connection; that costs one connect, and the failed transaction was rolled back anyway.
     */
    private SluiceException failed(String what, Exception cause)
    {
        if (cause instanceof SQLException || closesDatabase(cause)) {
            closedByFailure = true;
        }
        return failure(what, cause);
    }

    private static boolean closesDatabase(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == DATABASE_IS_CLOSED || sql.getErrorCode() == DATABASE_CALLED_AT_SHUTDOWN)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (closesDatabase(suppressed)) {
                return true;
            }
        }
        return false;
    }

    /**
     * H2's message names the file channel, not the reason; the innermost cause (the operating system's "No space left
     * on device", "Read-only file system") is what an operator needs, so it is added when H2's message lacks it.
     */
    private static SluiceException failure(String what, Exception cause)
    {
        String message = firstLine(cause.getMessage());
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root == cause ? null : firstLine(root.getMessage());
        if (rootMessage != null && !rootMessage.isEmpty() && !message.contains(rootMessage)) {
            message = message + " (" + rootMessage + ")";
        }
        return new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Metadata store failed to " + what + ": " + message, cause);
    }

    private static String firstLine(String text)
    {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        // H2 ends its first line with the start of the statement it was running; the statement is on the next lines.
        return line.endsWith("; SQL statement:") ? line.substring(0, line.length() - "; SQL statement:".length()) : line;
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
