package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import org.roaringbitmap.RoaringBitmap;

import java.util.List;
import java.util.Map;

/**
 * A write worked out against the current state but not yet published: new rows per tablet, rows of published
 * segments it deletes, and keys that leave the primary index.
 *
 * @param removedKeys vectors holding keys that no longer have a live row, at rows {@code removedKeyRows[0..removedKeyCount)}
 */
record PendingWrite(
        List<NewRows> newSegments,
        Map<Integer, RoaringBitmap> deletionsBySlot,
        List<ColumnVector> removedKeys,
        int[] removedKeyRows,
        int removedKeyCount,
        WriteResult result)
{
    /**
     * The rows of one tablet: {@code rows[0..rowCount)} of the source vectors, or, when rows is null, the vectors
     * themselves. {@link #columns()} copies the chosen rows out, which commits do in parallel per tablet.
     */
    record NewRows(int tablet, List<ColumnVector> source, int[] rows, int rowCount)
    {
        List<ColumnVector> columns()
        {
            return rows == null ? source : ColumnSelection.select(source, rows, rowCount);
        }
    }
}
