package io.sluice.loader.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recently made Strings of one source column, so that a column with few distinct values (a status, a country, a
 * thousand product ids) hands the batch the same String instances instead of a new one per row. Two-way set
 * associative, short texts only. It watches its hit rate and stops looking when values rarely repeat (unique names,
 * timestamps), trying again later.
 */
final class StringCache
{
    private static final int SIZE_BITS = 12;
    private static final int SIZE = 1 << SIZE_BITS;
    private static final int MAXIMUM_LENGTH = 48;
    /** Lookups per verdict; below 1 hit in 4 the cache rests for {@link #REST} texts. */
    private static final int SAMPLE = 4096;
    private static final int REST = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String[] entries = new String[SIZE];
    // The Latin-1 bytes of each entry that has them (else null): the byte path compares arrays, not characters.
    private final byte[][] entryBytes = new byte[SIZE][];
    // The characters of each entry the char path made (else null): compared as arrays too, which vectorizes.
    private final char[][] entryChars = new char[SIZE][];
    private int lookups;
    private int hits;
    private int resting;

    /**
     * One cache per slot, made up front by a decoder: a branch that makes one on first use would be taken only at a
     * job's start, and the JIT compiles such a branch away, then throws out the decode loop when a new job takes it.
     */
    static StringCache[] forSlots(int slotCount)
    {
        StringCache[] caches = new StringCache[slotCount];
        for (int slot = 0; slot < slotCount; slot++) {
            caches[slot] = new StringCache();
        }
        return caches;
    }

    String get(char[] chars, int start, int length)
    {
        if (length > MAXIMUM_LENGTH || resting > 0) {
            rest();
            return new String(chars, start, length);
        }
        // The byte path's hash of the same text in Latin-1, so that both paths share entries.
        int end = start + length;
        long hash = length;
        int position = start;
        boolean latin1 = true;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            long word = 0;
            for (int i = Long.BYTES - 1; i >= 0; i--) {
                char c = chars[position + i];
                latin1 &= c <= 0xFF;
                word = (word << 8) | (c & 0xFF);
            }
            hash = mix(hash, word);
        }
        long tail = 0;
        for (; position < end; position++) {
            latin1 &= chars[position] <= 0xFF;
            tail = (tail << 8) | (chars[position] & 0xFF);
        }
        int index = index(mix(hash, tail));
        if (matches(index, chars, start, length)) {
            return hit(entries[index]);
        }
        if (matches(index + 1, chars, start, length)) {
            return hit(entries[index + 1]);
        }
        char[] copy = Arrays.copyOfRange(chars, start, end);
        String value = new String(copy);
        int target = miss(index, value);
        entryChars[target] = copy;
        if (latin1) {
            entryBytes[target] = value.getBytes(StandardCharsets.ISO_8859_1);
        }
        return value;
    }

    /** The same for ASCII bytes, hashed eight at a time. */
    String get(byte[] bytes, int start, int length)
    {
        if (length > MAXIMUM_LENGTH || resting > 0) {
            rest();
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        int end = start + length;
        long hash = length;
        int position = start;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            hash = mix(hash, (long) LONGS.get(bytes, position));
        }
        long tail = 0;
        for (; position < end; position++) {
            tail = (tail << 8) | (bytes[position] & 0xFF);
        }
        int index = index(mix(hash, tail));
        byte[] entry = entryBytes[index];
        if (entry != null && Arrays.equals(entry, 0, entry.length, bytes, start, end)) {
            return hit(entries[index]);
        }
        entry = entryBytes[index + 1];
        if (entry != null && Arrays.equals(entry, 0, entry.length, bytes, start, end)) {
            return hit(entries[index + 1]);
        }
        byte[] copy = Arrays.copyOfRange(bytes, start, end);
        String value = new String(copy, StandardCharsets.ISO_8859_1);
        entryBytes[miss(index, value)] = copy;
        return value;
    }

    private static long mix(long hash, long word)
    {
        return (hash ^ word) * 0x9E3779B97F4A7C15L;
    }

    /** The first entry of the text's set of two: the hash's top bits, well mixed by the multiplications. */
    private static int index(long hash)
    {
        return (int) (hash >>> (64 - SIZE_BITS)) & ~1;
    }

    private boolean matches(int index, char[] chars, int start, int length)
    {
        char[] entry = entryChars[index];
        if (entry != null) {
            return Arrays.equals(entry, 0, entry.length, chars, start, start + length);
        }
        // An entry the byte path made
        String text = entries[index];
        if (text == null || text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[start + i]) {
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

    /**
     * Keeps value in the set at index: in an empty entry, else in place of one of the two, taken in turn. Returns
     * where; the entry has no bytes until the byte path sets them.
     */
    private int miss(int index, String value)
    {
        int target = entries[index] == null ? index : entries[index + 1] == null ? index + 1 : index + (lookups & 1);
        entries[target] = value;
        entryBytes[target] = null;
        entryChars[target] = null;
        count();
        return target;
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

    /** Whether values rarely repeat lately: the cache is not looking, and Strings made now are not shared. */
    boolean resting()
    {
        return resting > 0;
    }

    /** Counts a text that went by without a lookup, as {@link #get} does while resting. */
    void rest()
    {
        if (resting > 0) {
            resting--;
        }
    }
}
