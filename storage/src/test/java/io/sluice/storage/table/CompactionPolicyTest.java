package io.sluice.storage.table;

import io.sluice.storage.segment.Segment;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompactionPolicyTest
{
    private static final int MAX = CompactionPolicy.MAX_PRIMARY_MERGED_ROWS;

    private long nextId;

    @Test
    void mergesTheSmallestSegmentsOnceATabletHasTooMany()
    {
        List<SegmentSlice> slices = List.of(slice(0, 1000), slice(0, 10), slice(0, 20), slice(0, 200_000), slice(0, 30));

        List<List<SegmentSlice>> merges = CompactionPolicy.pick(slices, 1, MAX);

        // 200,000 is more than twice the 1,060 gathered (plus 65,536): it waits for the small ones to grow.
        assertThat(merges).singleElement().satisfies(merge ->
                assertThat(merge).extracting(SegmentSlice::liveRowCount).containsExactly(10, 20, 30, 1000));
    }

    @Test
    void fewSegmentsAreLeftAlone()
    {
        assertThat(CompactionPolicy.pick(List.of(slice(0, 10), slice(0, 20), slice(1, 30)), 2, MAX)).isEmpty();
    }

    @Test
    void segmentsOfHalfTheMaximumOrMoreAreNotMergedAgain()
    {
        int full = MAX / 2;
        List<SegmentSlice> slices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slices.add(slice(0, full + i));
        }
        // However many there are.
        assertThat(CompactionPolicy.pick(slices, 1, MAX)).isEmpty();

        // The smaller ones are merged among themselves once there are more than four of them.
        for (int i = 1; i <= 4; i++) {
            slices.add(slice(0, 100 * i));
        }
        assertThat(CompactionPolicy.pick(slices, 1, MAX)).isEmpty();
        slices.add(slice(0, full - 1));
        assertThat(CompactionPolicy.pick(slices, 1, MAX)).singleElement().satisfies(merge ->
                assertThat(merge).extracting(SegmentSlice::liveRowCount).containsExactly(100, 200, 300, 400));
    }

    @Test
    void aMergeWritesAtMostTheMaximum()
    {
        List<SegmentSlice> slices = List.of(slice(0, 300_000), slice(0, 400_000), slice(0, 500_000), slice(0, 200_000), slice(0, 250_000));

        // 400,000 more would make 1,150,000 rows.
        assertThat(CompactionPolicy.pick(slices, 1, MAX)).singleElement().satisfies(merge ->
                assertThat(merge).extracting(SegmentSlice::liveRowCount).containsExactly(200_000, 250_000, 300_000));
    }

    @Test
    void tablesWithoutAPrimaryIndexMergeBiggerSegments()
    {
        List<SegmentSlice> slices = List.of(slice(0, 300_000), slice(0, 400_000), slice(0, 500_000), slice(0, 200_000), slice(0, 250_000));

        assertThat(CompactionPolicy.pick(slices, 1, CompactionPolicy.maxMergedRows(false))).singleElement().satisfies(merge ->
                assertThat(merge).hasSize(5));
    }

    @Test
    void aMostlyDeletedSegmentIsRewrittenAlone()
    {
        int big = MAX - 1000;
        List<SegmentSlice> slices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slices.add(slice(0, big));
        }
        SegmentSlice mostlyDeleted = slice(0, 100, 60);
        slices.add(mostlyDeleted);

        assertThat(CompactionPolicy.pick(slices, 1, MAX)).containsExactly(List.of(mostlyDeleted));
        assertThat(CompactionPolicy.pick(List.of(mostlyDeleted), 1, MAX)).containsExactly(List.of(mostlyDeleted));
    }

    private SegmentSlice slice(int tablet, int rows)
    {
        return slice(tablet, rows, 0);
    }

    private SegmentSlice slice(int tablet, int rows, int deleted)
    {
        RoaringBitmap deletedRows = new RoaringBitmap();
        if (deleted > 0) {
            deletedRows.add(0L, deleted);
        }
        return new SegmentSlice(new Segment(++nextId, tablet, 1, List.of(), rows), deletedRows);
    }
}
