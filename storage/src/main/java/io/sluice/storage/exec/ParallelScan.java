package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.table.SegmentSlice;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scan into contiguous partitions of pages, which {@link ParallelWork} runs. Partitions depend only on the
 * data, and their results are merged in partition order, so results are the same from run to run.
 */
final class ParallelScan
{
    /** Below this many pages per partition, splitting costs more than it gains. */
    static final int MINIMUM_PAGES_PER_PARTITION = 64;

    private ParallelScan() {}

    /** The scan's pages as at most {@code parallelism} partitions of about equal page counts. */
    static List<List<WorkUnit>> partitions(List<SegmentSlice> slices, int parallelism, int minimumPagesPerPartition)
    {
        long totalPages = 0;
        for (SegmentSlice slice : slices) {
            totalPages += ColumnZoneMap.pageCount(slice.segment().rowCount());
        }
        int partitionCount = (int) Math.max(1, Math.min(parallelism, totalPages / Math.max(1, minimumPagesPerPartition)));
        long pagesPerPartition = (totalPages + partitionCount - 1) / partitionCount;
        List<List<WorkUnit>> partitions = new ArrayList<>();
        List<WorkUnit> current = new ArrayList<>();
        long currentPages = 0;
        for (int sliceIndex = 0; sliceIndex < slices.size(); sliceIndex++) {
            int pages = ColumnZoneMap.pageCount(slices.get(sliceIndex).segment().rowCount());
            int firstPage = 0;
            while (firstPage < pages) {
                boolean last = partitions.size() == partitionCount - 1;
                int take = (int) Math.min(pages - firstPage, last ? Long.MAX_VALUE : pagesPerPartition - currentPages);
                current.add(new WorkUnit(sliceIndex, firstPage, firstPage + take));
                firstPage += take;
                currentPages += take;
                if (!last && currentPages == pagesPerPartition) {
                    partitions.add(current);
                    current = new ArrayList<>();
                    currentPages = 0;
                }
            }
        }
        partitions.add(current);
        return partitions;
    }
}
