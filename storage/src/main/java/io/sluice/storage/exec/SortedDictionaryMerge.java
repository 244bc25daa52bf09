package io.sluice.storage.exec;

import io.sluice.storage.column.DictionarySortKeys;
import io.sluice.storage.column.DictionaryVector;

import java.util.Arrays;
import java.util.List;

/**
 * The union of several segments' sorted dictionaries, each restricted to the codes a query selected, as one sorted
 * sequence of distinct values: a k-way merge that reads every dictionary in order and hashes nothing. Each value
 * gets an index in the union, and each input a map from its codes to those indexes.
 * <p>
 * Matches compare the dictionaries' {@link DictionarySortKeys} (longs) and strings only where those tie. Large
 * merges are split by value ranges, one per core: each range is merged on its own and the indexes of later ranges
 * are shifted by the values of earlier ones, so the result does not depend on the split.
 */
final class SortedDictionaryMerge
{
    private final String[] keys;
    private final int keyCount;
    private final int[][] indexesByCode;
    // Value ranges: bounds[range][input] is the range's first code of the input; offsets[range] its first index.
    private final int[][] bounds;
    private final int[] offsets;

    private SortedDictionaryMerge(String[] keys, int keyCount, int[][] indexesByCode, int[][] bounds, int[] offsets)
    {
        this.keys = keys;
        this.keyCount = keyCount;
        this.indexesByCode = indexesByCode;
        this.bounds = bounds;
        this.offsets = offsets;
    }

    /** One value range covering every code. */
    private static int[][] wholeRange(List<DictionaryVector> dictionaries)
    {
        int[][] bounds = new int[2][dictionaries.size()];
        for (int input = 0; input < dictionaries.size(); input++) {
            bounds[1][input] = dictionaries.get(input).dictionarySize();
        }
        return bounds;
    }

    /**
     * @param selected per dictionary, whether each code was selected, at index code + 1 (index 0, NULL, is ignored)
     */
    static SortedDictionaryMerge merge(List<DictionaryVector> dictionaries, List<boolean[]> selected, MergeParallelism parallelism)
    {
        if (dictionaries.size() != selected.size()) {
            throw new IllegalArgumentException(dictionaries.size() + " dictionaries with " + selected.size() + " selections");
        }
        int inputs = dictionaries.size();
        long selectedCount = 0;
        int[][] indexesByCode = new int[inputs][];
        for (int input = 0; input < inputs; input++) {
            int size = dictionaries.get(input).dictionarySize();
            boolean[] codes = selected.get(input);
            if (codes.length != size + 1) {
                throw new IllegalArgumentException("selection of " + codes.length + " for a dictionary of " + size);
            }
            for (int index = 1; index < codes.length; index++) {
                selectedCount += codes[index] ? 1 : 0;
            }
            indexesByCode[input] = new int[size];
        }
        if (inputs <= 1) {
            String[] keys = new String[(int) selectedCount];
            int count = inputs == 0 ? 0 : single(dictionaries.get(0), selected.get(0), keys, indexesByCode[0]);
            return new SortedDictionaryMerge(keys, count, indexesByCode, wholeRange(dictionaries), new int[] {0, count});
        }
        Inputs all = new Inputs(dictionaries.toArray(new DictionaryVector[0]), selected.toArray(new boolean[0][]));
        int ranges = parallelism.partsFor(selectedCount);
        int[][] bounds = all.split(ranges);
        List<String[]> rangeKeys = ParallelWork.run(ranges, range -> {
            String[] keys = new String[(int) Math.min(Integer.MAX_VALUE - 16, all.selectedBetween(bounds[range], bounds[range + 1]))];
            int count = new Tournament(all, bounds[range], bounds[range + 1]).merge(keys, indexesByCode);
            return Arrays.copyOf(keys, count);
        });
        int total = 0;
        for (String[] keys : rangeKeys) {
            total += keys.length;
        }
        String[] keys = new String[total];
        int[] offsets = new int[ranges + 1];
        for (int range = 0; range < ranges; range++) {
            String[] part = rangeKeys.get(range);
            System.arraycopy(part, 0, keys, offsets[range], part.length);
            if (range > 0) {
                all.shiftIndexes(bounds[range], bounds[range + 1], indexesByCode, offsets[range]);
            }
            offsets[range + 1] = offsets[range] + part.length;
        }
        return new SortedDictionaryMerge(keys, total, indexesByCode, bounds, offsets);
    }

    /** One dictionary is already sorted and distinct: its selected values in order. */
    private static int single(DictionaryVector dictionary, boolean[] selected, String[] keys, int[] indexes)
    {
        int count = 0;
        for (int code = 0; code < indexes.length; code++) {
            if (selected[code + 1]) {
                indexes[code] = count;
                keys[count++] = dictionary.dictionaryValue(code);
            }
        }
        return count;
    }

    /** The distinct values, ascending, in {@code keys()[0..keyCount())}. */
    String[] keys()
    {
        return keys;
    }

    int keyCount()
    {
        return keyCount;
    }

    /** The index in {@link #keys()} of each selected code of input {@code input}; other codes hold garbage. */
    int[] indexesByCode(int input)
    {
        return indexesByCode[input];
    }

    /**
     * How many value ranges the merge ran in: range r holds the indexes {@code [firstIndex(r), firstIndex(r + 1))}
     * and, of each input, the codes {@code [firstCode(r, input), firstCode(r + 1, input))}, so work on the merged
     * values can be split the same way without two threads touching one value.
     */
    int rangeCount()
    {
        return offsets.length - 1;
    }

    int firstIndex(int range)
    {
        return offsets[range];
    }

    int firstCode(int range, int input)
    {
        return bounds[range][input];
    }

    /** The dictionaries with their selections and sort keys that compare across all of them. */
    private static final class Inputs
    {
        private final DictionaryVector[] dictionaries;
        private final boolean[][] selected;
        private final long[][] sortKeys;

        private Inputs(DictionaryVector[] dictionaries, boolean[][] selected)
        {
            this.dictionaries = dictionaries;
            this.selected = selected;
            this.sortKeys = new long[dictionaries.length][];
            // Every value of every dictionary shares the prefix of the smallest and the largest value; each
            // dictionary's own keys usually leave out exactly that prefix and are reused, the others are computed.
            String smallest = null;
            String largest = null;
            for (DictionaryVector dictionary : dictionaries) {
                int size = dictionary.dictionarySize();
                if (size > 0) {
                    String first = dictionary.dictionaryValue(0);
                    String last = dictionary.dictionaryValue(size - 1);
                    smallest = smallest == null || first.compareTo(smallest) < 0 ? first : smallest;
                    largest = largest == null || last.compareTo(largest) > 0 ? last : largest;
                }
            }
            int prefix = smallest == null ? 0 : DictionarySortKeys.commonPrefixLength(smallest, largest);
            if (!useKeys(prefix, 8)) {
                useKeys(prefix, 16);
            }
        }

        private boolean useKeys(int prefix, int bitsPerChar)
        {
            for (int input = 0; input < dictionaries.length; input++) {
                DictionarySortKeys own = dictionaries[input].sortKeys();
                DictionarySortKeys keys = own.prefixLength() == prefix && own.bitsPerChar() == bitsPerChar
                        ? own
                        : DictionarySortKeys.of(dictionaries[input], prefix, bitsPerChar);
                if (keys == null) {
                    return false;
                }
                sortKeys[input] = keys.keys();
            }
            return true;
        }

        /**
         * Code bounds of {@code ranges} value ranges, {@code bounds[range][input]} the first code of the range:
         * range boundaries are values at even steps through the largest dictionary, and every dictionary splits
         * before its first value not below each boundary, so equal values always fall in the same range.
         */
        private int[][] split(int ranges)
        {
            int largest = 0;
            for (int input = 1; input < dictionaries.length; input++) {
                if (dictionaries[input].dictionarySize() > dictionaries[largest].dictionarySize()) {
                    largest = input;
                }
            }
            int[][] bounds = new int[ranges + 1][dictionaries.length];
            for (int input = 0; input < dictionaries.length; input++) {
                bounds[ranges][input] = dictionaries[input].dictionarySize();
            }
            for (int range = 1; range < ranges; range++) {
                int pivotCode = (int) ((long) dictionaries[largest].dictionarySize() * range / ranges);
                for (int input = 0; input < dictionaries.length; input++) {
                    bounds[range][input] = Math.max(bounds[range - 1][input], firstNotBelow(input, largest, pivotCode));
                }
            }
            return bounds;
        }

        /** The first code of {@code input} whose value is not below the value of {@code pivotCode} in {@code pivotInput}. */
        private int firstNotBelow(int input, int pivotInput, int pivotCode)
        {
            int low = 0;
            int high = dictionaries[input].dictionarySize();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (compare(input, middle, pivotInput, pivotCode) < 0) {
                    low = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            return low;
        }

        private long selectedBetween(int[] from, int[] to)
        {
            long count = 0;
            for (int input = 0; input < dictionaries.length; input++) {
                boolean[] codes = selected[input];
                for (int code = from[input]; code < to[input]; code++) {
                    count += codes[code + 1] ? 1 : 0;
                }
            }
            return count;
        }

        private void shiftIndexes(int[] from, int[] to, int[][] indexesByCode, int shift)
        {
            for (int input = 0; input < dictionaries.length; input++) {
                boolean[] codes = selected[input];
                int[] indexes = indexesByCode[input];
                for (int code = from[input]; code < to[input]; code++) {
                    if (codes[code + 1]) {
                        indexes[code] += shift;
                    }
                }
            }
        }

        /** {@link String#compareTo} of two values, from their keys when those decide. */
        private int compare(int input, int code, int otherInput, int otherCode)
        {
            long key = sortKeys[input][code];
            long otherKey = sortKeys[otherInput][otherCode];
            if (key != otherKey) {
                return Long.compareUnsigned(key, otherKey);
            }
            if ((key & 0xFF) != DictionarySortKeys.LONGER) {
                return 0;
            }
            return dictionaries[input].dictionaryValue(code).compareTo(dictionaries[otherInput].dictionaryValue(otherCode));
        }
    }

    /**
     * A tournament (loser) tree over the inputs' codes in one value range: each internal node keeps the loser of
     * the match played there and the root the overall winner, the input with the smallest current value (exhausted
     * inputs lose every match, ties go to the lower input). Taking the winner's next value replays one match per
     * level, about log2(inputs) comparisons of two longs, half of what a binary heap needs.
     */
    private static final class Tournament
    {
        private final Inputs all;
        private final int inputs;
        private final int[] cursors;
        private final int[] ends;
        // The sort key at each input's cursor, so that a match reads two entries of one small array.
        private final long[] heads;
        // tree[0] is the winner; tree[1..inputs) the losers; input i is leaf inputs + i.
        private final int[] tree;

        private Tournament(Inputs all, int[] starts, int[] ends)
        {
            this.all = all;
            this.inputs = all.dictionaries.length;
            this.cursors = new int[inputs];
            this.ends = ends.clone();
            this.heads = new long[inputs];
            this.tree = new int[inputs];
            for (int input = 0; input < inputs; input++) {
                cursors[input] = starts[input] - 1;
                advance(input);
            }
            int[] winners = new int[2 * inputs];
            for (int input = 0; input < inputs; input++) {
                winners[inputs + input] = input;
            }
            for (int node = inputs - 1; node >= 1; node--) {
                int left = winners[2 * node];
                int right = winners[2 * node + 1];
                boolean leftWins = beats(left, right);
                winners[node] = leftWins ? left : right;
                tree[node] = leftWins ? right : left;
            }
            tree[0] = winners[1];
        }

        /** Writes the range's distinct values to {@code keys} and their range-local indexes; returns their count. */
        private int merge(String[] keys, int[][] indexesByCode)
        {
            int count = 0;
            int lastInput = -1;
            int lastCode = -1;
            long lastKey = 0;
            while (true) {
                int input = tree[0];
                int code = cursors[input];
                if (code >= ends[input]) {
                    return count;
                }
                long key = heads[input];
                // Within one input values strictly increase, so only a value from another input can repeat the last.
                boolean repeated = count > 0
                        && input != lastInput
                        && key == lastKey
                        && ((key & 0xFF) != DictionarySortKeys.LONGER || all.compare(input, code, lastInput, lastCode) == 0);
                if (!repeated) {
                    keys[count++] = all.dictionaries[input].dictionaryValue(code);
                }
                indexesByCode[input][code] = count - 1;
                lastInput = input;
                lastCode = code;
                lastKey = key;
                advance(input);
                replay(input);
            }
        }

        /** Plays the input's path to the root again after its value changed. */
        private void replay(int input)
        {
            int winner = input;
            for (int node = (inputs + input) >>> 1; node >= 1; node >>>= 1) {
                int loser = tree[node];
                if (beats(loser, winner)) {
                    tree[node] = winner;
                    winner = loser;
                }
            }
            tree[0] = winner;
        }

        /** Moves the input's cursor to its next selected code in the range, or to the range's end. */
        private void advance(int input)
        {
            boolean[] selected = all.selected[input];
            int end = ends[input];
            int code = cursors[input] + 1;
            while (code < end && !selected[code + 1]) {
                code++;
            }
            cursors[input] = code;
            if (code < end) {
                heads[input] = all.sortKeys[input][code];
            }
        }

        private boolean beats(int left, int right)
        {
            boolean leftDone = cursors[left] >= ends[left];
            boolean rightDone = cursors[right] >= ends[right];
            if (leftDone || rightDone) {
                return !leftDone || (rightDone && left < right);
            }
            long leftKey = heads[left];
            long rightKey = heads[right];
            if (leftKey != rightKey) {
                return Long.compareUnsigned(leftKey, rightKey) < 0;
            }
            if ((leftKey & 0xFF) != DictionarySortKeys.LONGER) {
                return left < right;
            }
            int order = all.dictionaries[left].dictionaryValue(cursors[left]).compareTo(all.dictionaries[right].dictionaryValue(cursors[right]));
            return order != 0 ? order < 0 : left < right;
        }
    }
}
