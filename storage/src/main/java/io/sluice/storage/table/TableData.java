package io.sluice.storage.table;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.ColumnVectors;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.exec.ParallelWork;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.metadata.MetadataStore;
import io.sluice.storage.metadata.SegmentRecord;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.segment.SegmentFiles;
import io.sluice.storage.segment.StringDictionaries;
import io.sluice.storage.type.PhysicalType;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.util.Objects.requireNonNull;

/**
 * The live state of one table: its published snapshot, the tablets' segments and, for keyed tables, the primary
 * index. Writers (commits, compaction's publish step, DDL) serialize on this object; readers take
 * {@link #snapshot()}, an immutable value, without locking, so commits never block queries. Point lookups read the
 * primary index under {@code indexLock}'s read lock, which writers hold only while they change the index in memory,
 * never while they write files or wait for the metadata transaction.
 * <p>
 * Every change follows one order: segment files are written and forced to disk, then ONE metadata transaction
 * publishes them with the delete bitmaps and the caller's attachment (a load's offsets), then memory is updated.
 * A crash before the transaction leaves only unreferenced files, which {@link #load} deletes. Files a change stops
 * referencing are deleted only after the metadata is made durable ({@link #takeRetiredFiles}).
 */
public final class TableData
{
    private static final Logger LOG = LoggerFactory.getLogger(TableData.class);

    private static final int DELETE_ATTEMPTS = 5;

    private final Path directory;
    private final MetadataStore metadata;
    private volatile TableInfo table;
    private volatile List<PhysicalType> physicalTypes;
    private volatile TableSnapshot snapshot;
    private volatile boolean dropped;

    // Guarded by this; changed only while also holding indexLock's write lock, so lookups may read them under its read lock.
    private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
    private int[] keyColumns;
    private boolean longKey;
    private KeyIndex index;
    private TabletRouter router;
    private SegmentSlice[] slots = new SegmentSlice[16];
    private final Map<Long, Integer> slotBySegment = new HashMap<>();
    private final ArrayList<Integer> freeSlots = new ArrayList<>();
    private int slotCount;
    // Guarded by this: files of segments a published change removed, deleted once the metadata is known durable.
    private final List<Path> retiredFiles = new ArrayList<>();

    private TableData(TableInfo table, Path directory, MetadataStore metadata)
    {
        this.table = requireNonNull(table, "table is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.physicalTypes = physicalTypes(table.schema());
        this.snapshot = new TableSnapshot(table, 0, List.of());
        configure(table.schema());
    }

    private void configure(TableSchema schema)
    {
        configureRouter(schema);
        if (schema.keyModel() == KeyModel.DUPLICATE) {
            keyColumns = null;
            index = null;
            return;
        }
        keyColumns = new int[schema.keyColumnCount()];
        for (int i = 0; i < keyColumns.length; i++) {
            keyColumns[i] = i;
        }
        ColumnSchema first = schema.column(0);
        longKey = keyColumns.length == 1 && first.type().physicalType() == PhysicalType.LONG && !first.nullable();
        index = longKey
                ? new LongKeyIndex(0)
                : new HashedKeyIndex(keyColumns, 0, (location, columns, row) -> RowKeys.keysEqual(slots[KeyIndex.slot(location)].segment().columns(), KeyIndex.row(location), columns, row, keyColumns));
    }

    /** Distribution columns by position: recomputed when ALTER TABLE moves columns. */
    private void configureRouter(TableSchema schema)
    {
        int distributionCount = schema.distributionColumns().size();
        int[] distribution = new int[distributionCount];
        for (int i = 0; i < distributionCount; i++) {
            distribution[i] = schema.columnIndex(schema.distributionColumns().get(i));
        }
        router = new TabletRouter(distribution, schema.buckets());
    }

    public static List<PhysicalType> physicalTypes(TableSchema schema)
    {
        List<PhysicalType> types = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            types.add(column.type().physicalType());
        }
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
        return new TableData(table, directory, metadata);
    }

    /** Loads the published segments, deletes files no commit published (left by a crash), rebuilds the index. */
    public static TableData load(TableInfo table, Path directory, MetadataStore metadata)
    {
        TableData data = create(table, directory, metadata);
        Map<Long, RoaringBitmap> bitmaps = metadata.deleteBitmaps(table.id());
        Set<String> published = new HashSet<>();
        List<SegmentSlice> slices = new ArrayList<>();
        for (SegmentRecord record : metadata.segments(table.id())) {
            published.add(record.fileName());
            SegmentLayout layout = SegmentLayout.parse(record.columnLayout());
            Segment stored = SegmentFiles.read(directory.resolve(record.fileName()), record.id(), record.tablet(), record.version(), layout.types());
            slices.add(new SegmentSlice(stored.withColumns(layout.align(stored.columns(), table, stored.rowCount())), bitmaps.get(record.id())));
        }
        data.removeUnpublishedFiles(published);
        synchronized (data) {
            data.indexLock.writeLock().lock();
            try {
                for (SegmentSlice slice : slices) {
                    data.register(slice);
                }
                data.snapshot = new TableSnapshot(table, metadata.tableVersion(table.id()), slices);
            }
            finally {
                data.indexLock.writeLock().unlock();
            }
        }
        return data;
    }

    /**
     * A file that cannot be deleted now (the disk is read-only) is left for the next start: it is never read, and a
     * server that cannot start would be worse than a stray file.
     */
    private void removeUnpublishedFiles(Set<String> published)
    {
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!published.contains(file.getFileName().toString())) {
                    try {
                        Files.deleteIfExists(file);
                    }
                    catch (IOException e) {
                        LOG.warn("Cannot delete {}, a file no commit published; it is deleted at a later start: {}", file, e.toString());
                    }
                }
            }
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot clean table directory " + directory + ": " + e.getMessage(), e);
        }
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

    /** Live entries of the primary index (0 for DUPLICATE KEY tables). */
    public int indexedKeys()
    {
        indexLock.readLock().lock();
        try {
            return index == null ? 0 : index.size();
        }
        finally {
            indexLock.readLock().unlock();
        }
    }

    /** Bytes of the table's files on disk, for SHOW TABLE STATUS, information_schema and /metrics; not for a hot path. */
    public long diskBytes()
    {
        long bytes = 0;
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    bytes += Files.size(file);
                }
                catch (IOException e) {
                    // removed by a compaction meanwhile: not part of the table any more
                }
            }
        }
        catch (IOException e) {
            return 0;
        }
        return bytes;
    }

    /** Heap bytes of the primary index's arrays. */
    public long indexMemoryBytes()
    {
        indexLock.readLock().lock();
        try {
            return index == null ? 0 : index.memoryBytes();
        }
        finally {
            indexLock.readLock().unlock();
        }
    }

    /**
     * The live row with this key (physical values, key columns in order), straight from the primary index: what a
     * point select needs without planning or scanning. Empty when absent or for DUPLICATE KEY tables.
     */
    public Optional<Object[]> lookup(List<Object> keyValues)
    {
        indexLock.readLock().lock();
        try {
            return lookupLocked(keyValues);
        }
        finally {
            indexLock.readLock().unlock();
        }
    }

    private Optional<Object[]> lookupLocked(List<Object> keyValues)
    {
        if (index == null || keyValues.size() != keyColumns.length) {
            return Optional.empty();
        }
        TableSchema schema = table.schema();
        List<ColumnVector> probe = new ArrayList<>(keyValues.size());
        for (int column = 0; column < keyValues.size(); column++) {
            probe.add(ColumnSelection.constant(schema.column(column).type().physicalType(), keyValues.get(column), 1));
        }
        long location = index.get(probe, 0);
        if (location == KeyIndex.MISSING) {
            return Optional.empty();
        }
        Segment segment = slots[KeyIndex.slot(location)].segment();
        int row = KeyIndex.row(location);
        Object[] values = new Object[segment.columns().size()];
        for (int column = 0; column < values.length; column++) {
            values[column] = segment.column(column).objectValue(row);
        }
        return Optional.of(values);
    }

    // ---- writes

    /** Publishes a write (and, for a load, the job's offsets and counters) as one new version. */
    public synchronized WriteResult commit(TableWrite write, Optional<LoadCommit> load)
    {
        requireLive();
        TableSchema schema = table.schema();
        int rowCount = write.rows().rowCount();
        boolean keyed = schema.keyModel() != KeyModel.DUPLICATE;
        boolean primary = schema.keyModel() == KeyModel.PRIMARY;
        if (!primary && (write.deletes() != null || write.partialColumns().isPresent() || write.mergeCondition().isPresent())) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Deletes, partial updates and merge conditions need a PRIMARY KEY table; " + table.name() + " is " + schema.keyModel().name() + " KEY");
        }
        List<ColumnVector> input = align(schema, write);
        if (rowCount == 0) {
            load.ifPresent(metadata::publishProgressOnly);
            return WriteResult.EMPTY;
        }
        PendingWrite pending;
        if (keyed) {
            boolean[] updatedColumns = write.partialColumns().map(columns -> updatedColumns(schema, columns)).orElse(null);
            int mergeColumn = write.mergeCondition().map(name -> requireColumn(schema, name)).orElse(-1);
            pending = new KeyedWriter(schema, keyColumns, longKey, index, slot -> slots[slot].segment().columns(), router)
                    .apply(input, rowCount, write, updatedColumns, mergeColumn);
        }
        else {
            pending = new PendingWrite(router.split(input, rowCount, null), Map.of(), List.of(), new int[0], 0, new WriteResult(rowCount, 0, 0, 0, Optional.empty()));
        }
        publish(pending, load);
        return pending.result();
    }

    private static boolean[] updatedColumns(TableSchema schema, Set<String> names)
    {
        boolean[] updated = new boolean[schema.columns().size()];
        for (int column = 0; column < schema.keyColumnCount(); column++) {
            updated[column] = true;
        }
        for (String name : names) {
            updated[requireColumn(schema, name)] = true;
        }
        return updated;
    }

    private static int requireColumn(TableSchema schema, String name)
    {
        int column = schema.columnIndex(name);
        if (column < 0) {
            throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "'");
        }
        return column;
    }

    /** The write's vectors in the table's current column order; columns it lacks take their default. */
    private static List<ColumnVector> align(TableSchema schema, TableWrite write)
    {
        int rowCount = write.rows().rowCount();
        List<ColumnVector> aligned = new ArrayList<>(schema.columns().size());
        for (ColumnSchema column : schema.columns()) {
            int source = -1;
            for (int i = 0; i < write.columnNames().size(); i++) {
                if (write.columnNames().get(i).equalsIgnoreCase(column.name())) {
                    source = i;
                    break;
                }
            }
            if (source < 0) {
                aligned.add(ColumnSelection.constant(column.type().physicalType(), ColumnDefaults.physicalDefault(column), rowCount));
                continue;
            }
            ColumnVector vector = write.rows().column(source);
            if (!matches(column.type().physicalType(), vector)) {
                throw new IllegalArgumentException("column " + column.name() + " needs " + column.type().physicalType() + " values, got " + vector.getClass().getSimpleName());
            }
            aligned.add(vector);
        }
        return aligned;
    }

    private static boolean matches(PhysicalType type, ColumnVector vector)
    {
        return switch (type) {
            case LONG -> vector instanceof LongVector;
            case DOUBLE -> vector instanceof DoubleVector;
            case STRING -> vector instanceof StringVector || vector instanceof DictionaryVector;
        };
    }

    private void publish(PendingWrite pending, Optional<LoadCommit> load)
    {
        long version = snapshot.version() + 1;
        // DEBUG: one pair per commit; operators (and the crash-loop test) can see a commit in flight.
        LOG.debug("Commit of version {} of table {} started", version, table.name());
        List<Segment> segments = new ArrayList<>(pending.newSegments().size());
        List<SegmentRecord> records = new ArrayList<>(pending.newSegments().size());
        String layout = SegmentLayout.of(table).text();
        long[] segmentIds = metadata.nextIds(pending.newSegments().size());
        Map<Long, RoaringBitmap> changedBitmaps = new HashMap<>();
        for (int i = 0; i < segmentIds.length; i++) {
            PendingWrite.NewRows rows = pending.newSegments().get(i);
            records.add(new SegmentRecord(segmentIds[i], table.id(), rows.tablet(), version, rows.rowCount(), layout));
        }
        try {
            // Each tablet's rows are copied out, encoded and written on their own: the one part of a commit that
            // several cores can share (the key index and the metadata publish stay on this thread).
            segments.addAll(ParallelWork.run(records.size(), i -> {
                PendingWrite.NewRows rows = pending.newSegments().get(i);
                Segment segment = new Segment(segmentIds[i], rows.tablet(), version, encode(rows.columns(), rows.rowCount()), rows.rowCount());
                SegmentFiles.write(directory.resolve(records.get(i).fileName()), segment.columns(), segment.rowCount());
                return segment;
            }));
            forceDirectory();
            for (Map.Entry<Integer, RoaringBitmap> deletion : pending.deletionsBySlot().entrySet()) {
                SegmentSlice slice = slots[deletion.getKey()];
                changedBitmaps.put(slice.segment().id(), RoaringBitmap.or(slice.deletedRows(), deletion.getValue()));
            }
            if (LOG.isDebugEnabled()) {
                // Which files a commit publishes: what the crash loop needs to tell where a missing segment came from.
                LOG.debug("Commit of version {} of table {} (id {}) publishes segments {}", version, table.name(), table.id(), Arrays.toString(segmentIds));
            }
            metadata.publish(table.id(), version, records, List.of(), changedBitmaps, load);
        }
        catch (RuntimeException e) {
            for (SegmentRecord record : records) {
                deleteQuietly(directory.resolve(record.fileName()), e);
            }
            throw e;
        }
        indexLock.writeLock().lock();
        try {
            applyPublished(version, segments, changedBitmaps, List.of());
            if (index != null) {
                // register() indexed the new rows; keys deleted for good leave the index.
                for (int i = 0; i < pending.removedKeyCount(); i++) {
                    index.remove(pending.removedKeys(), pending.removedKeyRows()[i]);
                }
            }
        }
        finally {
            indexLock.writeLock().unlock();
        }
        LOG.debug("Commit of version {} of table {} done", version, table.name());
    }

    /**
     * What a segment keeps in memory: strings with few distinct values as dictionary vectors (as they will be when
     * read back from the file), other strings in UTF-8 form, and arrays trimmed to the row count (a batch builder's
     * arrays can be twice as long).
     */
    private static List<ColumnVector> encode(List<ColumnVector> columns, int rowCount)
    {
        List<ColumnVector> encoded = new ArrayList<>(columns.size());
        for (ColumnVector column : columns) {
            ColumnVector compact = column instanceof StringVector strings ? StringDictionaries.compact(strings) : column;
            encoded.add(ColumnSelection.trim(compact, rowCount));
        }
        return encoded;
    }

    /**
     * Makes a published change visible: changed bitmaps, new segments (indexed), removed segments, then the new
     * snapshot. New segments are registered before removed ones are released, so while the index is repointed every
     * location it holds still resolves.
     */
    private void applyPublished(long version, List<Segment> added, Map<Long, RoaringBitmap> changedBitmaps, List<Long> removed)
    {
        List<SegmentSlice> slices = new ArrayList<>(snapshot.slices().size() + added.size());
        for (SegmentSlice slice : snapshot.slices()) {
            long segmentId = slice.segment().id();
            if (removed.contains(segmentId)) {
                continue;
            }
            RoaringBitmap changed = changedBitmaps.get(segmentId);
            SegmentSlice current = changed == null ? slice : new SegmentSlice(slice.segment(), changed);
            if (changed != null) {
                slots[slotBySegment.get(segmentId)] = current;
            }
            slices.add(current);
        }
        for (Segment segment : added) {
            SegmentSlice slice = new SegmentSlice(segment, changedBitmaps.get(segment.id()));
            register(slice);
            slices.add(slice);
        }
        for (long segmentId : removed) {
            unregister(segmentId);
        }
        snapshot = new TableSnapshot(table, version, slices);
    }

    private void register(SegmentSlice slice)
    {
        int slot;
        if (!freeSlots.isEmpty()) {
            slot = freeSlots.remove(freeSlots.size() - 1);
        }
        else {
            if (slotCount == slots.length) {
                slots = java.util.Arrays.copyOf(slots, slots.length * 2);
            }
            slot = slotCount++;
        }
        slots[slot] = slice;
        slotBySegment.put(slice.segment().id(), slot);
        if (index != null && !slice.hasDeletes()) {
            index.putSegment(slice.segment().columns(), slice.segment().rowCount(), slot);
        }
        else if (index != null) {
            Segment segment = slice.segment();
            for (int row = 0; row < segment.rowCount(); row++) {
                if (!slice.isDeleted(row)) {
                    index.put(segment.columns(), row, KeyIndex.location(slot, row));
                }
            }
        }
    }

    private void unregister(long segmentId)
    {
        Integer slot = slotBySegment.remove(segmentId);
        if (slot != null) {
            slots[slot] = null;
            freeSlots.add(slot);
        }
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot sync table directory " + directory + ": " + e.getMessage(), e);
        }
    }

    // ---- compaction

    /**
     * Merges the small segments of each tablet into one (dropping deleted rows), if a tablet has enough of them.
     * The merge runs without the lock; only the publish step takes it, after folding in rows that commits deleted
     * meanwhile. Returns whether anything was merged.
     */
    public boolean compact()
    {
        TableSnapshot start = snapshot;
        boolean merged = false;
        for (List<SegmentSlice> inputs : CompactionPolicy.pick(start.slices(), table.schema().buckets(), CompactionPolicy.maxMergedRows(table.schema().keyModel() == KeyModel.PRIMARY))) {
            if (dropped) {
                return merged;
            }
            merged |= compact(start, inputs);
        }
        return merged;
    }

    private boolean compact(TableSnapshot start, List<SegmentSlice> inputs)
    {
        int liveRows = 0;
        for (SegmentSlice input : inputs) {
            liveRows += input.liveRowCount();
        }
        LOG.debug("Compaction of {} segments ({} live rows) of table {} started", inputs.size(), liveRows, start.table().name());
        int[][] rowMaps = new int[inputs.size()][];
        int columnCount = start.table().schema().columns().size();
        int next = 0;
        int[][] liveByInput = new int[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            SegmentSlice input = inputs.get(i);
            int rowCount = input.segment().rowCount();
            int[] rowMap = new int[rowCount];
            int[] live = new int[input.liveRowCount()];
            int count = 0;
            for (int row = 0; row < rowCount; row++) {
                if (input.isDeleted(row)) {
                    rowMap[row] = -1;
                }
                else {
                    rowMap[row] = next++;
                    live[count++] = row;
                }
            }
            rowMaps[i] = rowMap;
            liveByInput[i] = live;
        }
        List<ColumnVector> columns = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            List<ColumnVector> parts = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                parts.add(ColumnSelection.select(inputs.get(i).segment().column(column), liveByInput[i], liveByInput[i].length));
            }
            columns.add(ColumnVectors.concatenate(parts, liveRows));
        }
        long segmentId = metadata.nextId();
        long maxVersion = 0;
        for (SegmentSlice input : inputs) {
            maxVersion = Math.max(maxVersion, input.segment().version());
        }
        int tablet = inputs.get(0).segment().tablet();
        Segment mergedSegment = new Segment(segmentId, tablet, maxVersion, encode(columns, liveRows), liveRows);
        Path file = directory.resolve(SegmentRecord.fileName(segmentId));
        SegmentFiles.write(file, mergedSegment.columns(), liveRows);
        forceDirectory();

        synchronized (this) {
            if (dropped || table != start.table()) {
                deleteQuietly(file, null);
                return false;
            }
            Map<Long, SegmentSlice> current = new HashMap<>();
            for (SegmentSlice slice : snapshot.slices()) {
                current.put(slice.segment().id(), slice);
            }
            RoaringBitmap lateDeletes = new RoaringBitmap();
            List<Long> removed = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                SegmentSlice before = inputs.get(i);
                SegmentSlice now = current.get(before.segment().id());
                if (now == null) {
                    deleteQuietly(file, null);
                    return false;
                }
                RoaringBitmap newlyDeleted = RoaringBitmap.andNot(now.deletedRows(), before.deletedRows());
                for (int row : newlyDeleted) {
                    lateDeletes.add(rowMaps[i][row]);
                }
                removed.add(before.segment().id());
            }
            SegmentRecord record = new SegmentRecord(segmentId, table.id(), tablet, maxVersion, liveRows, SegmentLayout.of(table).text());
            long version = snapshot.version() + 1;
            Map<Long, RoaringBitmap> bitmaps = lateDeletes.isEmpty() ? Map.of() : Map.of(segmentId, lateDeletes);
            try {
                metadata.publish(table.id(), version, List.of(record), removed, bitmaps, Optional.empty());
            }
            catch (RuntimeException e) {
                deleteQuietly(file, e);
                throw e;
            }
            // register() repoints the index at the merged rows that are still live.
            indexLock.writeLock().lock();
            try {
                applyPublished(version, List.of(mergedSegment), bitmaps, removed);
            }
            finally {
                indexLock.writeLock().unlock();
            }
            for (SegmentSlice input : inputs) {
                retiredFiles.add(directory.resolve(SegmentRecord.fileName(input.segment().id())));
            }
        }
        LOG.debug("Compaction of {} segments of table {} done: segments {} -> segment {}", inputs.size(), start.table().name(), removedIds(inputs), segmentId);
        return true;
    }

    private static List<Long> removedIds(List<SegmentSlice> inputs)
    {
        List<Long> ids = new ArrayList<>(inputs.size());
        for (SegmentSlice input : inputs) {
            ids.add(input.segment().id());
        }
        return ids;
    }

    // ---- DDL

    /** TRUNCATE TABLE: one new version without any segment. */
    public synchronized void truncate()
    {
        requireLive();
        List<Long> removed = new ArrayList<>();
        for (SegmentSlice slice : snapshot.slices()) {
            removed.add(slice.segment().id());
        }
        long version = snapshot.version() + 1;
        metadata.publish(table.id(), version, List.of(), removed, Map.of(), Optional.empty());
        List<SegmentSlice> old = snapshot.slices();
        indexLock.writeLock().lock();
        try {
            slots = new SegmentSlice[16];
            slotCount = 0;
            slotBySegment.clear();
            freeSlots.clear();
            configure(table.schema());
            snapshot = new TableSnapshot(table, version, List.of());
        }
        finally {
            indexLock.writeLock().unlock();
        }
        for (SegmentSlice slice : old) {
            retiredFiles.add(directory.resolve(SegmentRecord.fileName(slice.segment().id())));
        }
    }

    /**
     * Takes the files of segments that published changes (compaction, TRUNCATE) removed. They are not deleted at once:
     * the metadata store can come back after a crash at an earlier commit that still lists them (see
     * {@link MetadataStore#persist}), so the caller deletes them only after making the metadata durable. Files left
     * by a crash are no longer referenced at the next start, which deletes them.
     */
    public synchronized List<Path> takeRetiredFiles()
    {
        List<Path> files = List.copyOf(retiredFiles);
        retiredFiles.clear();
        return files;
    }

    /**
     * ALTER TABLE on value columns, already validated and recorded in the catalog: published segments get the new
     * column list in memory (a new column reads its default; their files keep what they have, mapped by column id).
     */
    public synchronized void alter(TableInfo newTable)
    {
        requireLive();
        TableInfo oldTable = table;
        List<SegmentSlice> slices = new ArrayList<>(snapshot.slices().size());
        SegmentLayout oldLayout = SegmentLayout.of(oldTable);
        indexLock.writeLock().lock();
        try {
            for (SegmentSlice slice : snapshot.slices()) {
                Segment segment = slice.segment();
                SegmentSlice altered = new SegmentSlice(segment.withColumns(oldLayout.align(segment.columns(), newTable, segment.rowCount())), slice.deletedRows());
                slots[slotBySegment.get(segment.id())] = altered;
                slices.add(altered);
            }
            table = newTable;
            physicalTypes = physicalTypes(newTable.schema());
            configureRouter(newTable.schema());
            snapshot = new TableSnapshot(newTable, snapshot.version(), slices);
        }
        finally {
            indexLock.writeLock().unlock();
        }
    }

    private void requireLive()
    {
        if (dropped) {
            throw new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + table.databaseName() + "." + table.name() + "' doesn't exist");
        }
    }

    private static void deleteQuietly(Path file, RuntimeException failure)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Removes the table's files after it was dropped from the catalog; later writes fail. A compaction that was
     * already writing may add a file meanwhile, so this tries a few times. Returns whether everything is gone; what is
     * left is removed at the next start (a directory no table owns), so the DROP itself never fails here.
     */
    public synchronized boolean deleteFiles()
    {
        dropped = true;
        for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
            if (deleteDirectory(directory)) {
                return true;
            }
            try {
                Thread.sleep(10L << attempt);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Makes later writes fail, keeping the files (the next start removes them: a directory no table owns). */
    public synchronized void markDropped()
    {
        dropped = true;
    }

    /** Deletes a table directory and its files; false if something could not be deleted (yet). */
    public static boolean deleteDirectory(Path directory)
    {
        try {
            if (Files.exists(directory)) {
                try (var files = Files.list(directory)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(directory);
            }
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
