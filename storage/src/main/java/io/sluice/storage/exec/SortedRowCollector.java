package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.Segment;

import java.util.Arrays;

/**
 * Every selected row's reference, for an ORDER BY whose LIMIT is too large (or absent) for a top-N heap.
 */
final class SortedRowCollector
        implements PageConsumer
{
    private long[] references = new long[1024];
    private int count;
    private long base;

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        base = RowFields.reference(sliceIndex, 0);
    }

    private void ensureRoom(int more)
    {
        if (count + more > references.length) {
            long newLength = Math.max((long) references.length * 2, (long) count + more);
            if (newLength > Integer.MAX_VALUE - 8) {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "ORDER BY over " + newLength + " rows exceeds what the storage executor sorts in memory; add a LIMIT");
            }
            references = Arrays.copyOf(references, (int) newLength);
        }
    }

    @Override
    public void acceptRange(int page, int start, int end)
    {
        ensureRoom(end - start);
        for (int row = start; row < end; row++) {
            references[count++] = base | row;
        }
    }

    @Override
    public void acceptSelection(int page, int[] selection, int count)
    {
        ensureRoom(count);
        for (int i = 0; i < count; i++) {
            references[this.count++] = base | selection[i];
        }
    }

    long[] references()
    {
        return references;
    }

    int count()
    {
        return count;
    }
}
