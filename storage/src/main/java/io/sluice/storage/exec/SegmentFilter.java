package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link FilterNode} bound to one segment's vectors. The scan asks {@link #pageMatch} per page first (from zone
 * maps, no row is read), skips pages that cannot match, and runs {@link #filter} only where some rows may fail.
 */
abstract class SegmentFilter
{
    /** No row of the page passes. */
    static final int NONE = 0;
    /** Some rows may pass. */
    static final int SOME = 1;
    /** Every row of the page passes. */
    static final int ALL = 2;

    static final SegmentFilter ALWAYS = new Constant(ALL);
    static final SegmentFilter NEVER = new Constant(NONE);

    /** {@link #NONE}, {@link #SOME} or {@link #ALL} for the page, judged from zone maps. */
    abstract int pageMatch(int page);

    /**
     * Keeps, in place and in order, the rows of {@code selection[0..count)} (ascending row numbers within the page)
     * for which the predicate is true; returns how many are kept.
     */
    abstract int filter(int page, int[] selection, int count);

    /** Relative cost per row, so an AND runs cheap terms before expensive ones. */
    int cost()
    {
        return 1;
    }

    static int pageRows(int rowCount, int page)
    {
        return Math.min(ColumnZoneMap.PAGE_ROWS, rowCount - page * ColumnZoneMap.PAGE_ROWS);
    }

    private static final class Constant
            extends SegmentFilter
    {
        private final int match;

        private Constant(int match)
        {
            this.match = match;
        }

        @Override
        int pageMatch(int page)
        {
            return match;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            return match == ALL ? count : 0;
        }
    }

    static SegmentFilter and(List<SegmentFilter> terms)
    {
        SegmentFilter[] kept = terms.stream()
                .filter(term -> term != ALWAYS)
                .sorted(Comparator.comparingInt(SegmentFilter::cost))
                .toArray(SegmentFilter[]::new);
        for (SegmentFilter term : kept) {
            if (term == NEVER) {
                return NEVER;
            }
        }
        if (kept.length == 0) {
            return ALWAYS;
        }
        return kept.length == 1 ? kept[0] : new AndFilter(kept);
    }

    static SegmentFilter or(List<SegmentFilter> terms)
    {
        SegmentFilter[] kept = terms.stream()
                .filter(term -> term != NEVER)
                .sorted(Comparator.comparingInt(SegmentFilter::cost))
                .toArray(SegmentFilter[]::new);
        for (SegmentFilter term : kept) {
            if (term == ALWAYS) {
                return ALWAYS;
            }
        }
        if (kept.length == 0) {
            return NEVER;
        }
        return kept.length == 1 ? kept[0] : new OrFilter(kept);
    }

    private static final class AndFilter
            extends SegmentFilter
    {
        private final SegmentFilter[] terms;
        private final int cost;

        private AndFilter(SegmentFilter[] terms)
        {
            this.terms = terms;
            this.cost = Arrays.stream(terms).mapToInt(SegmentFilter::cost).max().orElse(1);
        }

        @Override
        int pageMatch(int page)
        {
            int match = ALL;
            for (SegmentFilter term : terms) {
                int termMatch = term.pageMatch(page);
                if (termMatch == NONE) {
                    return NONE;
                }
                if (termMatch == SOME) {
                    match = SOME;
                }
            }
            return match;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            for (SegmentFilter term : terms) {
                if (term.pageMatch(page) == ALL) {
                    continue;
                }
                count = term.filter(page, selection, count);
                if (count == 0) {
                    break;
                }
            }
            return count;
        }

        @Override
        int cost()
        {
            return cost;
        }
    }

    /**
     * Each term sees only the rows no earlier term accepted; accepted rows are marked in a page-sized mask, so the
     * output keeps the input's order.
     */
    private static final class OrFilter
            extends SegmentFilter
    {
        private final SegmentFilter[] terms;
        private final int cost;
        private int[] remaining;
        private int[] candidates;
        private boolean[] passed;

        private OrFilter(SegmentFilter[] terms)
        {
            this.terms = terms;
            this.cost = Arrays.stream(terms).mapToInt(SegmentFilter::cost).max().orElse(1) + 1;
        }

        @Override
        int pageMatch(int page)
        {
            int match = NONE;
            for (SegmentFilter term : terms) {
                int termMatch = term.pageMatch(page);
                if (termMatch == ALL) {
                    return ALL;
                }
                if (termMatch == SOME) {
                    match = SOME;
                }
            }
            return match;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            if (remaining == null) {
                remaining = new int[ColumnZoneMap.PAGE_ROWS];
                candidates = new int[ColumnZoneMap.PAGE_ROWS];
                passed = new boolean[ColumnZoneMap.PAGE_ROWS];
            }
            int pageStart = page * ColumnZoneMap.PAGE_ROWS;
            System.arraycopy(selection, 0, remaining, 0, count);
            int remainingCount = count;
            for (SegmentFilter term : terms) {
                int match = term.pageMatch(page);
                if (match == NONE) {
                    continue;
                }
                int passedCount;
                if (match == ALL) {
                    System.arraycopy(remaining, 0, candidates, 0, remainingCount);
                    passedCount = remainingCount;
                }
                else {
                    System.arraycopy(remaining, 0, candidates, 0, remainingCount);
                    passedCount = term.filter(page, candidates, remainingCount);
                }
                if (passedCount == 0) {
                    continue;
                }
                for (int i = 0; i < passedCount; i++) {
                    passed[candidates[i] - pageStart] = true;
                }
                int kept = 0;
                for (int i = 0; i < remainingCount; i++) {
                    int row = remaining[i];
                    remaining[kept] = row;
                    kept += passed[row - pageStart] ? 0 : 1;
                }
                remainingCount = kept;
                if (remainingCount == 0) {
                    break;
                }
            }
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                boolean rowPassed = passed[row - pageStart];
                passed[row - pageStart] = false;
                selection[kept] = row;
                kept += rowPassed ? 1 : 0;
            }
            return kept;
        }

        @Override
        int cost()
        {
            return cost;
        }
    }
}
