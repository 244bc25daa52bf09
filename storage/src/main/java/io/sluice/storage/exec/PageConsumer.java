package io.sluice.storage.exec;

import io.sluice.storage.segment.Segment;

/**
 * Receives the rows of a scan page by page. Row numbers are within the current segment.
 */
interface PageConsumer
{
    /** Called before the first page of a segment that has rows to give; {@code sliceIndex} is its request position. */
    void startSegment(int sliceIndex, Segment segment);

    /** Whether the consumer can tell, before any row is read, that it wants nothing from the page (top-N). */
    default boolean skipPage(int page)
    {
        return false;
    }

    /** Every row in {@code [start, end)} of the page is selected: no deletes and the filter is true on all. */
    void acceptRange(int page, int start, int end);

    /** The selected rows, ascending, {@code count > 0}. */
    void acceptSelection(int page, int[] selection, int count);

    default void finishSegment() {}

    /** Whether the consumer has all it needs (LIMIT without ORDER BY): the scan stops. */
    default boolean isSatisfied()
    {
        return false;
    }
}
