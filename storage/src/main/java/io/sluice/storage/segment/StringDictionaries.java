package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.StringVector;

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
    private static final int MAX_ESTIMATE_BITS = 1 << 24;

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
     * Codes in order of first appearance from an open-addressing table of code + 1 (0 = empty), with each value's
     * hash kept beside it so a probe compares strings only when the hashes agree; then remapped to sorted order.
     */
    private static final class Encoder
    {
        private final String[] values;
        private final int rowCount;
        private final int limit;
        private final long maximumChars;
        private final int[] codes;
        private String[] distinct = new String[16];
        private int[] distinctHashes = new int[16];
        private int distinctCount;
        private long distinctChars;
        private int[] table;
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
            table = new int[capacity];
            mask = capacity - 1;
            shift = 32 - Integer.numberOfTrailingZeros(capacity);
        }

        /** Assigns every row its first-appearance code; false when the column has too many distinct values. */
        private boolean encode()
        {
            String[] values = this.values;
            int[] codes = this.codes;
            for (int row = 0; row < rowCount; row++) {
                String value = values[row];
                if (value == null) {
                    codes[row] = DictionaryVector.NULL_CODE;
                    continue;
                }
                int code = codeOf(value);
                if (code < 0) {
                    return false;
                }
                codes[row] = code;
            }
            return true;
        }

        /** The value's code, added when new; -1 when adding it would break a limit. */
        private int codeOf(String value)
        {
            int hash = value.hashCode();
            int slot = mix(hash) >>> shift;
            while (true) {
                int entry = table[slot];
                if (entry == 0) {
                    return add(slot, hash, value);
                }
                int code = entry - 1;
                if (distinctHashes[code] == hash) {
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
                int length = (int) Math.min(limit, 2L * distinct.length);
                distinct = Arrays.copyOf(distinct, length);
                distinctHashes = Arrays.copyOf(distinctHashes, length);
            }
            int code = distinctCount++;
            distinct[code] = value;
            distinctHashes[code] = hash;
            table[slot] = code + 1;
            if (2 * distinctCount > table.length) {
                rehash();
            }
            return code;
        }

        private void rehash()
        {
            allocateTable(table.length * 2);
            for (int code = 0; code < distinctCount; code++) {
                int slot = mix(distinctHashes[code]) >>> shift;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = code + 1;
            }
        }

        private DictionaryVector sortedVector()
        {
            String[] dictionary = Arrays.copyOf(distinct, distinctCount);
            Arrays.sort(dictionary);
            int[] sortedCodes = new int[distinctCount];
            for (int sorted = 0; sorted < distinctCount; sorted++) {
                sortedCodes[codeOf(dictionary[sorted])] = sorted;
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
    }
}
