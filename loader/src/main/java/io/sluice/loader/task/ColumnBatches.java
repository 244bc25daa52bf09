package io.sluice.loader.task;

import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;

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
        for (int column = 0; column < columnCount; column++) {
            columns.add(concat(batches, column, rowCount));
        }
        return new ColumnBatch(columns, rowCount);
    }

    private static ColumnVector concat(List<ColumnBatch> batches, int column, int rowCount)
    {
        ColumnVector first = batches.get(0).column(column);
        if (first instanceof LongVector) {
            long[] values = new long[rowCount];
            boolean[] nulls = null;
            int offset = 0;
            for (ColumnBatch batch : batches) {
                LongVector vector = (LongVector) batch.column(column);
                System.arraycopy(vector.values(), 0, values, offset, vector.size());
                nulls = copyNulls(vector.nulls(), nulls, offset, vector.size(), rowCount);
                offset += vector.size();
            }
            return new LongVector(values, nulls, rowCount);
        }
        if (first instanceof DoubleVector) {
            double[] values = new double[rowCount];
            boolean[] nulls = null;
            int offset = 0;
            for (ColumnBatch batch : batches) {
                DoubleVector vector = (DoubleVector) batch.column(column);
                System.arraycopy(vector.values(), 0, values, offset, vector.size());
                nulls = copyNulls(vector.nulls(), nulls, offset, vector.size(), rowCount);
                offset += vector.size();
            }
            return new DoubleVector(values, nulls, rowCount);
        }
        String[] values = new String[rowCount];
        int offset = 0;
        for (ColumnBatch batch : batches) {
            ColumnVector vector = batch.column(column);
            if (vector instanceof StringVector strings) {
                System.arraycopy(strings.values(), 0, values, offset, strings.size());
            }
            else if (vector instanceof DictionaryVector dictionary) {
                for (int row = 0; row < dictionary.size(); row++) {
                    values[offset + row] = dictionary.value(row);
                }
            }
            else {
                throw new IllegalArgumentException("Column " + column + " mixes " + first.getClass().getSimpleName() + " and " + vector.getClass().getSimpleName());
            }
            offset += vector.size();
        }
        return new StringVector(values, rowCount);
    }

    /** Null flags are optional per vector (null when it has none); the result gets an array once any part has nulls. */
    private static boolean[] copyNulls(boolean[] source, boolean[] target, int offset, int size, int rowCount)
    {
        if (source == null) {
            return target;
        }
        boolean[] result = target == null ? new boolean[rowCount] : target;
        System.arraycopy(source, 0, result, offset, size);
        return result;
    }
}
