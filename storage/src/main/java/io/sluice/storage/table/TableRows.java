package io.sluice.storage.table;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.segment.Segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Row-at-a-time view of a snapshot with the table model applied: deleted rows are skipped and AGGREGATE KEY rows
 * with equal keys are merged in commit order. Values are Long, Double or String (see {@code PhysicalType}).
 */
public final class TableRows
{
    private TableRows() {}

    public static Iterator<Object[]> rows(TableSnapshot snapshot)
    {
        TableSchema schema = snapshot.table().schema();
        if (schema.keyModel() == KeyModel.AGGREGATE) {
            return mergedRows(snapshot, schema).values().iterator();
        }
        return new LiveRowIterator(snapshot.slices(), schema.columns().size());
    }

    private static Map<List<Object>, Object[]> mergedRows(TableSnapshot snapshot, TableSchema schema)
    {
        int keyCount = schema.keyColumnCount();
        int columnCount = schema.columns().size();
        Map<List<Object>, Object[]> merged = new LinkedHashMap<>();
        for (SegmentSlice slice : snapshot.slices()) {
            Segment segment = slice.segment();
            for (int row = 0; row < segment.rowCount(); row++) {
                if (slice.isDeleted(row)) {
                    continue;
                }
                List<Object> key = new ArrayList<>(keyCount);
                for (int column = 0; column < keyCount; column++) {
                    key.add(segment.column(column).objectValue(row));
                }
                Object[] current = merged.get(key);
                if (current == null) {
                    merged.put(key, rowValues(segment, row, columnCount));
                    continue;
                }
                for (int column = keyCount; column < columnCount; column++) {
                    ColumnSchema columnSchema = schema.column(column);
                    current[column] = merge(columnSchema.aggregation(), current[column], segment.column(column).objectValue(row));
                }
            }
        }
        return merged;
    }

    private static Object merge(AggregationFunction function, Object current, Object next)
    {
        return switch (function) {
            case SUM -> current == null ? next : next == null ? current : add(current, next);
            case MAX -> current == null ? next : next == null ? current : compare(next, current) > 0 ? next : current;
            case MIN -> current == null ? next : next == null ? current : compare(next, current) < 0 ? next : current;
            case REPLACE, NONE -> next;
            case REPLACE_IF_NOT_NULL -> next == null ? current : next;
        };
    }

    private static Object add(Object left, Object right)
    {
        if (left instanceof Long leftLong) {
            return leftLong + (Long) right;
        }
        if (left instanceof Double leftDouble) {
            return leftDouble + (Double) right;
        }
        return new java.math.BigDecimal(left.toString()).add(new java.math.BigDecimal(right.toString())).toPlainString();
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object left, Object right)
    {
        return ((Comparable<Object>) left).compareTo(right);
    }

    private static Object[] rowValues(Segment segment, int row, int columnCount)
    {
        Object[] values = new Object[columnCount];
        for (int column = 0; column < columnCount; column++) {
            values[column] = segment.column(column).objectValue(row);
        }
        return values;
    }

    private static final class LiveRowIterator
            implements Iterator<Object[]>
    {
        private final List<SegmentSlice> slices;
        private final int columnCount;
        private int sliceIndex;
        private int row = -1;

        LiveRowIterator(List<SegmentSlice> slices, int columnCount)
        {
            this.slices = slices;
            this.columnCount = columnCount;
            advance();
        }

        private void advance()
        {
            row++;
            while (sliceIndex < slices.size()) {
                SegmentSlice slice = slices.get(sliceIndex);
                while (row < slice.segment().rowCount() && slice.isDeleted(row)) {
                    row++;
                }
                if (row < slice.segment().rowCount()) {
                    return;
                }
                sliceIndex++;
                row = 0;
            }
        }

        @Override
        public boolean hasNext()
        {
            return sliceIndex < slices.size();
        }

        @Override
        public Object[] next()
        {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] values = rowValues(slices.get(sliceIndex).segment(), row, columnCount);
            advance();
            return values;
        }
    }

    /** Number of rows a query sees. */
    public static long rowCount(TableSnapshot snapshot)
    {
        if (snapshot.table().schema().keyModel() == KeyModel.AGGREGATE) {
            return mergedRows(snapshot, snapshot.table().schema()).size();
        }
        long count = 0;
        for (SegmentSlice slice : snapshot.slices()) {
            count += slice.liveRowCount();
        }
        return count;
    }
}
