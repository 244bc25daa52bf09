package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.StringVector;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a string column is worth a dictionary and builds it. Segments written to disk and segments kept in
 * memory right after a commit use the same rule, so both have the same shape.
 */
public final class StringDictionaries
{
    /** Codes stay small enough to aggregate into code-indexed arrays. */
    public static final int MAX_DICTIONARY_SIZE = 65536;

    private StringDictionaries() {}

    /** A column with at most {@link #MAX_DICTIONARY_SIZE} distinct values and at most half as many as rows. */
    public static boolean isFewDistinct(int distinctCount, int rowCount)
    {
        return rowCount > 0 && distinctCount <= MAX_DICTIONARY_SIZE && 2L * distinctCount <= rowCount;
    }

    /** A {@link DictionaryVector} with a sorted dictionary when {@link #isFewDistinct} holds, else the input itself. */
    public static ColumnVector encodeIfFewDistinct(StringVector strings)
    {
        int rowCount = strings.size();
        if (rowCount == 0) {
            return strings;
        }
        int limit = Math.min(MAX_DICTIONARY_SIZE, rowCount / 2);
        String[] values = strings.values();
        int[] codes = new int[rowCount];
        // Codes in order of first appearance for now; remapped to sorted order once the distinct values are known.
        Map<String, Integer> codesByValue = new HashMap<>();
        String[] distinct = new String[Math.min(limit, 256)];
        int distinctCount = 0;
        for (int row = 0; row < rowCount; row++) {
            String value = values[row];
            if (value == null) {
                codes[row] = DictionaryVector.NULL_CODE;
                continue;
            }
            Integer code = codesByValue.get(value);
            if (code == null) {
                if (distinctCount == limit) {
                    return strings;
                }
                if (distinctCount == distinct.length) {
                    distinct = Arrays.copyOf(distinct, Math.min(limit, distinct.length * 2));
                }
                code = distinctCount;
                distinct[distinctCount++] = value;
                codesByValue.put(value, code);
            }
            codes[row] = code;
        }
        String[] dictionary = Arrays.copyOf(distinct, distinctCount);
        Arrays.sort(dictionary);
        int[] sortedCodes = new int[distinctCount];
        for (int sorted = 0; sorted < distinctCount; sorted++) {
            sortedCodes[codesByValue.get(dictionary[sorted])] = sorted;
        }
        for (int row = 0; row < rowCount; row++) {
            int code = codes[row];
            if (code != DictionaryVector.NULL_CODE) {
                codes[row] = sortedCodes[code];
            }
        }
        return new DictionaryVector(codes, dictionary, rowCount);
    }

    /** {@link #encodeIfFewDistinct(StringVector)} for a string column; any other column is returned as it is. */
    public static ColumnVector encodeIfFewDistinct(ColumnVector column)
    {
        return column instanceof StringVector strings ? encodeIfFewDistinct(strings) : column;
    }
}
