package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GROUP BY one STRING column. A dictionary segment aggregates on its codes, into arrays indexed by code that belong
 * to that segment; plain segments go through one hash table of strings. The result merges the segments' sorted
 * dictionaries (a k-way merge, no hashing), then looks the merged values up in the hash table to join the plain
 * segments' groups. A high-cardinality column is a dictionary in the large, compacted segments that hold most rows,
 * so most rows cost an array update instead of hashing and comparing a string.
 * <p>
 * Groups come out as the merged dictionary values in ascending order, then values only plain segments hold, in
 * first-seen order, then NULL.
 */
final class StringGroupedAggregation
        implements PageConsumer
{
    private final int column;
    private final Supplier<GroupAccumulator[]> accumulatorFactory;
    private final MergeParallelism mergeParallelism;
    private final int[] groups = new int[ColumnZoneMap.PAGE_ROWS];
    private final int[] rangeSelection = new int[ColumnZoneMap.PAGE_ROWS];

    // Plain segments: groups numbered by a hash table of their strings.
    private StringIdMap plainIds = new StringIdMap();
    private GroupAccumulator[] plainAccumulators;
    private int plainCapacity;
    private String[] plainStrings;

    // Dictionary segments: one part each, in the order first seen (which keeps results reproducible).
    private final List<DictionaryPart> parts = new ArrayList<>();
    private final Map<DictionaryVector, DictionaryPart> partsByDictionary = new IdentityHashMap<>();
    private DictionaryPart current;

    /**
     * @param accumulatorFactory a new, empty set of the query's aggregates on every call
     */
    StringGroupedAggregation(int column, Supplier<GroupAccumulator[]> accumulatorFactory, MergeParallelism mergeParallelism)
    {
        this.column = column;
        this.accumulatorFactory = accumulatorFactory;
        this.mergeParallelism = mergeParallelism;
        this.plainAccumulators = accumulatorFactory.get();
    }

    @Override
    public void startSegment(int sliceIndex, Segment segment)
    {
        ColumnVector vector = SegmentColumns.stringColumn(segment, column);
        if (vector instanceof StringVector plain) {
            current = null;
            plainStrings = plain.values();
            for (GroupAccumulator accumulator : plainAccumulators) {
                accumulator.startSegment(segment);
            }
            return;
        }
        DictionaryVector dictionary = (DictionaryVector) vector;
        current = partsByDictionary.get(dictionary);
        if (current == null) {
            current = new DictionaryPart(dictionary, accumulatorFactory.get());
            parts.add(current);
            partsByDictionary.put(dictionary, current);
        }
        for (GroupAccumulator accumulator : current.accumulators) {
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
        int[] groups = this.groups;
        if (current != null) {
            // The group is the code + 1, so NULL (code -1) is group 0.
            int[] codes = current.dictionary.codes();
            boolean[] selected = current.selected;
            for (int i = 0; i < count; i++) {
                int group = codes[selection[i]] + 1;
                groups[i] = group;
                selected[group] = true;
            }
            for (GroupAccumulator accumulator : current.accumulators) {
                accumulator.add(selection, groups, count);
            }
            return;
        }
        plainIds.idsOf(plainStrings, selection, count, groups);
        ensurePlainCapacity(plainIds.size());
        for (GroupAccumulator accumulator : plainAccumulators) {
            accumulator.add(selection, groups, count);
        }
    }

    private void ensurePlainCapacity(int groupCount)
    {
        if (groupCount <= plainCapacity) {
            return;
        }
        int newCapacity = Math.max(Math.max(16, groupCount), plainCapacity * 2);
        for (GroupAccumulator accumulator : plainAccumulators) {
            accumulator.grow(newCapacity);
        }
        plainCapacity = newCapacity;
    }

    /** Adds another scan thread's partial state: parts of the same segment merge code by code. */
    void merge(StringGroupedAggregation other)
    {
        if (plainIds.size() == 0) {
            // Often only one scan thread met plain segments: take its groups as they are.
            plainIds = other.plainIds;
            plainAccumulators = other.plainAccumulators;
            plainCapacity = other.plainCapacity;
        }
        else if (other.plainIds.size() > 0) {
            mergePlain(other);
        }
        for (DictionaryPart otherPart : other.parts) {
            DictionaryPart part = partsByDictionary.get(otherPart.dictionary);
            if (part == null) {
                parts.add(otherPart);
                partsByDictionary.put(otherPart.dictionary, otherPart);
            }
            else {
                part.merge(otherPart);
            }
        }
    }

    private void mergePlain(StringGroupedAggregation other)
    {
        int[] ids = plainIds.addAll(other.plainIds);
        ensurePlainCapacity(plainIds.size());
        for (int otherId = 0; otherId < ids.length; otherId++) {
            for (int i = 0; i < plainAccumulators.length; i++) {
                plainAccumulators[i].merge(other.plainAccumulators[i], otherId, ids[otherId]);
            }
        }
    }

    /** The groups of everything scanned and merged into this one. */
    GroupedResult result()
    {
        List<DictionaryVector> dictionaries = new ArrayList<>(parts.size());
        List<boolean[]> selections = new ArrayList<>(parts.size());
        boolean anyNull = plainIds.hasNullId();
        for (DictionaryPart part : parts) {
            dictionaries.add(part.dictionary);
            selections.add(part.selected);
            anyNull |= part.selected[0];
        }
        SortedDictionaryMerge merged = SortedDictionaryMerge.merge(dictionaries, selections, mergeParallelism);
        int sortedCount = merged.keyCount();
        int plainCount = plainIds.size();

        // Plain groups whose value a dictionary holds join that group; the others follow the sorted ones, then NULL.
        int[] plainGroups = plainGroupsInDictionaries(merged);
        String[] keys = Arrays.copyOf(merged.keys(), sortedCount + plainCount + 1);
        int groupCount = sortedCount;
        for (int id = 0; id < plainCount; id++) {
            if (plainGroups[id] < 0 && !plainIds.isNull(id)) {
                plainGroups[id] = groupCount;
                keys[groupCount++] = plainIds.key(id);
            }
        }
        int nullGroup = anyNull ? groupCount++ : -1;
        if (plainIds.hasNullId()) {
            plainGroups[plainIds.nullId()] = nullGroup;
        }

        GroupAccumulator[] accumulators = accumulatorFactory.get();
        for (GroupAccumulator accumulator : accumulators) {
            accumulator.grow(Math.max(1, groupCount));
        }
        int ranges = merged.rangeCount();
        if (ranges > 1) {
            for (int i = 0; i < accumulators.length; i++) {
                for (DictionaryPart part : parts) {
                    accumulators[i].prepareMerge(part.accumulators[i]);
                }
                accumulators[i].prepareMerge(plainAccumulators[i]);
            }
        }
        // The merge's value ranges hold disjoint groups, so they fill in parallel; the last one also takes the
        // values only plain segments hold and NULL. Each group still receives the parts in order, then the plain
        // segments' state, so sums of doubles come out the same however the work is split.
        ParallelWork.run(ranges, range -> {
            fillRange(merged, range, plainGroups, nullGroup, accumulators);
            return range;
        });
        return new Groups(keys, groupCount, nullGroup, accumulators);
    }

    /** The group of each plain id whose value one of the dictionaries holds, -1 for the others. */
    private int[] plainGroupsInDictionaries(SortedDictionaryMerge merged)
    {
        int[] plainGroups = new int[plainIds.size()];
        Arrays.fill(plainGroups, -1);
        if (plainGroups.length > 0 && merged.keyCount() > 0) {
            int[] found = plainIds.findAll(merged.keys(), merged.keyCount(), mergeParallelism);
            for (int group = 0; group < found.length; group++) {
                if (found[group] >= 0) {
                    plainGroups[found[group]] = group;
                }
            }
        }
        return plainGroups;
    }

    private void fillRange(SortedDictionaryMerge merged, int range, int[] plainGroups, int nullGroup, GroupAccumulator[] accumulators)
    {
        boolean last = range == merged.rangeCount() - 1;
        for (int input = 0; input < parts.size(); input++) {
            DictionaryPart part = parts.get(input);
            int[] indexes = merged.indexesByCode(input);
            boolean[] selected = part.selected;
            if (last && selected[0]) {
                mergeGroup(accumulators, part.accumulators, 0, nullGroup);
            }
            for (int code = merged.firstCode(range, input); code < merged.firstCode(range + 1, input); code++) {
                if (selected[code + 1]) {
                    mergeGroup(accumulators, part.accumulators, code + 1, indexes[code]);
                }
            }
        }
        int firstGroup = merged.firstIndex(range);
        int endGroup = last ? Integer.MAX_VALUE : merged.firstIndex(range + 1);
        for (int id = 0; id < plainGroups.length; id++) {
            int group = plainGroups[id];
            if (group >= firstGroup && group < endGroup) {
                mergeGroup(accumulators, plainAccumulators, id, group);
            }
        }
    }

    private static void mergeGroup(GroupAccumulator[] target, GroupAccumulator[] source, int sourceGroup, int group)
    {
        for (int i = 0; i < target.length; i++) {
            target[i].merge(source[i], sourceGroup, group);
        }
    }

    /** One dictionary segment's groups: aggregate state indexed by code + 1, NULL at 0. */
    private static final class DictionaryPart
    {
        private final DictionaryVector dictionary;
        private final GroupAccumulator[] accumulators;
        // Whether any row had the code: accumulators alone cannot tell an empty group from one without values.
        private final boolean[] selected;

        private DictionaryPart(DictionaryVector dictionary, GroupAccumulator[] accumulators)
        {
            this.dictionary = dictionary;
            this.accumulators = accumulators;
            this.selected = new boolean[dictionary.dictionarySize() + 1];
            for (GroupAccumulator accumulator : accumulators) {
                accumulator.grow(selected.length);
            }
        }

        /** Adds another scan thread's part of the same segment. */
        private void merge(DictionaryPart other)
        {
            boolean[] otherSelected = other.selected;
            for (int group = 0; group < selected.length; group++) {
                if (otherSelected[group]) {
                    selected[group] = true;
                    mergeGroup(accumulators, other.accumulators, group, group);
                }
            }
        }
    }

    /** The merged groups: keys by group (null for the NULL group) and the aggregates' state. */
    private static final class Groups
            implements GroupedResult
    {
        private final String[] keys;
        private final int groupCount;
        private final int nullGroup;
        private final GroupAccumulator[] accumulators;

        private Groups(String[] keys, int groupCount, int nullGroup, GroupAccumulator[] accumulators)
        {
            this.keys = keys;
            this.groupCount = groupCount;
            this.nullGroup = nullGroup;
            this.accumulators = accumulators;
        }

        @Override
        public int groupCount()
        {
            return groupCount;
        }

        @Override
        public void validate()
        {
            for (GroupAccumulator accumulator : accumulators) {
                accumulator.validate(groupCount);
            }
        }

        @Override
        public List<OutputField> fields()
        {
            List<OutputField> fields = new ArrayList<>(1 + accumulators.length);
            fields.add(new KeyField());
            for (GroupAccumulator accumulator : accumulators) {
                fields.add(new GroupedAggregation.AggregateField(accumulator));
            }
            return fields;
        }

        private final class KeyField
                implements OutputField
        {
            @Override
            public boolean isNull(long group)
            {
                return group == nullGroup;
            }

            @Override
            public int compareNonNull(long left, long right)
            {
                return keys[(int) left].compareTo(keys[(int) right]);
            }

            @Override
            public Object value(long group)
            {
                return keys[(int) group];
            }
        }
    }
}
