package io.sluice.storage.table;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.type.ColumnType;
import org.roaringbitmap.RoaringBitmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one batch to a PRIMARY, UNIQUE or AGGREGATE KEY table by merging on write: every key keeps exactly one live
 * row, so queries never merge. Rows are applied in order; for each key the current row is the batch's own row if
 * the batch already touched the key, else the published row the primary index points to.
 * <ul>
 * <li>PRIMARY / UNIQUE: the row replaces the current one (UNIQUE is REPLACE on every value column).</li>
 * <li>PRIMARY with deletes: the key's current row goes away.</li>
 * <li>PRIMARY partial update: only the listed columns change; a new key takes the others' defaults.</li>
 * <li>PRIMARY merge condition: a row whose condition column is smaller than the current row's is skipped.</li>
 * <li>AGGREGATE: value columns fold into the current row with their SUM/MAX/MIN/REPLACE/REPLACE_IF_NOT_NULL.</li>
 * </ul>
 */
final class KeyedWriter
{
    /** Resolves a location of the table's primary index to the published segment row it names. */
    interface PublishedRows
    {
        List<ColumnVector> columns(int slot);
    }

    private final TableSchema schema;
    private final int[] keyColumns;
    private final boolean longKey;
    private final KeyIndex index;
    private final PublishedRows published;
    private final TabletRouter router;

    KeyedWriter(TableSchema schema, int[] keyColumns, boolean longKey, KeyIndex index, PublishedRows published, TabletRouter router)
    {
        this.schema = schema;
        this.keyColumns = keyColumns;
        this.longKey = longKey;
        this.index = index;
        this.published = published;
        this.router = router;
    }

    PendingWrite apply(List<ColumnVector> input, int rowCount, TableWrite write, boolean[] updatedColumns, int mergeColumn)
    {
        if (schema.keyModel() != KeyModel.AGGREGATE && write.deletes() == null && updatedColumns == null && mergeColumn < 0) {
            return applyUpserts(input, rowCount);
        }
        int columnCount = schema.columns().size();
        ColumnType[] types = new ColumnType[columnCount];
        String[] names = new String[columnCount];
        for (int column = 0; column < columnCount; column++) {
            types[column] = schema.column(column).type();
            names[column] = schema.column(column).name();
        }
        RowBuffer buffer = new RowBuffer(types, names, rowCount);
        List<ColumnVector> bufferColumns = buffer.columns();
        KeyIndex batchKeys = longKey
                ? new LongKeyIndex(rowCount)
                : new HashedKeyIndex(keyColumns, rowCount, (location, columns, row) -> RowKeys.keysEqual(bufferColumns, (int) location, columns, row, keyColumns));
        boolean[] dropped = new boolean[rowCount];
        boolean[] hadPublished = new boolean[rowCount];
        Map<Integer, RoaringBitmap> deletions = new HashMap<>();
        KeyModel model = schema.keyModel();
        boolean partial = updatedColumns != null;
        long written = 0;
        long deleted = 0;
        long skipped = 0;
        long rejected = 0;
        Optional<String> firstRejection = Optional.empty();

        long[] publishedLocations = new long[rowCount];
        index.getAll(input, rowCount, publishedLocations);
        for (int row = 0; row < rowCount; row++) {
            long batchLocation = batchKeys.get(input, row);
            boolean inBatch = batchLocation != KeyIndex.MISSING;
            long publishedLocation = inBatch ? KeyIndex.MISSING : publishedLocations[row];
            boolean currentExists = inBatch ? !dropped[(int) batchLocation] : publishedLocation != KeyIndex.MISSING;

            if (write.isDelete(row)) {
                if (currentExists) {
                    deleted++;
                }
                if (inBatch) {
                    dropped[(int) batchLocation] = true;
                }
                else {
                    int target = buffer.appendRow();
                    buffer.copyRow(target, input, row);
                    dropped[target] = true;
                    batchKeys.put(input, row, target);
                    if (publishedLocation != KeyIndex.MISSING) {
                        deletePublished(deletions, publishedLocation);
                        hadPublished[target] = true;
                    }
                }
                continue;
            }

            if (mergeColumn >= 0 && currentExists) {
                int comparison = inBatch
                        ? RowKeys.compareValues(types[mergeColumn], input.get(mergeColumn), row, bufferColumns.get(mergeColumn), (int) batchLocation)
                        : RowKeys.compareValues(types[mergeColumn], input.get(mergeColumn), row, published.columns(KeyIndex.slot(publishedLocation)).get(mergeColumn), KeyIndex.row(publishedLocation));
                if (comparison < 0) {
                    skipped++;
                    continue;
                }
            }

            if (partial && !currentExists) {
                Optional<String> missing = missingRequiredColumn(updatedColumns);
                if (missing.isPresent()) {
                    rejected++;
                    if (firstRejection.isEmpty()) {
                        firstRejection = Optional.of("partial update of a new key leaves NOT NULL column '" + missing.get() + "' without a value or default");
                    }
                    continue;
                }
            }

            int target;
            if (inBatch) {
                target = (int) batchLocation;
            }
            else {
                target = buffer.appendRow();
                batchKeys.put(input, row, target);
                if (publishedLocation != KeyIndex.MISSING) {
                    deletePublished(deletions, publishedLocation);
                    hadPublished[target] = true;
                }
            }

            if (model == KeyModel.AGGREGATE) {
                if (!currentExists) {
                    buffer.copyRow(target, input, row);
                }
                else {
                    if (!inBatch) {
                        buffer.copyRow(target, published.columns(KeyIndex.slot(publishedLocation)), KeyIndex.row(publishedLocation));
                    }
                    for (int column = keyColumns.length; column < columnCount; column++) {
                        buffer.merge(column, schema.column(column).aggregation(), target, input.get(column), row);
                    }
                }
            }
            else if (!partial) {
                buffer.copyRow(target, input, row);
            }
            else {
                for (int column = 0; column < columnCount; column++) {
                    if (updatedColumns[column]) {
                        buffer.copy(column, target, input.get(column), row);
                    }
                    else if (!currentExists) {
                        buffer.set(column, target, ColumnDefaults.physicalDefault(schema.column(column)));
                    }
                    else if (!inBatch) {
                        buffer.copy(column, target, published.columns(KeyIndex.slot(publishedLocation)).get(column), KeyIndex.row(publishedLocation));
                    }
                }
            }
            dropped[target] = false;
            written++;
        }

        int bufferRows = buffer.rowCount();
        int[] removedKeyRows = new int[bufferRows];
        int removedKeyCount = 0;
        for (int row = 0; row < bufferRows; row++) {
            if (dropped[row] && hadPublished[row]) {
                removedKeyRows[removedKeyCount++] = row;
            }
        }
        List<PendingWrite.NewRows> newSegments = router.split(bufferColumns, bufferRows, dropped);
        return new PendingWrite(newSegments, deletions, bufferColumns, removedKeyRows, removedKeyCount, new WriteResult(written, deleted, skipped, rejected, firstRejection));
    }

    /**
     * Whole-row upserts (PRIMARY or UNIQUE, no deletes, partial update or merge condition), the common load: each
     * key's last row wins, so the new rows are a selection of the input, gathered column by column (no copy at all
     * when every key of the batch is distinct) instead of row by row.
     */
    private PendingWrite applyUpserts(List<ColumnVector> input, int rowCount)
    {
        long[] publishedLocations = new long[rowCount];
        index.getAll(input, rowCount, publishedLocations);
        // sources[t]: the input row that new row t takes its values from, the last of its key so far
        int[] sources = new int[rowCount];
        KeyIndex batchKeys = longKey
                ? new LongKeyIndex(rowCount)
                : new HashedKeyIndex(keyColumns, rowCount, (location, columns, row) -> RowKeys.keysEqual(input, sources[(int) location], columns, row, keyColumns));
        Map<Integer, RoaringBitmap> deletions = new HashMap<>();
        int newRows = 0;
        for (int row = 0; row < rowCount; row++) {
            long earlier = batchKeys.putIfAbsent(input, row, newRows);
            if (earlier != KeyIndex.MISSING) {
                sources[(int) earlier] = row;
                continue;
            }
            sources[newRows++] = row;
            if (publishedLocations[row] != KeyIndex.MISSING) {
                deletePublished(deletions, publishedLocations[row]);
            }
        }
        List<ColumnVector> rows = newRows == rowCount ? input : ColumnSelection.select(input, sources, newRows);
        return new PendingWrite(router.split(rows, newRows, null), deletions, List.of(), new int[0], 0, new WriteResult(rowCount, 0, 0, 0, Optional.empty()));
    }

    private Optional<String> missingRequiredColumn(boolean[] updatedColumns)
    {
        for (int column = 0; column < updatedColumns.length; column++) {
            ColumnSchema columnSchema = schema.column(column);
            if (!updatedColumns[column] && !ColumnDefaults.hasDefault(columnSchema)) {
                return Optional.of(columnSchema.name());
            }
        }
        return Optional.empty();
    }

    private static void deletePublished(Map<Integer, RoaringBitmap> deletions, long location)
    {
        deletions.computeIfAbsent(KeyIndex.slot(location), slot -> new RoaringBitmap()).add(KeyIndex.row(location));
    }
}
