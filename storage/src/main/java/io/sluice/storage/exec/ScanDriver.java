package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.table.SegmentSlice;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The page loop of a scan: per page of {@link ColumnZoneMap#PAGE_ROWS} rows it consults the delete bitmap and the
 * filter's zone maps, skips what cannot contribute, builds the selection vector of live rows passing the filter and
 * hands it to the consumer; a fully selected page is handed over as a range, with no selection vector at all.
 */
final class ScanDriver
{
    private final List<SegmentSlice> slices;
    private final FilterBinder filter;
    private final ExecutionStats stats;
    private final BooleanSupplier cancelled;
    private final int[] selection = new int[ColumnZoneMap.PAGE_ROWS];

    /**
     * @param filter null when the request has no filter
     */
    ScanDriver(List<SegmentSlice> slices, FilterBinder filter, ExecutionStats stats)
    {
        this(slices, filter, stats, () -> false);
    }

    /**
     * @param cancelled checked once per page: KILL QUERY stops a scan within a page
     */
    ScanDriver(List<SegmentSlice> slices, FilterBinder filter, ExecutionStats stats, BooleanSupplier cancelled)
    {
        this.slices = slices;
        this.filter = filter;
        this.stats = stats;
        this.cancelled = cancelled;
    }

    void run(List<WorkUnit> units, PageConsumer consumer)
    {
        for (WorkUnit unit : units) {
            if (scan(unit, consumer)) {
                return;
            }
        }
    }

    /** Returns whether the consumer is satisfied. */
    private boolean scan(WorkUnit unit, PageConsumer consumer)
    {
        SegmentSlice slice = slices.get(unit.sliceIndex());
        Segment segment = slice.segment();
        int rowCount = segment.rowCount();
        SegmentFilter segmentFilter = filter == null ? SegmentFilter.ALWAYS : filter.bind(segment);
        if (segmentFilter == SegmentFilter.NEVER) {
            stats.pagesSkipped(unit.endPage() - unit.firstPage());
            return false;
        }
        RoaringBitmap deleted = slice.deletedRows();
        boolean hasDeletes = !deleted.isEmpty();
        PeekableIntIterator deletedIterator = null;
        boolean started = false;
        boolean satisfied = false;
        for (int page = unit.firstPage(); page < unit.endPage(); page++) {
            if (cancelled.getAsBoolean()) {
                throw new SluiceException(ErrorCode.QUERY_INTERRUPTED, "Query execution was interrupted");
            }
            int start = page * ColumnZoneMap.PAGE_ROWS;
            int end = Math.min(rowCount, start + ColumnZoneMap.PAGE_ROWS);
            int deletedCount = hasDeletes ? (int) deleted.rangeCardinality(start, end) : 0;
            if (deletedCount == end - start) {
                stats.pagesSkipped(1);
                continue;
            }
            int match = segmentFilter.pageMatch(page);
            if (match == SegmentFilter.NONE) {
                stats.pagesSkipped(1);
                continue;
            }
            if (!started) {
                consumer.startSegment(unit.sliceIndex(), segment);
                started = true;
            }
            if (consumer.skipPage(page)) {
                stats.pagesSkipped(1);
                continue;
            }
            stats.pageScanned();
            if (match == SegmentFilter.ALL && deletedCount == 0) {
                consumer.acceptRange(page, start, end);
            }
            else {
                int count;
                if (deletedCount == 0) {
                    for (int row = start; row < end; row++) {
                        selection[row - start] = row;
                    }
                    count = end - start;
                }
                else {
                    if (deletedIterator == null) {
                        deletedIterator = deleted.getIntIterator();
                    }
                    count = liveRows(deletedIterator, start, end);
                }
                if (match != SegmentFilter.ALL) {
                    count = segmentFilter.filter(page, selection, count);
                }
                if (count > 0) {
                    consumer.acceptSelection(page, selection, count);
                }
            }
            if (consumer.isSatisfied()) {
                satisfied = true;
                break;
            }
        }
        if (started) {
            consumer.finishSegment();
        }
        return satisfied;
    }

    /** Fills the selection with the rows of {@code [start, end)} not in the delete bitmap (iterated forward). */
    private int liveRows(PeekableIntIterator deleted, int start, int end)
    {
        deleted.advanceIfNeeded(start);
        int nextDeleted = deleted.hasNext() ? deleted.peekNext() : Integer.MAX_VALUE;
        int count = 0;
        for (int row = start; row < end; row++) {
            if (row == nextDeleted) {
                deleted.next();
                nextDeleted = deleted.hasNext() ? deleted.peekNext() : Integer.MAX_VALUE;
                continue;
            }
            selection[count++] = row;
        }
        return count;
    }
}
