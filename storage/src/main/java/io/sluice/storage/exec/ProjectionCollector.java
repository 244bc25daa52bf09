package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.segment.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Projected rows without ORDER BY, in scan order: skips OFFSET rows without materializing them and stops the scan
 * once LIMIT rows are collected.
 */
final class ProjectionCollector
        implements PageConsumer
{
    private final int[] columns;
    private final ColumnVector[] vectors;
    private final List<Object[]> rows = new ArrayList<>();
    private long toSkip;
    private long remaining;

    /** @param end offset + limit (saturated), or Long.MAX_VALUE without a limit */
    ProjectionCollector(List<Integer> projection, long offset, long end)
    {
        this.columns = projection.stream().mapToInt(Integer::intValue).toArray();
        this.vectors = new ColumnVector[columns.length];
        this.toSkip = offset;
        this.remaining = end - offset;
    }

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        for (int i = 0; i < columns.length; i++) {
            vectors[i] = SegmentColumns.column(segment, columns[i]);
        }
    }

    @Override
    public void acceptRange(int page, int start, int end)
    {
        int row = start;
        if (toSkip > 0) {
            int skipped = (int) Math.min(toSkip, end - start);
            toSkip -= skipped;
            row += skipped;
        }
        for (; row < end && remaining > 0; row++) {
            add(row);
        }
    }

    @Override
    public void acceptSelection(int page, int[] selection, int count)
    {
        int index = 0;
        if (toSkip > 0) {
            int skipped = (int) Math.min(toSkip, count);
            toSkip -= skipped;
            index += skipped;
        }
        for (; index < count && remaining > 0; index++) {
            add(selection[index]);
        }
    }

    private void add(int row)
    {
        Object[] values = new Object[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            values[i] = vectors[i].objectValue(row);
        }
        rows.add(values);
        remaining--;
    }

    @Override
    public boolean isSatisfied()
    {
        return remaining <= 0;
    }

    List<Object[]> rows()
    {
        return rows;
    }
}
