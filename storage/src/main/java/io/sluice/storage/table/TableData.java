package io.sluice.storage.table;

import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.metadata.MetadataStore;
import io.sluice.storage.metadata.SegmentRecord;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.segment.SegmentFiles;
import io.sluice.storage.type.PhysicalType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import org.roaringbitmap.RoaringBitmap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The live state of one table: its published snapshot and, for PRIMARY/UNIQUE KEY tables, the primary index.
 * Commits are serialized on this object; readers take {@link #snapshot()} without locking.
 */
public final class TableData
{
    private final TableInfo table;
    private final Path directory;
    private final MetadataStore metadata;
    private final List<PhysicalType> physicalTypes;
    private final PrimaryKeyIndex primaryIndex;
    private volatile TableSnapshot snapshot;

    private TableData(TableInfo table, Path directory, MetadataStore metadata, TableSnapshot snapshot, PrimaryKeyIndex primaryIndex)
    {
        this.table = requireNonNull(table, "table is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.physicalTypes = physicalTypes(table.schema());
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.primaryIndex = primaryIndex;
    }

    public static List<PhysicalType> physicalTypes(TableSchema schema)
    {
        List<PhysicalType> types = new ArrayList<>();
        schema.columns().forEach(column -> types.add(column.type().physicalType()));
        return List.copyOf(types);
    }

    public static TableData create(TableInfo table, Path directory, MetadataStore metadata)
    {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot create table directory " + directory + ": " + e.getMessage(), e);
        }
        return new TableData(table, directory, metadata, new TableSnapshot(table, 0, List.of()), newIndex(table.schema()));
    }

    /** Loads the published segments, removes files no commit published (left by a crash), rebuilds the index. */
    public static TableData load(TableInfo table, Path directory, MetadataStore metadata)
    {
        TableData data = create(table, directory, metadata);
        List<SegmentRecord> records = metadata.segments(table.id());
        Map<Long, RoaringBitmap> bitmaps = metadata.deleteBitmaps(table.id());
        Set<String> published = new HashSet<>();
        List<SegmentSlice> slices = new ArrayList<>();
        for (SegmentRecord record : records) {
            published.add(record.fileName());
            Segment segment = SegmentFiles.read(directory.resolve(record.fileName()), record.id(), record.version(), data.physicalTypes);
            slices.add(new SegmentSlice(segment, bitmaps.get(record.id())));
        }
        data.removeUnpublishedFiles(published);
        data.snapshot = new TableSnapshot(table, metadata.tableVersion(table.id()), slices);
        if (data.primaryIndex != null) {
            for (SegmentSlice slice : slices) {
                Segment segment = slice.segment();
                for (int row = 0; row < segment.rowCount(); row++) {
                    if (!slice.isDeleted(row)) {
                        data.primaryIndex.put(segment.columns(), row, PrimaryKeyIndex.location(segment.id(), row));
                    }
                }
            }
        }
        return data;
    }

    private void removeUnpublishedFiles(Set<String> published)
    {
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!published.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot clean table directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static PrimaryKeyIndex newIndex(TableSchema schema)
    {
        if (schema.keyModel() != KeyModel.PRIMARY && schema.keyModel() != KeyModel.UNIQUE) {
            return null;
        }
        int keyColumns = schema.keyColumnCount();
        boolean singleLong = keyColumns == 1 && schema.column(0).type().physicalType() == PhysicalType.LONG;
        return new PrimaryKeyIndex(keyColumns, singleLong);
    }

    public TableInfo table()
    {
        return table;
    }

    public TableSnapshot snapshot()
    {
        return snapshot;
    }

    public List<PhysicalType> physicalTypes()
    {
        return physicalTypes;
    }

    /**
     * Publishes rows (and, for a load, the job's offsets) as one new version. Equal keys in a PRIMARY/UNIQUE batch
     * keep the last row; rows replacing published ones mark those deleted in the same commit.
     */
    public synchronized void commit(ColumnBatch rows, Optional<LoadCommit> load)
    {
        if (rows.columns().size() != physicalTypes.size()) {
            throw new IllegalArgumentException("batch has " + rows.columns().size() + " columns, table " + table.name() + " has " + physicalTypes.size());
        }
        if (rows.rowCount() == 0) {
            load.ifPresent(metadata::publishProgressOnly);
            return;
        }
        ColumnBatch batch = primaryIndex == null ? rows : lastRowPerKey(rows);
        long segmentId = metadata.nextId();
        long version = snapshot.version() + 1;
        Map<Long, RoaringBitmap> changedBitmaps = primaryIndex == null ? Map.of() : replacedRows(batch);

        SegmentRecord record = new SegmentRecord(segmentId, table.id(), version, batch.rowCount());
        Path file = directory.resolve(record.fileName());
        SegmentFiles.write(file, batch);
        try {
            metadata.publish(table.id(), version, Optional.of(record), changedBitmaps, load);
        }
        catch (RuntimeException e) {
            deleteQuietly(file, e);
            throw e;
        }

        Segment segment = new Segment(segmentId, 0, version, batch.columns(), batch.rowCount());
        if (primaryIndex != null) {
            for (int row = 0; row < batch.rowCount(); row++) {
                primaryIndex.put(batch.columns(), row, PrimaryKeyIndex.location(segmentId, row));
            }
        }
        List<SegmentSlice> slices = new ArrayList<>(snapshot.slices().size() + 1);
        for (SegmentSlice slice : snapshot.slices()) {
            RoaringBitmap changed = changedBitmaps.get(slice.segment().id());
            slices.add(changed == null ? slice : new SegmentSlice(slice.segment(), changed));
        }
        slices.add(new SegmentSlice(segment, null));
        snapshot = new TableSnapshot(table, version, slices);
    }

    /** For each published segment holding keys this batch replaces, its new delete bitmap (a copy). */
    private Map<Long, RoaringBitmap> replacedRows(ColumnBatch batch)
    {
        Map<Long, RoaringBitmap> changed = new HashMap<>();
        Map<Long, SegmentSlice> slicesById = new HashMap<>();
        for (SegmentSlice slice : snapshot.slices()) {
            slicesById.put(slice.segment().id(), slice);
        }
        for (int row = 0; row < batch.rowCount(); row++) {
            long location = primaryIndex.get(batch.columns(), row);
            if (location == PrimaryKeyIndex.MISSING) {
                continue;
            }
            long segmentId = PrimaryKeyIndex.segmentId(location);
            RoaringBitmap bitmap = changed.get(segmentId);
            if (bitmap == null) {
                bitmap = slicesById.get(segmentId).deletedRows().clone();
                changed.put(segmentId, bitmap);
            }
            bitmap.add(PrimaryKeyIndex.row(location));
        }
        return changed;
    }

    /** Keeps only the last row of each key, preserving the order of the kept rows. */
    private ColumnBatch lastRowPerKey(ColumnBatch batch)
    {
        boolean[] keep = primaryIndex.lastOccurrences(batch.columns(), batch.rowCount());
        int kept = 0;
        for (boolean last : keep) {
            kept += last ? 1 : 0;
        }
        if (kept == batch.rowCount()) {
            return batch;
        }
        List<ColumnVector> columns = new ArrayList<>(batch.columns().size());
        for (ColumnVector column : batch.columns()) {
            columns.add(select(column, keep, kept));
        }
        return new ColumnBatch(columns, kept);
    }

    private static ColumnVector select(ColumnVector column, boolean[] keep, int kept)
    {
        int target = 0;
        if (column instanceof LongVector longs) {
            long[] values = new long[kept];
            boolean[] nulls = new boolean[kept];
            for (int row = 0; row < keep.length; row++) {
                if (keep[row]) {
                    values[target] = longs.value(row);
                    nulls[target++] = longs.isNull(row);
                }
            }
            return new LongVector(values, nulls, kept);
        }
        if (column instanceof DoubleVector doubles) {
            double[] values = new double[kept];
            boolean[] nulls = new boolean[kept];
            for (int row = 0; row < keep.length; row++) {
                if (keep[row]) {
                    values[target] = doubles.value(row);
                    nulls[target++] = doubles.isNull(row);
                }
            }
            return new DoubleVector(values, nulls, kept);
        }
        StringVector strings = (StringVector) column;
        String[] values = new String[kept];
        for (int row = 0; row < keep.length; row++) {
            if (keep[row]) {
                values[target++] = strings.value(row);
            }
        }
        return new StringVector(values, kept);
    }

    private static void deleteQuietly(Path file, RuntimeException failure)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes the table's files after it was dropped from the catalog. */
    public synchronized void deleteFiles()
    {
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot delete table directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
