package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * An aggregation with GROUP BY. Per page: each key column resolves the selected rows to value ids; with one key
 * column the id is the group, with several the id tuple is mapped to a group; then each aggregate makes one pass
 * over the page into arrays indexed by group. Groups are numbered in first-seen order.
 */
final class GroupedAggregation
        implements PageConsumer, GroupedResult
{
    private final GroupKeyColumn[] keys;
    // Two keys: the pair of ids packed in a long; more: a tuple map; one: neither.
    private final LongIdMap pairs;
    private final IntTupleIdMap tuples;
    private final GroupAccumulator[] accumulators;
    private final int[][] keyIds;
    private final int[] groups;
    private final int[] rangeSelection = new int[ColumnZoneMap.PAGE_ROWS];
    private int capacity;

    GroupedAggregation(List<GroupKeyColumn> keys, List<GroupAccumulator> accumulators)
    {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a grouped aggregation needs a key");
        }
        this.keys = keys.toArray(new GroupKeyColumn[0]);
        this.accumulators = accumulators.toArray(new GroupAccumulator[0]);
        this.pairs = keys.size() == 2 ? new LongIdMap() : null;
        this.tuples = keys.size() > 2 ? new IntTupleIdMap(keys.size()) : null;
        this.keyIds = new int[keys.size()][ColumnZoneMap.PAGE_ROWS];
        // With one key the key's ids are the groups.
        this.groups = keys.size() == 1 ? keyIds[0] : new int[ColumnZoneMap.PAGE_ROWS];
    }

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        for (GroupKeyColumn key : keys) {
            key.startSegment(segment);
        }
        for (GroupAccumulator accumulator : accumulators) {
            accumulator.startSegment(segment);
        }
    }

    @Override
    public void acceptRange(int page, int start, int end)
    {
        for (int row = start; row < end; row++) {
            rangeSelection[row - start] = row;
        }
        acceptSelection(page, rangeSelection, end - start);
    }

    @Override
    public void acceptSelection(int page, int[] selection, int count)
    {
        for (int key = 0; key < keys.length; key++) {
            keys[key].resolve(selection, count, keyIds[key]);
        }
        if (pairs != null) {
            int[] first = keyIds[0];
            int[] second = keyIds[1];
            for (int i = 0; i < count; i++) {
                groups[i] = pairs.idOf(pair(first[i], second[i]));
            }
        }
        else if (tuples != null) {
            for (int i = 0; i < count; i++) {
                groups[i] = tuples.idOf(keyIds, i);
            }
        }
        ensureCapacity(groupCount());
        for (GroupAccumulator accumulator : accumulators) {
            accumulator.add(selection, groups, count);
        }
    }

    private void ensureCapacity(int groupCount)
    {
        if (groupCount <= capacity) {
            return;
        }
        int newCapacity = Math.max(Math.max(16, groupCount), capacity * 2);
        for (GroupAccumulator accumulator : accumulators) {
            accumulator.grow(newCapacity);
        }
        capacity = newCapacity;
    }

    private static long pair(int first, int second)
    {
        return ((long) first << 32) | (second & 0xFFFF_FFFFL);
    }

    @Override
    public int groupCount()
    {
        if (pairs != null) {
            return pairs.size();
        }
        return tuples == null ? keys[0].size() : tuples.size();
    }

    /** Adds another scan thread's groups: its new groups come after this one's, in its first-seen order. */
    void merge(GroupedAggregation other)
    {
        int[][] ids = new int[keys.length][1];
        int otherCount = other.groupCount();
        for (int otherGroup = 0; otherGroup < otherCount; otherGroup++) {
            for (int key = 0; key < keys.length; key++) {
                ids[key][0] = keys[key].idOf(other.keys[key], other.keyId(key, otherGroup));
            }
            int group;
            if (pairs != null) {
                group = pairs.idOf(pair(ids[0][0], ids[1][0]));
            }
            else if (tuples != null) {
                group = tuples.idOf(ids, 0);
            }
            else {
                group = ids[0][0];
            }
            ensureCapacity(group + 1);
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i].merge(other.accumulators[i], otherGroup, group);
            }
        }
    }

    @Override
    public void validate()
    {
        ensureCapacity(groupCount());
        for (GroupAccumulator accumulator : accumulators) {
            accumulator.validate(groupCount());
        }
    }

    @Override
    public List<OutputField> fields()
    {
        List<OutputField> fields = new ArrayList<>(keys.length + accumulators.length);
        for (int key = 0; key < keys.length; key++) {
            fields.add(new KeyField(key));
        }
        for (GroupAccumulator accumulator : accumulators) {
            fields.add(new AggregateField(accumulator));
        }
        return fields;
    }

    private int keyId(int key, long group)
    {
        if (pairs != null) {
            long pair = pairs.key((int) group);
            return key == 0 ? (int) (pair >>> 32) : (int) pair;
        }
        return tuples == null ? (int) group : tuples.component((int) group, key);
    }

    private final class KeyField
            implements OutputField
    {
        private final int key;

        private KeyField(int key)
        {
            this.key = key;
        }

        @Override
        public boolean isNull(long group)
        {
            return keys[key].isNull(keyId(key, group));
        }

        @Override
        public int compareNonNull(long left, long right)
        {
            return keys[key].compareNonNull(keyId(key, left), keyId(key, right));
        }

        @Override
        public Object value(long group)
        {
            return keys[key].value(keyId(key, group));
        }
    }

    /** An aggregate's result by group. */
    record AggregateField(GroupAccumulator accumulator)
            implements OutputField
    {
        @Override
        public boolean isNull(long group)
        {
            return accumulator.isNull((int) group);
        }

        @Override
        public int compareNonNull(long left, long right)
        {
            return accumulator.compareNonNull((int) left, (int) right);
        }

        @Override
        public Object value(long group)
        {
            return accumulator.value((int) group);
        }
    }
}
