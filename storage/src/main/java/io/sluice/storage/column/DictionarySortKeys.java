package io.sluice.storage.column;

/**
 * Fixed-width sort keys of a sorted dictionary's values, so that merging dictionaries compares longs instead of
 * chasing two strings per comparison. Every value of a sorted dictionary starts with the prefix its first and last
 * values share; a value's key packs the characters after that prefix (7 of 8 bits, or 3 of 16 bits when one is
 * beyond Latin-1) and, in the low byte, how many characters it has after the prefix, or {@link #LONGER} when more
 * than fit. Unsigned key order is {@link String#compareTo} order except where two keys are equal and end in
 * {@link #LONGER}: only those values need comparing as strings. Equal keys that do not end in {@link #LONGER} are
 * equal values.
 */
public final class DictionarySortKeys
{
    public static final int LONGER = 0xFF;

    private final int prefixLength;
    private final int bitsPerChar;
    private final long[] keys;

    private DictionarySortKeys(int prefixLength, int bitsPerChar, long[] keys)
    {
        this.prefixLength = prefixLength;
        this.bitsPerChar = bitsPerChar;
        this.keys = keys;
    }

    /** The keys of the dictionary's values after the prefix its first and last values share. */
    static DictionarySortKeys of(DictionaryVector dictionary)
    {
        int size = dictionary.dictionarySize();
        int prefix = size == 0 ? 0 : commonPrefixLength(dictionary.dictionaryValue(0), dictionary.dictionaryValue(size - 1));
        DictionarySortKeys keys = of(dictionary, prefix, 8);
        return keys != null ? keys : of(dictionary, prefix, 16);
    }

    /**
     * The keys of the dictionary's values after their first {@code prefixLength} characters, which the caller
     * knows they all share, with {@code bitsPerChar} (8 or 16) bits per character; null when 8 bits are too few.
     */
    public static DictionarySortKeys of(DictionaryVector dictionary, int prefixLength, int bitsPerChar)
    {
        if (bitsPerChar != 8 && bitsPerChar != 16) {
            throw new IllegalArgumentException("8 or 16 bits per character, not " + bitsPerChar);
        }
        long[] keys = new long[dictionary.dictionarySize()];
        for (int code = 0; code < keys.length; code++) {
            String value = dictionary.dictionaryValue(code);
            if (bitsPerChar == 8 && !isLatin1(value, prefixLength)) {
                return null;
            }
            keys[code] = key(value, prefixLength, bitsPerChar);
        }
        return new DictionarySortKeys(prefixLength, bitsPerChar, keys);
    }

    /** Whether the characters an 8-bit key of the value takes after {@code prefixLength} are all Latin-1. */
    public static boolean isLatin1(String value, int prefixLength)
    {
        int end = Math.min(value.length(), prefixLength + charsPerKey(8));
        for (int index = prefixLength; index < end; index++) {
            if (value.charAt(index) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key of a value after its first {@code prefixLength} characters, with {@code bitsPerChar} (8 or 16) bits
     * per character; for 8, the caller has checked {@link #isLatin1}.
     */
    public static long key(String value, int prefixLength, int bitsPerChar)
    {
        int chars = charsPerKey(bitsPerChar);
        int length = value.length();
        long key = 0;
        for (int index = prefixLength; index < prefixLength + chars; index++) {
            key = (key << bitsPerChar) | (index < length ? value.charAt(index) : 0);
        }
        int tail = length - prefixLength;
        return (key << 8) | (tail <= chars ? tail : LONGER);
    }

    public static int commonPrefixLength(String left, String right)
    {
        int limit = Math.min(left.length(), right.length());
        int prefix = 0;
        while (prefix < limit && left.charAt(prefix) == right.charAt(prefix)) {
            prefix++;
        }
        return prefix;
    }

    private static int charsPerKey(int bitsPerChar)
    {
        return bitsPerChar == 8 ? 7 : 3;
    }

    /** How many leading characters the keys leave out. */
    public int prefixLength()
    {
        return prefixLength;
    }

    public int bitsPerChar()
    {
        return bitsPerChar;
    }

    /** The key of each code; do not modify. */
    public long[] keys()
    {
        return keys;
    }
}
