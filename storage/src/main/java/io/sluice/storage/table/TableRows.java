package io.sluice.storage.table;

import io.sluice.storage.segment.Segment;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Row-at-a-time view of a snapshot's live rows (deleted rows skipped). Every key model merges on write, so live rows
 * are already the fully merged state. Values are Long, Double or String (see {@code PhysicalType}).
 */
public final class TableRows
{
    private TableRows() {}

    public static Iterator<Object[]> rows(TableSnapshot snapshot)
    {
        return new LiveRowIterator(snapshot.slices(), snapshot.table().schema().columns().size());
    }

    /** Number of rows a query sees. */
    public static long rowCount(TableSnapshot snapshot)
    {
        long count = 0;
        for (SegmentSlice slice : snapshot.slices()) {
            count += slice.liveRowCount();
        }
        return count;
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
            Segment segment = slices.get(sliceIndex).segment();
            Object[] values = new Object[columnCount];
            for (int column = 0; column < columnCount; column++) {
                values[column] = segment.column(column).objectValue(row);
            }
            advance();
            return values;
        }
    }
}
