package io.sluice.storage.column;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Operations on UTF-8 encoded values that agree with the same operations on the Java strings they encode, without
 * making those strings: {@link String#hashCode()}, {@link String#equals} and {@link String#compareTo}.
 */
public final class Utf8Strings
{
    private Utf8Strings() {}

    /** {@code new String(bytes, from, to - from, UTF_8).hashCode()}, without the string when the bytes are ASCII. */
    public static int hashCode(byte[] bytes, int from, int to)
    {
        int hash = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < 0) {
                return new String(bytes, from, to - from, StandardCharsets.UTF_8).hashCode();
            }
            hash = 31 * hash + b;
        }
        return hash;
    }

    /** Whether two UTF-8 values are equal: UTF-8 encodes each string one way only. */
    public static boolean equals(byte[] left, int leftFrom, int leftTo, byte[] right, int rightFrom, int rightTo)
    {
        return Arrays.equals(left, leftFrom, leftTo, right, rightFrom, rightTo);
    }

    /**
     * Orders two UTF-8 values as {@link String#compareTo} orders their strings (by UTF-16 code unit). Bytes compare
     * in code point order, which is the same except between a character of U+E000..U+FFFF and one above U+FFFF: as
     * UTF-16 the latter starts with a surrogate (U+D800..U+DBFF), so it sorts first.
     */
    public static int compare(byte[] left, int leftFrom, int leftTo, byte[] right, int rightFrom, int rightTo)
    {
        int mismatch = Arrays.mismatch(left, leftFrom, leftTo, right, rightFrom, rightTo);
        if (mismatch < 0) {
            return 0;
        }
        if (leftFrom + mismatch == leftTo || rightFrom + mismatch == rightTo) {
            return (leftTo - leftFrom) - (rightTo - rightFrom);
        }
        // The differing characters start at the same place: the prefix before it is shared.
        int start = mismatch;
        while (start > 0 && (left[leftFrom + start] & 0xC0) == 0x80) {
            start--;
        }
        int leftLead = left[leftFrom + start] & 0xFF;
        int rightLead = right[rightFrom + start] & 0xFF;
        boolean leftSupplementary = leftLead >= 0xF0;
        boolean rightSupplementary = rightLead >= 0xF0;
        if (leftSupplementary != rightSupplementary && (leftSupplementary ? rightLead >= 0xEE : leftLead >= 0xEE)) {
            return leftSupplementary ? -1 : 1;
        }
        return (left[leftFrom + mismatch] & 0xFF) - (right[rightFrom + mismatch] & 0xFF);
    }

    /**
     * Writes {@code value}'s characters from {@code from} on as UTF-8 into {@code target} at {@code position}, which
     * must have room for three bytes per character; returns the position after them, or -1 when the value holds an
     * unpaired surrogate, which UTF-8 cannot carry (the JDK's encoder would silently turn it into '?').
     */
    public static int encode(String value, int from, byte[] target, int position)
    {
        int length = value.length();
        for (int i = from; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                target[position++] = (byte) c;
            }
            else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return -1;
                }
                position = encodePair(c, value.charAt(++i), target, position);
            }
            else {
                position = encodeWide(c, target, position);
            }
        }
        return position;
    }

    /** {@link #encode(String, int, byte[], int)} for {@code chars[from, to)}. */
    public static int encode(char[] chars, int from, int to, byte[] target, int position)
    {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < 0x80) {
                target[position++] = (byte) c;
            }
            else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == to || !Character.isLowSurrogate(chars[i + 1])) {
                    return -1;
                }
                position = encodePair(c, chars[++i], target, position);
            }
            else {
                position = encodeWide(c, target, position);
            }
        }
        return position;
    }

    /** A character of U+0080..U+FFFF that is not a surrogate: two or three bytes. */
    private static int encodeWide(char c, byte[] target, int position)
    {
        if (c < 0x800) {
            target[position] = (byte) (0xC0 | (c >>> 6));
            target[position + 1] = (byte) (0x80 | (c & 0x3F));
            return position + 2;
        }
        target[position] = (byte) (0xE0 | (c >>> 12));
        target[position + 1] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        target[position + 2] = (byte) (0x80 | (c & 0x3F));
        return position + 3;
    }

    private static int encodePair(char high, char low, byte[] target, int position)
    {
        int codePoint = Character.toCodePoint(high, low);
        target[position] = (byte) (0xF0 | (codePoint >>> 18));
        target[position + 1] = (byte) (0x80 | ((codePoint >>> 12) & 0x3F));
        target[position + 2] = (byte) (0x80 | ((codePoint >>> 6) & 0x3F));
        target[position + 3] = (byte) (0x80 | (codePoint & 0x3F));
        return position + 4;
    }
}
