package io.sluice.storage;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableRows;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageTest
{
    @TempDir
    Path dataDirectory;

    private static ColumnSchema column(String name, ColumnType type, boolean key, AggregationFunction aggregation)
    {
        return new ColumnSchema(name, type, 0, 0, !key, key, aggregation, Optional.empty(), "");
    }

    private static TableSchema usersSchema(KeyModel model)
    {
        return new TableSchema(
                List.of(column("id", ColumnType.BIGINT, true, AggregationFunction.NONE), column("name", ColumnType.STRING, false, AggregationFunction.NONE)),
                model, List.of("id"), 1, Map.of());
    }

    private static ColumnBatch users(TableData table, Object... idNamePairs)
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(table.physicalTypes());
        for (int i = 0; i < idNamePairs.length; i += 2) {
            builder.setLong(0, ((Number) idNamePairs[i]).longValue());
            builder.setString(1, (String) idNamePairs[i + 1]);
            builder.commitRow();
        }
        return builder.build();
    }

    private static List<List<Object>> rows(Storage storage, TableInfo table)
    {
        List<List<Object>> rows = new ArrayList<>();
        TableRows.rows(storage.tableData(table.id()).orElseThrow().snapshot()).forEachRemaining(row -> rows.add(java.util.Arrays.asList(row)));
        rows.sort((left, right) -> Long.compare((Long) left.get(0), (Long) right.get(0)));
        return rows;
    }

    @Test
    void primaryKeyTableUpsertsAcrossCommitsAndRestarts()
    {
        TableInfo table;
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            table = storage.createTable("db", "users", usersSchema(KeyModel.PRIMARY), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            storage.insert(table.id(), users(data, 1, "a", 2, "b", 1, "a2"));
            storage.insert(table.id(), users(data, 2, "b2", 3, "c"));
            assertThat(rows(storage, table)).containsExactly(List.of(1L, "a2"), List.of(2L, "b2"), List.of(3L, "c"));
        }
        try (Storage storage = Storage.open(dataDirectory)) {
            assertThat(rows(storage, table)).containsExactly(List.of(1L, "a2"), List.of(2L, "b2"), List.of(3L, "c"));
            TableData data = storage.tableData(table.id()).orElseThrow();
            storage.insert(table.id(), users(data, 3, "c2"));
            assertThat(rows(storage, table)).containsExactly(List.of(1L, "a2"), List.of(2L, "b2"), List.of(3L, "c2"));
        }
    }

    @Test
    void duplicateTableKeepsEveryRow()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "events", usersSchema(KeyModel.DUPLICATE), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            storage.insert(table.id(), users(data, 1, "a", 1, "a"));
            assertThat(rows(storage, table)).hasSize(2);
        }
    }

    @Test
    void aggregateTableMergesValuesByFunction()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableSchema schema = new TableSchema(
                    List.of(column("k", ColumnType.BIGINT, true, AggregationFunction.NONE),
                            column("total", ColumnType.DOUBLE, false, AggregationFunction.SUM),
                            column("latest", ColumnType.STRING, false, AggregationFunction.REPLACE_IF_NOT_NULL)),
                    KeyModel.AGGREGATE, List.of("k"), 1, Map.of());
            TableInfo table = storage.createTable("db", "sums", schema, false);
            ColumnBatchBuilder builder = new ColumnBatchBuilder(storage.tableData(table.id()).orElseThrow().physicalTypes());
            builder.setLong(0, 1);
            builder.setDouble(1, 1.5);
            builder.setString(2, "x");
            builder.commitRow();
            builder.setLong(0, 1);
            builder.setDouble(1, 2);
            builder.setNull(2);
            builder.commitRow();
            storage.insert(table.id(), builder.build());
            assertThat(rows(storage, table)).containsExactly(List.of(1L, 3.5, "x"));
        }
    }

    @Test
    void loadCommitPublishesOffsetsWithDataAndRejectsStaleGeneration()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "users", usersSchema(KeyModel.PRIMARY), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            long jobId = storage.nextId();
            storage.createLoadJob(new LoadJobRecord(jobId, "db", "job", table.id(), "RUNNING", "definition", 0,
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, LoadJobCounters.ZERO, Map.of()));
            LoadJobCounters increments = new LoadJobCounters(2, 2, 0, 0, 10, 1, 0, 5);
            storage.commitLoad(table.id(), new LoadCommit(jobId, 1, TableWrite.rows(table.schema(), users(data, 1, "a", 2, "b")), Map.of(0, 2L), increments));

            assertThatThrownBy(() -> storage.commitLoad(table.id(), new LoadCommit(jobId, 0, TableWrite.rows(table.schema(), users(data, 3, "c")), Map.of(0, 3L), increments)))
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STALE_LOAD_COMMIT));

            LoadJobRecord job = storage.loadJobs().get(0);
            assertThat(job.sourceOffsets()).isEqualTo(Map.of(0, 2L));
            assertThat(job.counters().loadedRows()).isEqualTo(2);
            assertThat(rows(storage, table)).hasSize(2);
        }
    }

    @Test
    void rejectedRecordsArePublishedWithTheBatchAndTrimmedToTheRetention()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "users", usersSchema(KeyModel.DUPLICATE), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            long jobId = storage.nextId();
            storage.createLoadJob(new LoadJobRecord(jobId, "db", "job", table.id(), "RUNNING", "definition", 0,
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, LoadJobCounters.ZERO, Map.of()));
            byte[] huge = new byte[10_000];
            List<RejectedRecord> first = List.of(
                    RejectedRecord.of(jobId, 0, 7, 1000, "not JSON", "oops".getBytes(UTF_8), true),
                    RejectedRecord.of(jobId, 1, 8, 1001, "too long", huge, false));
            storage.commitLoad(table.id(), new LoadCommit(jobId, 1, TableWrite.rows(table.schema(), users(data, 1, "a")), Map.of(0, 8L),
                    LoadJobCounters.ZERO, first, 3));
            // A stale commit records nothing, rejections included.
            assertThatThrownBy(() -> storage.commitLoad(table.id(), new LoadCommit(jobId, 0, TableWrite.rows(table.schema(), users(data, 2, "b")),
                    Map.of(0, 9L), LoadJobCounters.ZERO, List.of(RejectedRecord.of(jobId, 0, 9, 0, "stale", null, false)), 3)))
                    .isInstanceOf(SluiceException.class);

            List<RejectedRecord> kept = storage.rejectedRecords(OptionalLong.of(jobId), 100);
            assertThat(kept).extracting(RejectedRecord::reason).containsExactly("not JSON", "too long");
            assertThat(kept.get(0).message()).isEqualTo("oops".getBytes(UTF_8));
            assertThat(kept.get(0).fatal()).isTrue();
            assertThat(kept.get(1).message()).hasSize(RejectedRecord.MAX_MESSAGE_BYTES);
            assertThat(kept.get(1).messageLength()).isEqualTo(10_000);
            assertThat(kept.get(1).partition()).isEqualTo(1);
            assertThat(kept.get(1).offset()).isEqualTo(8);

            // An empty batch (everything rejected) still records its rejections; retention keeps the newest 3.
            List<RejectedRecord> second = List.of(
                    RejectedRecord.of(jobId, 0, 9, 0, "r3", null, false),
                    RejectedRecord.of(jobId, 0, 10, 0, "r4", null, false));
            storage.commitLoad(table.id(), new LoadCommit(jobId, 1, TableWrite.rows(table.schema(), users(data)), Map.of(0, 11L),
                    LoadJobCounters.ZERO, second, 3));
        }
        try (Storage storage = Storage.open(dataDirectory)) {
            assertThat(storage.rejectedRecords(OptionalLong.empty(), 100)).extracting(RejectedRecord::reason).containsExactly("too long", "r3", "r4");
            assertThat(storage.rejectedRecords(OptionalLong.empty(), 1)).extracting(RejectedRecord::reason).containsExactly("r4");
        }
    }

    @Test
    void unpublishedSegmentFilesAreRemovedAtStartup()
            throws Exception
    {
        Path stray;
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "users", usersSchema(KeyModel.DUPLICATE), false);
            stray = dataDirectory.resolve("tables").resolve(Long.toString(table.id())).resolve("segment-999.dat");
            Files.writeString(stray, "half written");
        }
        try (Storage ignored = Storage.open(dataDirectory)) {
            assertThat(stray).doesNotExist();
        }
    }

    @Test
    void anUnpublishedFileThatCannotBeDeletedDoesNotStopTheStart()
            throws Exception
    {
        Path stuck;
        Path stray;
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "users", usersSchema(KeyModel.DUPLICATE), false);
            storage.insert(table.id(), users(storage.tableData(table.id()).orElseThrow(), 1, "a"));
            Path tableDirectory = dataDirectory.resolve("tables").resolve(Long.toString(table.id()));
            // As on a read-only disk: deleting it fails (a directory that is not empty cannot be deleted).
            stuck = tableDirectory.resolve("segment-998.dat");
            Files.createDirectories(stuck);
            Files.writeString(stuck.resolve("inside"), "x");
            stray = tableDirectory.resolve("segment-999.dat");
            Files.writeString(stray, "half written");
        }
        try (Storage storage = Storage.open(dataDirectory)) {
            assertThat(rows(storage, storage.tables("db").get(0))).containsExactly(List.of(1L, "a"));
            assertThat(stuck).exists();
            assertThat(stray).doesNotExist();
        }
    }

    @Test
    void dropTableRemovesItAndItsFiles()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "users", usersSchema(KeyModel.DUPLICATE), false);
            storage.insert(table.id(), users(storage.tableData(table.id()).orElseThrow(), 1, "a"));
            storage.dropTable("db", "users", false);
            assertThat(storage.tables("db")).isEmpty();
            assertThat(dataDirectory.resolve("tables").resolve(Long.toString(table.id()))).doesNotExist();
            assertThatThrownBy(() -> storage.dropTable("db", "users", false)).hasMessage("Unknown table 'db.users'");
        }
    }

    @Test
    void directoriesOfDroppedTablesAreRemovedAtStart()
            throws Exception
    {
        long kept;
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            kept = storage.createTable("db", "users", usersSchema(KeyModel.DUPLICATE), false).id();
        }
        // what a crash between the catalog change and the file deletion, or a compaction racing DROP, leaves behind
        Path orphan = dataDirectory.resolve("tables").resolve(Long.toString(kept + 1000));
        Files.createDirectories(orphan);
        Files.writeString(orphan.resolve("segment-1.seg"), "left over");

        try (Storage storage = Storage.open(dataDirectory)) {
            assertThat(orphan).doesNotExist();
            assertThat(storage.tableData(kept)).isPresent();
        }
    }

    /**
     * H2 can come back after a SIGKILL at an earlier commit (see MetadataStore.persist); the crash loop found a catalog
     * that still listed the inputs of a compaction whose commit was lost, after their files were deleted. Restoring
     * the metadata files as they were before the compaction plays that crash: the next start must find every file.
     */
    @Test
    void compactionInputsOutliveAMetadataStoreThatComesBackAtAnEarlierCommit(@TempDir Path before)
            throws Exception
    {
        TableInfo table;
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            table = storage.createTable("db", "events", usersSchema(KeyModel.DUPLICATE), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            // Four segments: too few for a compaction to start before the copy below.
            for (int id = 1; id <= 4; id++) {
                storage.insert(table.id(), users(data, id, "v" + id));
            }
        }
        copyDirectory(dataDirectory.resolve("meta"), before);
        try (Storage storage = Storage.open(dataDirectory)) {
            TableData data = storage.tableData(table.id()).orElseThrow();
            storage.insert(table.id(), users(data, 5, "v5"));
            storage.insert(table.id(), users(data, 6, "v6"));
            storage.compactNow();
            assertThat(storage.tableData(table.id()).orElseThrow().snapshot().slices()).hasSize(1);
        }
        copyDirectory(before, dataDirectory.resolve("meta"));
        try (Storage storage = Storage.open(dataDirectory)) {
            assertThat(rows(storage, table)).containsExactly(List.of(1L, "v1"), List.of(2L, "v2"), List.of(3L, "v3"), List.of(4L, "v4"));
        }
    }

    @Test
    void retiredFilesAreDeletedOnceTheMetadataIsDurable()
    {
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.createDatabase("db", false);
            TableInfo table = storage.createTable("db", "events", usersSchema(KeyModel.DUPLICATE), false);
            TableData data = storage.tableData(table.id()).orElseThrow();
            for (int id = 1; id <= 6; id++) {
                storage.insert(table.id(), users(data, id, "v" + id));
            }
            storage.compactNow();
            storage.deleteRetiredFiles();
            assertThat(fileCount(dataDirectory.resolve("tables").resolve(Long.toString(table.id())))).isEqualTo(1);
            storage.truncateTable("db", "events");
            assertThat(storage.deleteRetiredFiles()).isEqualTo(1);
            assertThat(fileCount(dataDirectory.resolve("tables").resolve(Long.toString(table.id())))).isZero();
            storage.insert(table.id(), users(data, 7, "v7"));
            assertThat(rows(storage, table)).containsExactly(List.of(7L, "v7"));
        }
    }

    private static long fileCount(Path directory)
    {
        try (var files = Files.list(directory)) {
            return files.count();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyDirectory(Path source, Path target)
            throws java.io.IOException
    {
        Files.createDirectories(target);
        try (var files = Files.list(target)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        try (var files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
