package io.sluice.storage.exec;

import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.type.PhysicalType;

import java.util.List;

/**
 * ORDER BY ... LIMIT over rows with a bounded heap of row references. Once the heap is full, a LONG or DOUBLE first
 * sort key is compared in primitives against the worst kept row before anything else, and whole pages are skipped
 * when their zone map shows every row sorts after it.
 */
final class TopNRowCollector
        implements PageConsumer
{
    private static final int OTHER = 0;
    private static final int LONG = 1;
    private static final int DOUBLE = 2;

    private final RefTopN heap;
    private final RefComparator comparator;
    private final OutputField firstField;
    private final int firstColumn;
    private final int firstKind;
    private final boolean firstDescending;
    private final boolean firstNullsFirst;

    private Segment segment;
    private long base;
    private long[] longValues;
    private double[] doubleValues;
    private boolean[] nulls;

    // The worst kept row's first key, valid while the heap is full.
    private boolean worstIsNull;
    private long worstLong;
    private double worstDouble;

    /**
     * @param fields the projection's output fields over row references
     * @param projection the table column of each output field
     */
    TopNRowCollector(List<SortKey> orderBy, List<OutputField> fields, List<Integer> projection, List<PhysicalType> columnTypes, int capacity)
    {
        this.comparator = new RefComparator(orderBy, fields);
        this.heap = new RefTopN(comparator, capacity);
        SortKey first = orderBy.get(0);
        this.firstField = fields.get(first.field());
        this.firstColumn = projection.get(first.field());
        this.firstKind = switch (columnTypes.get(firstColumn)) {
            case LONG -> LONG;
            case DOUBLE -> DOUBLE;
            case STRING -> OTHER;
        };
        this.firstDescending = first.descending();
        this.firstNullsFirst = first.nullsFirst();
    }

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        this.segment = segment;
        this.base = RowFields.reference(sliceIndex, 0);
        if (firstKind == LONG) {
            LongVector vector = SegmentColumns.longColumn(segment, firstColumn);
            longValues = vector.values();
            nulls = vector.nulls();
        }
        else if (firstKind == DOUBLE) {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, firstColumn);
            doubleValues = vector.values();
            nulls = vector.nulls();
        }
    }

    @Override
    public boolean skipPage(int page)
    {
        if (firstKind == OTHER || !heap.isFull()) {
            return false;
        }
        ColumnZoneMap zoneMap = segment.zoneMap(firstColumn);
        int nullCount = zoneMap.nullCount(page);
        int pageRows = SegmentFilter.pageRows(segment.rowCount(), page);
        if (worstIsNull) {
            // Only with NULLS FIRST do non-NULL rows sort after a NULL; NULL rows tie and must be compared.
            return firstNullsFirst && nullCount == 0;
        }
        if (nullCount > 0 && firstNullsFirst) {
            return false;
        }
        if (nullCount == pageRows) {
            return true;
        }
        if (firstKind == LONG) {
            return firstDescending ? zoneMap.longMaximum(page) < worstLong : zoneMap.longMinimum(page) > worstLong;
        }
        double minimum = zoneMap.doubleMinimum(page);
        double maximum = zoneMap.doubleMaximum(page);
        if (Double.isInfinite(minimum) || Double.isInfinite(maximum)) {
            // The bounds may stand for a NaN, which sorts above everything.
            return false;
        }
        return firstDescending ? Double.compare(maximum, worstDouble) < 0 : Double.compare(minimum, worstDouble) > 0;
    }

    @Override
    public void acceptRange(int page, int start, int end)
    {
        for (int row = start; row < end; row++) {
            offer(row);
        }
    }

    @Override
    public void acceptSelection(int page, int[] selection, int count)
    {
        for (int i = 0; i < count; i++) {
            offer(selection[i]);
        }
    }

    private void offer(int row)
    {
        long reference = base | row;
        if (!heap.isFull()) {
            heap.offer(reference);
            rememberWorst();
            return;
        }
        int order = compareFirstKeyWithWorst(row);
        if (order > 0) {
            return;
        }
        if (order == 0 && comparator.compare(reference, heap.worst()) >= 0) {
            return;
        }
        heap.replaceWorst(reference);
        rememberWorst();
    }

    /** The row's first key against the worst kept row's: negative sorts before, 0 a tie (or not known). */
    private int compareFirstKeyWithWorst(int row)
    {
        if (firstKind == OTHER) {
            return 0;
        }
        boolean rowIsNull = nulls != null && nulls[row];
        if (rowIsNull || worstIsNull) {
            if (rowIsNull && worstIsNull) {
                return 0;
            }
            return rowIsNull == firstNullsFirst ? -1 : 1;
        }
        int order = firstKind == LONG ? Long.compare(longValues[row], worstLong) : Double.compare(doubleValues[row], worstDouble);
        return firstDescending ? -order : order;
    }

    private void rememberWorst()
    {
        if (firstKind == OTHER || !heap.isFull()) {
            return;
        }
        long worst = heap.worst();
        worstIsNull = firstField.isNull(worst);
        if (!worstIsNull) {
            if (firstKind == LONG) {
                worstLong = ((RowFields.LongField) firstField).longValue(worst);
            }
            else {
                worstDouble = ((RowFields.DoubleField) firstField).doubleValue(worst);
            }
        }
    }

    /** Adds another scan thread's kept rows. */
    void merge(TopNRowCollector other)
    {
        heap.addAll(other.heap);
    }

    long[] sortedReferences()
    {
        return heap.sorted();
    }
}
