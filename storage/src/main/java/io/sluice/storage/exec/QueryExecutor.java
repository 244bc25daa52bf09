package io.sluice.storage.exec;

import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;

import java.util.List;

/**
 * The vectorized executor: evaluates a {@link ScanRequest} over the live rows of a table snapshot's segments.
 */
public final class QueryExecutor
{
    private QueryExecutor() {}

    /**
     * @param slices the snapshot's segments with their delete bitmaps (rows in bitmaps are not visible)
     * @param columnTypes the physical type of each table column
     */
    public static ScanResult execute(List<SegmentSlice> slices, List<PhysicalType> columnTypes, ScanRequest request)
    {
        throw new UnsupportedOperationException("being written");
    }
}
