package io.sluice.loader.decode;

import java.nio.charset.StandardCharsets;

/**
 * Recently made Strings of one source column, so that a column with few distinct values (a status, a country, a
 * thousand product ids) hands the batch the same String instances instead of a new one per row. Two-way set
 * associative, short texts only. It watches its hit rate and stops looking when values rarely repeat (unique names,
 * timestamps), trying again later.
 */
final class StringCache
{
    private static final int SIZE_BITS = 11;
    private static final int SIZE = 1 << SIZE_BITS;
    private static final int MAXIMUM_LENGTH = 48;
    /** Lookups per verdict; below 1 hit in 4 the cache rests for {@link #REST} texts. */
    private static final int SAMPLE = 4096;
    private static final int REST = 1 << 20;

    private final String[] entries = new String[SIZE];
    private int lookups;
    private int hits;
    private int resting;

    String get(char[] chars, int start, int length)
    {
        if (length > MAXIMUM_LENGTH || resting > 0) {
            rest();
            return new String(chars, start, length);
        }
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int index = index(hash);
        String entry = entries[index];
        if (entry != null && entry.length() == length && matches(entry, chars, start, length)) {
            return hit(entry);
        }
        entry = entries[index + 1];
        if (entry != null && entry.length() == length && matches(entry, chars, start, length)) {
            return hit(entry);
        }
        return miss(index, new String(chars, start, length));
    }

    /** The same for ASCII bytes. */
    String get(byte[] bytes, int start, int length)
    {
        if (length > MAXIMUM_LENGTH || resting > 0) {
            rest();
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int index = index(hash);
        String entry = entries[index];
        if (entry != null && entry.length() == length && matches(entry, bytes, start, length)) {
            return hit(entry);
        }
        entry = entries[index + 1];
        if (entry != null && entry.length() == length && matches(entry, bytes, start, length)) {
            return hit(entry);
        }
        return miss(index, new String(bytes, start, length, StandardCharsets.ISO_8859_1));
    }

    /** The first entry of the text's set of two (Fibonacci hashing: similar texts land far apart). */
    private static int index(int hash)
    {
        return ((hash * 0x9E3779B9) >>> (32 - SIZE_BITS)) & ~1;
    }

    private static boolean matches(String entry, char[] chars, int start, int length)
    {
        for (int i = 0; i < length; i++) {
            if (entry.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String entry, byte[] bytes, int start, int length)
    {
        for (int i = 0; i < length; i++) {
            if (entry.charAt(i) != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }

    private String hit(String entry)
    {
        hits++;
        count();
        return entry;
    }

    /** Keeps value in the set at index: in an empty entry, else in place of one of the two, taken in turn. */
    private String miss(int index, String value)
    {
        int target = entries[index] == null ? index : entries[index + 1] == null ? index + 1 : index + (lookups & 1);
        entries[target] = value;
        count();
        return value;
    }

    private void count()
    {
        if (++lookups == SAMPLE) {
            if (hits < SAMPLE / 4) {
                resting = REST;
            }
            lookups = 0;
            hits = 0;
        }
    }

    private void rest()
    {
        if (resting > 0) {
            resting--;
        }
    }
}
