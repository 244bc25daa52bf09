package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionarySortKeys;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.StringVector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decides when a string column is worth a dictionary and builds it. Segments written to disk and segments kept in
 * memory right after a commit use the same rule, so both have the same shape.
 * <p>
 * A column gets one when its distinct values are at most 80% of its non-NULL rows (ORC's default rule), however
 * many they are: a high-cardinality column (customers, URLs) of a large compacted segment then holds each value once
 * instead of once per row, and the executor groups and counts it on codes, merging the segments' sorted dictionaries
 * instead of hashing every row. Columns of mostly distinct values (ids, usually the fresh rows of one commit) stay
 * plain.
 */
public final class StringDictionaries
{
    /** Codes index per-segment arrays in the executor; this bounds them. */
    public static final int MAX_DICTIONARY_SIZE = 1 << 24;
    /** The dictionary is one page: its strings' total length (in UTF-16 units) stays far below a page's limit. */
    static final long MAX_DICTIONARY_CHARS = 1L << 27;
    /** Below this many rows the exact attempt is cheap enough to make without first estimating the distinct count. */
    private static final int ESTIMATE_FROM_ROWS = 1 << 16;
    private static final int UTF8_ESTIMATE_FROM_ROWS = 1 << 10;
    private static final int MAX_ESTIMATE_BITS = 1 << 24;
    /** Values sampled to tell a mostly-distinct column before deciding how to estimate it. */
    private static final int SAMPLE_ROWS = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private StringDictionaries() {}

    /** A column with at most {@link #MAX_DICTIONARY_SIZE} distinct values, and at most 80% as many as non-NULL rows. */
    public static boolean isFewDistinct(int distinctCount, int nonNullCount)
    {
        return distinctCount <= maximumDistinct(nonNullCount);
    }

    private static int maximumDistinct(int nonNullCount)
    {
        return (int) Math.min(MAX_DICTIONARY_SIZE, 4L * nonNullCount / 5);
    }

    /** A {@link DictionaryVector} with a sorted dictionary when {@link #isFewDistinct} holds, else the input itself. */
    public static ColumnVector encodeIfFewDistinct(StringVector strings)
    {
        return encodeIfFewDistinct(strings, MAX_DICTIONARY_CHARS);
    }

    /**
     * What a segment keeps of a string column: a dictionary vector when {@link #isFewDistinct} holds, else the
     * UTF-8 form (plain strings only when a value holds an unpaired surrogate).
     */
    public static ColumnVector compact(StringVector strings)
    {
        if (strings.isUtf8()) {
            return encodeIfFewDistinct(strings);
        }
        StringVector utf8 = null;
        if (looksMostlyDistinct(strings.values(), strings.size())) {
            // Estimated on the bytes, a mostly distinct column is not walked string by string (a cache miss each)
            // a second time; if it has few distinct values after all, its own strings make the dictionary.
            utf8 = strings.toUtf8();
            if (utf8 != strings && estimatedManyDistinct(utf8)) {
                return utf8;
            }
        }
        ColumnVector encoded = encodeIfFewDistinct(strings);
        if (encoded instanceof DictionaryVector) {
            return encoded;
        }
        return utf8 != null ? utf8 : strings.toUtf8();
    }

    /**
     * Whether the values, sampled evenly ({@link #SAMPLE_ROWS} at most), hardly ever repeat. A column with D distinct
     * values shows about s * s / 2D repeats in a sample of s, so only columns with far fewer distinct values than
     * rows are told apart here; {@link #compact} decides the others on an estimate.
     */
    private static boolean looksMostlyDistinct(String[] values, int rowCount)
    {
        int[] table = new int[2 * SAMPLE_ROWS];
        boolean[] used = new boolean[table.length];
        int mask = table.length - 1;
        int sampled = 0;
        int distinct = 0;
        int stride = Math.max(1, rowCount / SAMPLE_ROWS);
        for (int row = 0; row < rowCount && sampled < SAMPLE_ROWS; row += stride) {
            String value = values[row];
            if (value == null) {
                continue;
            }
            sampled++;
            int hash = value.hashCode();
            int slot = mix(hash) & mask;
            while (used[slot] && table[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            if (!used[slot]) {
                used[slot] = true;
                table[slot] = hash;
                distinct++;
            }
        }
        return sampled > 0 && distinct * 100L > sampled * 97L;
    }

    /** {@link #encodeIfFewDistinct(StringVector)} for a string column; any other column is returned as it is. */
    public static ColumnVector encodeIfFewDistinct(ColumnVector column)
    {
        return column instanceof StringVector strings ? encodeIfFewDistinct(strings) : column;
    }

    /** With the limit on the dictionary's total length as a parameter, for tests. */
    static ColumnVector encodeIfFewDistinct(StringVector strings, long maximumDictionaryChars)
    {
        int rowCount = strings.size();
        if (rowCount == 0) {
            return strings;
        }
        if (strings.isUtf8()) {
            return encodeUtf8IfFewDistinct(strings, maximumDictionaryChars);
        }
        String[] values = strings.values();
        int nonNullCount = 0;
        for (int row = 0; row < rowCount; row++) {
            nonNullCount += values[row] == null ? 0 : 1;
        }
        int limit = maximumDistinct(nonNullCount);
        // Mostly-distinct columns would fill a table of 80% of the values before failing: a cheap estimate (within a
        // percent or so) turns them away first; near the limit the exact count decides.
        if (nonNullCount >= ESTIMATE_FROM_ROWS && estimateDistinct(values, rowCount) > limit * 1.05) {
            return strings;
        }
        Encoder encoder = new Encoder(values, rowCount, limit, maximumDictionaryChars);
        return encoder.encode() ? encoder.sortedVector() : strings;
    }

    private static ColumnVector encodeUtf8IfFewDistinct(StringVector strings, long maximumDictionaryChars)
    {
        if (estimatedManyDistinct(strings)) {
            return strings;
        }
        // Tiny, or a compaction of plain segments whose values repeat across them: strings only while encoding.
        Encoder encoder = new Encoder(strings.decodedValues(), strings.size(), maximumDistinct(nonNullCount(strings)), maximumDictionaryChars);
        return encoder.encode() ? encoder.sortedVector() : strings;
    }

    /**
     * Whether a UTF-8 column clearly has too many distinct values for a dictionary, estimated on its bytes: reading
     * bytes in order is cheap, making strings is not, so this applies from far fewer rows than for strings.
     */
    private static boolean estimatedManyDistinct(StringVector strings)
    {
        int nonNullCount = nonNullCount(strings);
        return nonNullCount >= UTF8_ESTIMATE_FROM_ROWS
                && estimateDistinct(strings.utf8Bytes(), strings.utf8Offsets(), strings.utf8Nulls(), strings.size()) > maximumDistinct(nonNullCount) * 1.05;
    }

    private static int nonNullCount(StringVector strings)
    {
        boolean[] nulls = strings.utf8Nulls();
        int nonNullCount = strings.size();
        if (nulls != null) {
            for (int row = 0; row < strings.size(); row++) {
                nonNullCount -= nulls[row] ? 1 : 0;
            }
        }
        return nonNullCount;
    }

    /** {@link #estimateDistinct(String[], int)} over UTF-8 values: hashes of their bytes, read in order. */
    static double estimateDistinct(byte[] bytes, int[] offsets, boolean[] nulls, int rowCount)
    {
        int bits = Math.min(MAX_ESTIMATE_BITS, Integer.highestOneBit(Math.max(64, rowCount - 1)) << 1);
        int shift = 32 - Integer.numberOfTrailingZeros(bits);
        long[] bitmap = new long[bits / 64];
        for (int row = 0; row < rowCount; row++) {
            if (nulls == null || !nulls[row]) {
                int bit = (int) (hashBytes(bytes, offsets[row], offsets[row + 1]) >>> 32) >>> shift;
                bitmap[bit >>> 6] |= 1L << bit;
            }
        }
        return linearCount(bitmap, bits);
    }

    private static long hashBytes(byte[] bytes, int from, int to)
    {
        long hash = 0x9E3779B97F4A7C15L ^ (to - from);
        int position = from;
        for (; position + Long.BYTES <= to; position += Long.BYTES) {
            hash = (hash ^ (long) LONGS.get(bytes, position)) * 0xC2B2AE3D27D4EB4FL;
            hash ^= hash >>> 29;
        }
        long tail = 0;
        for (; position < to; position++) {
            tail = (tail << 8) | (bytes[position] & 0xFF);
        }
        hash = (hash ^ tail) * 0x9E3779B97F4A7C15L;
        hash ^= hash >>> 32;
        hash *= 0xC2B2AE3D27D4EB4FL;
        return hash ^ (hash >>> 29);
    }

    /**
     * Linear counting over the strings' hash codes: the share of bits left unset in a bitmap about as large as the
     * column gives the distinct count.
     */
    static double estimateDistinct(String[] values, int rowCount)
    {
        int bits = Math.min(MAX_ESTIMATE_BITS, Integer.highestOneBit(Math.max(64, rowCount - 1)) << 1);
        int shift = 32 - Integer.numberOfTrailingZeros(bits);
        long[] bitmap = new long[bits / 64];
        for (int row = 0; row < rowCount; row++) {
            String value = values[row];
            if (value != null) {
                int bit = mix(value.hashCode()) >>> shift;
                bitmap[bit >>> 6] |= 1L << bit;
            }
        }
        return linearCount(bitmap, bits);
    }

    private static double linearCount(long[] bitmap, int bits)
    {
        long set = 0;
        for (long word : bitmap) {
            set += Long.bitCount(word);
        }
        if (set == bits) {
            return Double.POSITIVE_INFINITY;
        }
        return -bits * Math.log((double) (bits - set) / bits);
    }

    /** Murmur3's finalizer: hash codes of similar strings are far from random, and the estimate assumes random bits. */
    private static int mix(int hash)
    {
        int mixed = (hash ^ (hash >>> 16)) * 0x85EBCA6B;
        mixed = (mixed ^ (mixed >>> 13)) * 0xC2B2AE35;
        return mixed ^ (mixed >>> 16);
    }

    /**
     * Codes in order of first appearance from an open-addressing table whose slots pack a value's hash (high half)
     * with its code + 1 (low half, 0 = empty), so a probe compares strings only when the hashes agree; rows go
     * through it in batches, in passes (hashes and slots, then candidates, then comparisons), so that the cache
     * misses of different rows overlap. Then the codes are remapped to sorted order.
     */
    private static final class Encoder
    {
        private static final int BATCH = 1024;

        private final String[] values;
        private final int rowCount;
        private final int limit;
        private final long maximumChars;
        private final int[] codes;
        private String[] distinct = new String[16];
        private int distinctCount;
        private long distinctChars;
        private long[] table;
        private int mask;
        private int shift;

        private Encoder(String[] values, int rowCount, int limit, long maximumChars)
        {
            this.values = values;
            this.rowCount = rowCount;
            this.limit = limit;
            this.maximumChars = maximumChars;
            this.codes = new int[rowCount];
            allocateTable(64);
        }

        private void allocateTable(int capacity)
        {
            table = new long[capacity];
            mask = capacity - 1;
            shift = 32 - Integer.numberOfTrailingZeros(capacity);
        }

        /** Assigns every row its first-appearance code; false when the column has too many distinct values. */
        private boolean encode()
        {
            String[] values = this.values;
            int[] codes = this.codes;
            int[] hashes = new int[BATCH];
            long[] entries = new long[BATCH];
            String[] candidates = new String[BATCH];
            for (int start = 0; start < rowCount; start += BATCH) {
                int count = Math.min(BATCH, rowCount - start);
                long[] table = this.table;
                for (int i = 0; i < count; i++) {
                    String value = values[start + i];
                    int hash = value == null ? 0 : value.hashCode();
                    hashes[i] = hash;
                    entries[i] = table[mix(hash) >>> shift];
                }
                for (int i = 0; i < count; i++) {
                    long entry = entries[i];
                    candidates[i] = entry != 0 && (int) (entry >>> 32) == hashes[i] ? distinct[(int) entry - 1] : null;
                }
                for (int i = 0; i < count; i++) {
                    String value = values[start + i];
                    String candidate = candidates[i];
                    candidates[i] = null;
                    if (value == null) {
                        codes[start + i] = DictionaryVector.NULL_CODE;
                    }
                    else if (candidate != null && (candidate == value || candidate.equals(value))) {
                        // Codes never change, so a hit stays right even if an earlier row of the batch grew the table.
                        codes[start + i] = (int) entries[i] - 1;
                    }
                    else {
                        int code = codeOf(value, hashes[i]);
                        if (code < 0) {
                            return false;
                        }
                        codes[start + i] = code;
                    }
                }
            }
            return true;
        }

        /** The value's code, added when new; -1 when adding it would break a limit. */
        private int codeOf(String value, int hash)
        {
            int slot = mix(hash) >>> shift;
            while (true) {
                long entry = table[slot];
                if (entry == 0) {
                    return add(slot, hash, value);
                }
                if ((int) (entry >>> 32) == hash) {
                    int code = (int) entry - 1;
                    String candidate = distinct[code];
                    if (candidate == value || candidate.equals(value)) {
                        return code;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }

        private int add(int slot, int hash, String value)
        {
            distinctChars += value.length();
            if (distinctCount == limit || distinctChars > maximumChars) {
                return -1;
            }
            if (distinctCount == distinct.length) {
                distinct = Arrays.copyOf(distinct, (int) Math.min(limit, 2L * distinct.length));
            }
            int code = distinctCount++;
            distinct[code] = value;
            table[slot] = ((long) hash << 32) | (code + 1);
            if (2 * distinctCount > table.length) {
                rehash();
            }
            return code;
        }

        private void rehash()
        {
            long[] oldTable = table;
            allocateTable(oldTable.length * 2);
            for (long entry : oldTable) {
                if (entry == 0) {
                    continue;
                }
                int slot = mix((int) (entry >>> 32)) >>> shift;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = entry;
            }
        }

        private DictionaryVector sortedVector()
        {
            int[] order = sortedOrder();
            String[] dictionary = new String[distinctCount];
            int[] sortedCodes = new int[distinctCount];
            for (int sorted = 0; sorted < distinctCount; sorted++) {
                dictionary[sorted] = distinct[order[sorted]];
                sortedCodes[order[sorted]] = sorted;
            }
            int[] codes = this.codes;
            for (int row = 0; row < rowCount; row++) {
                int code = codes[row];
                if (code != DictionaryVector.NULL_CODE) {
                    codes[row] = sortedCodes[code];
                }
            }
            return new DictionaryVector(codes, dictionary, rowCount);
        }

        /**
         * The first-appearance codes in value order. Sorting a million strings compares them through two pointers
         * each time; instead each gets a {@link DictionarySortKeys} key, the keys are radix sorted, and only runs
         * of equal keys (values too long for their key to tell apart) are sorted as strings.
         */
        private int[] sortedOrder()
        {
            int count = distinctCount;
            int prefix = count == 0 ? 0 : distinct[0].length();
            for (int code = 1; code < count && prefix > 0; code++) {
                prefix = Math.min(prefix, DictionarySortKeys.commonPrefixLength(distinct[0], distinct[code]));
            }
            int bitsPerChar = 8;
            for (int code = 0; code < count && bitsPerChar == 8; code++) {
                bitsPerChar = DictionarySortKeys.isLatin1(distinct[code], prefix) ? 8 : 16;
            }
            long[] keys = new long[count];
            int[] order = new int[count];
            for (int code = 0; code < count; code++) {
                keys[code] = DictionarySortKeys.key(distinct[code], prefix, bitsPerChar);
                order[code] = code;
            }
            radixSort(keys, order);
            int runStart = 0;
            for (int index = 1; index <= count; index++) {
                if (index == count || keys[index] != keys[runStart]) {
                    if (index - runStart > 1) {
                        sortRun(order, runStart, index);
                    }
                    runStart = index;
                }
            }
            return order;
        }

        /** Orders codes whose keys tie by their values; distinct values with one key are never equal. */
        private void sortRun(int[] order, int from, int to)
        {
            String[] run = new String[to - from];
            for (int index = from; index < to; index++) {
                run[index - from] = distinct[order[index]];
            }
            Arrays.sort(run);
            for (int index = from; index < to; index++) {
                String value = run[index - from];
                order[index] = codeOf(value, value.hashCode());
            }
        }
    }

    /** Sorts the keys as unsigned longs, least significant byte first, moving each entry of {@code order} along. */
    static void radixSort(long[] keys, int[] order)
    {
        int count = keys.length;
        long[] otherKeys = new long[count];
        int[] otherOrder = new int[count];
        int[] positions = new int[257];
        for (int shift = 0; shift < Long.SIZE; shift += 8) {
            Arrays.fill(positions, 0);
            for (long key : keys) {
                positions[(int) ((key >>> shift) & 0xFF) + 1]++;
            }
            if (positions[(int) ((keys.length == 0 ? 0 : keys[0] >>> shift) & 0xFF) + 1] == count) {
                // Every key has the same byte here: nothing moves.
                continue;
            }
            for (int bucket = 1; bucket < positions.length; bucket++) {
                positions[bucket] += positions[bucket - 1];
            }
            for (int index = 0; index < count; index++) {
                int bucket = (int) ((keys[index] >>> shift) & 0xFF);
                int position = positions[bucket]++;
                otherKeys[position] = keys[index];
                otherOrder[position] = order[index];
            }
            System.arraycopy(otherKeys, 0, keys, 0, count);
            System.arraycopy(otherOrder, 0, order, 0, count);
        }
    }
}
