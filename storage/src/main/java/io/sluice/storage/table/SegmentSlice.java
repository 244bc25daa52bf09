package io.sluice.storage.table;

import io.sluice.storage.segment.Segment;
import org.roaringbitmap.RoaringBitmap;

import static java.util.Objects.requireNonNull;

/**
 * A segment as seen at one table version: its rows minus those deleted by later commits.
 * The bitmap is never modified once published (a commit that deletes more publishes a copy).
 */
public record SegmentSlice(Segment segment, RoaringBitmap deletedRows)
{
    private static final RoaringBitmap NONE = new RoaringBitmap();

    public SegmentSlice
    {
        requireNonNull(segment, "segment is null");
        deletedRows = deletedRows == null ? NONE : deletedRows;
    }

    public boolean isDeleted(int row)
    {
        return deletedRows.contains(row);
    }

    public boolean hasDeletes()
    {
        return !deletedRows.isEmpty();
    }

    public int liveRowCount()
    {
        return segment.rowCount() - deletedRows.getCardinality();
    }
}
