package io.sluice.loader.task;

import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.ColumnVectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Concatenates batches of the same columns into one, so that several tasks' batches commit as one write: one set of
 * segment files and fsyncs instead of one per task.
 */
public final class ColumnBatches
{
    private ColumnBatches() {}

    public static ColumnBatch concat(List<ColumnBatch> batches)
    {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("No batches");
        }
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int columnCount = batches.get(0).columns().size();
        int rowCount = 0;
        for (ColumnBatch batch : batches) {
            if (batch.columns().size() != columnCount) {
                throw new IllegalArgumentException("Batches of " + columnCount + " and " + batch.columns().size() + " columns");
            }
            rowCount += batch.rowCount();
        }
        List<ColumnVector> columns = new ArrayList<>(columnCount);
        List<ColumnVector> parts = new ArrayList<>(batches.size());
        for (int column = 0; column < columnCount; column++) {
            parts.clear();
            for (ColumnBatch batch : batches) {
                parts.add(batch.column(column));
            }
            columns.add(ColumnVectors.concatenate(parts, rowCount));
        }
        return new ColumnBatch(columns, rowCount);
    }
}
