package io.sluice.storage.exec;

import io.sluice.storage.segment.Segment;

import java.util.List;

/**
 * An aggregation without GROUP BY: one row, even over no input (COUNT 0, the others NULL).
 */
final class GlobalAggregation
        implements PageConsumer
{
    private final GlobalAccumulator[] accumulators;

    GlobalAggregation(List<GlobalAccumulator> accumulators)
    {
        this.accumulators = accumulators.toArray(new GlobalAccumulator[0]);
    }

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        for (GlobalAccumulator accumulator : accumulators) {
            accumulator.startSegment(segment);
        }
    }

    @Override
    public void acceptRange(int page, int start, int end)
    {
        for (GlobalAccumulator accumulator : accumulators) {
            accumulator.addRange(page, start, end);
        }
    }

    @Override
    public void acceptSelection(int page, int[] selection, int count)
    {
        for (GlobalAccumulator accumulator : accumulators) {
            accumulator.addSelection(selection, count);
        }
    }

    @Override
    public void finishSegment()
    {
        for (GlobalAccumulator accumulator : accumulators) {
            accumulator.finishSegment();
        }
    }

    /** Adds another scan thread's partial state. */
    void merge(GlobalAggregation other)
    {
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].merge(other.accumulators[i]);
        }
    }

    Object[] result()
    {
        Object[] row = new Object[accumulators.length];
        for (int i = 0; i < accumulators.length; i++) {
            row[i] = accumulators[i].result();
        }
        return row;
    }
}
