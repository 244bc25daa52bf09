package io.sluice.storage.column;

import static java.util.Objects.requireNonNull;

/**
 * Strings whose values repeat (a few categories, or a million customers over ten million rows): a code per row into
 * a sorted dictionary ({@code -1} is NULL). Because the dictionary is sorted, comparisons and MIN/MAX can run on
 * codes, GROUP BY can aggregate into code-indexed arrays, and segments' dictionaries merge without hashing.
 */
public final class DictionaryVector
        implements ColumnVector
{
    public static final int NULL_CODE = -1;

    private final int[] codes;
    private final String[] dictionary;
    private final int size;
    // Computed on first use (a benign race: two threads compute the same keys).
    private DictionarySortKeys sortKeys;

    public DictionaryVector(int[] codes, String[] dictionary, int size)
    {
        this.codes = requireNonNull(codes, "codes is null");
        this.dictionary = requireNonNull(dictionary, "dictionary is null");
        if (size < 0 || size > codes.length) {
            throw new IllegalArgumentException("size " + size + " exceeds the array");
        }
        for (int i = 1; i < dictionary.length; i++) {
            if (dictionary[i - 1].compareTo(dictionary[i]) >= 0) {
                throw new IllegalArgumentException("dictionary is not sorted and distinct at " + i);
            }
        }
        this.size = size;
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public boolean isNull(int position)
    {
        return codes[position] == NULL_CODE;
    }

    public int code(int position)
    {
        return codes[position];
    }

    /** The codes array itself, for vectorized loops; do not modify. Only the first {@link #size()} entries count. */
    public int[] codes()
    {
        return codes;
    }

    public int dictionarySize()
    {
        return dictionary.length;
    }

    public String dictionaryValue(int code)
    {
        return dictionary[code];
    }

    /** Fixed-width sort keys of the dictionary's values, computed on first use, for merging dictionaries fast. */
    public DictionarySortKeys sortKeys()
    {
        DictionarySortKeys keys = sortKeys;
        if (keys == null) {
            keys = DictionarySortKeys.of(this);
            sortKeys = keys;
        }
        return keys;
    }

    public String value(int position)
    {
        int code = codes[position];
        return code == NULL_CODE ? null : dictionary[code];
    }

    @Override
    public Object objectValue(int position)
    {
        return value(position);
    }
}
