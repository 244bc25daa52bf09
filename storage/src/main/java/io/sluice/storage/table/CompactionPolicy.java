package io.sluice.storage.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which segments of each tablet to merge. Size-tiered: segments sorted by live rows, the smallest are merged while
 * each next one is no bigger than twice what is gathered so far (so every row is rewritten O(log n) times), once a
 * tablet has more than {@link #TRIGGER_SEGMENTS}; a segment with mostly deleted rows is rewritten on its own.
 * With one commit per second per job, a tablet stays at a handful of segments and reads never slow down.
 *
 * <p>A merge writes at most {@link #maxMergedRows} rows. For PRIMARY KEY tables that is {@link #MAX_PRIMARY_MERGED_ROWS}:
 * publishing a merge repoints each of its rows in the primary index while holding the table's lock, which stalls the
 * loads committing to the table (a million rows is about a tenth of a second). Other tables publish without touching
 * an index, and fewer, bigger segments make their scans and dictionary merges cheaper, so their cap is much higher.
 * Segments of half the cap or more no longer take part in size-tiered merges, so big tables keep several such segments
 * per tablet and the size-tiered merges run among the newer, smaller ones.
 */
final class CompactionPolicy
{
    static final int TRIGGER_SEGMENTS = 4;
    static final int MAX_PRIMARY_MERGED_ROWS = 1 << 20;
    static final int MAX_MERGED_ROWS = 1 << 24;
    private static final int SMALL_ROWS = 65_536;

    private CompactionPolicy() {}

    static int maxMergedRows(boolean primaryIndex)
    {
        return primaryIndex ? MAX_PRIMARY_MERGED_ROWS : MAX_MERGED_ROWS;
    }

    static List<List<SegmentSlice>> pick(List<SegmentSlice> slices, int tablets, int maxMergedRows)
    {
        List<List<SegmentSlice>> byTablet = new ArrayList<>();
        for (int tablet = 0; tablet < tablets; tablet++) {
            byTablet.add(new ArrayList<>());
        }
        for (SegmentSlice slice : slices) {
            int tablet = slice.segment().tablet();
            if (tablet < tablets) {
                byTablet.get(tablet).add(slice);
            }
        }
        List<List<SegmentSlice>> merges = new ArrayList<>();
        for (List<SegmentSlice> tabletSlices : byTablet) {
            List<SegmentSlice> merge = pickTablet(tabletSlices, maxMergedRows);
            if (!merge.isEmpty()) {
                merges.add(merge);
            }
        }
        return merges;
    }

    private static List<SegmentSlice> pickTablet(List<SegmentSlice> slices, int maxMergedRows)
    {
        // Segments of half the maximum or more are done growing: merging them again would rewrite their rows for little.
        List<SegmentSlice> growing = new ArrayList<>();
        for (SegmentSlice slice : slices) {
            if (slice.liveRowCount() < maxMergedRows / 2) {
                growing.add(slice);
            }
        }
        if (growing.size() > TRIGGER_SEGMENTS) {
            List<SegmentSlice> sorted = new ArrayList<>(growing);
            sorted.sort(Comparator.comparingInt(SegmentSlice::liveRowCount));
            List<SegmentSlice> merge = new ArrayList<>();
            long gathered = 0;
            for (SegmentSlice slice : sorted) {
                // Two growing segments always fit under the maximum; a third one only if the sum still does.
                if (merge.size() >= 2 && (slice.liveRowCount() > 2 * gathered + SMALL_ROWS || gathered + slice.liveRowCount() > maxMergedRows)) {
                    break;
                }
                merge.add(slice);
                gathered += slice.liveRowCount();
            }
            if (merge.size() >= 2) {
                return merge;
            }
        }
        for (SegmentSlice slice : slices) {
            if (slice.segment().rowCount() > 0 && slice.liveRowCount() * 2L < slice.segment().rowCount()) {
                return List.of(slice);
            }
        }
        return List.of();
    }
}
