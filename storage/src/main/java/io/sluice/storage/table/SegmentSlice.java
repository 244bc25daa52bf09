package io.sluice.storage.table;

import io.sluice.storage.segment.Segment;

import java.util.BitSet;

import static java.util.Objects.requireNonNull;

/**
 * A segment as seen at one table version: its rows minus those deleted by later commits.
 * The bitmap is never modified once published (a commit that deletes more publishes a copy).
 */
public record SegmentSlice(Segment segment, BitSet deletedRows)
{
    private static final BitSet NONE = new BitSet();

    public SegmentSlice
    {
        requireNonNull(segment, "segment is null");
        deletedRows = deletedRows == null ? NONE : deletedRows;
    }

    public boolean isDeleted(int row)
    {
        return deletedRows.get(row);
    }

    public int liveRowCount()
    {
        return segment.rowCount() - deletedRows.cardinality();
    }
}
