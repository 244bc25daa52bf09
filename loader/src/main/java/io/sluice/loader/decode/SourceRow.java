package io.sluice.loader.decode;

import io.sluice.storage.column.ColumnBatchBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The source values of one message row, by slot (the position in COLUMNS), reused across rows: a decoder fills it,
 * the {@link RowAssembler} converts it into table columns. Numbers stay primitive. Text is copied into one char buffer
 * per row (or, for ASCII bytes of a CSV message, read where it lies) and becomes a String only when a column or an
 * expression needs one: numbers and dates are parsed from the text itself. Not thread-safe.
 */
public final class SourceRow
{
    public static final byte MISSING = 0;
    public static final byte NULL = 1;
    public static final byte LONG = 2;
    public static final byte DOUBLE = 3;
    /** A string value (a JSON string, a CSV field, an expression's text). */
    public static final byte TEXT = 4;
    public static final byte BOOLEAN = 5;
    /**
     * Text that is JSON as written: a nested object or array (compact), or a number that does not fit a long
     * (its exact digits). Converts like {@link #TEXT}, except into a JSON column, where it is taken as is.
     */
    public static final byte JSON = 6;

    /** What {@link #plainLong} gives for text that is not a plain integer. */
    public static final long NOT_A_PLAIN_LONG = Long.MIN_VALUE;

    /** A text buffer that grew past this for one huge row is let go rather than kept for the next. */
    private static final int RETAINED_BUFFER_CHARS = 1 << 16;
    private static final int NO_BUFFER_TEXT = -1;
    private static final int ASCII_BYTES_TEXT = -2;

    private final boolean textIsJsonString;
    private final byte[] kinds;
    private final long[] longs;
    private final double[] doubles;
    /**
     * Where a slot's text starts in {@link #chars}; {@link #NO_BUFFER_TEXT} when it was given as a String,
     * {@link #ASCII_BYTES_TEXT} when it is ASCII bytes of a message ({@link #byteSources}, {@link #byteOffsets}).
     */
    private final int[] textStarts;
    private final int[] textLengths;
    private final byte[][] byteSources;
    private final int[] byteOffsets;
    /** Texts given as Strings, and Strings made from buffer text (so each is made once). */
    private final String[] strings;
    private final SlotText[] views;
    /** Per slot, made on first use: repeated texts share one String. Shared with the decoder's other rows. */
    private final StringCache[] caches;
    private char[] chars = new char[64];
    private int charCount;

    public SourceRow(int slotCount)
    {
        this(slotCount, false);
    }

    /**
     * @param textIsJsonString whether {@link #TEXT} values are JSON strings (JSON messages): a JSON column then stores
     *         them as JSON strings; otherwise (CSV) a JSON column parses the text as JSON
     */
    public SourceRow(int slotCount, boolean textIsJsonString)
    {
        this(slotCount, textIsJsonString, new StringCache[slotCount]);
    }

    /** @param caches per slot, shared by the rows of one decoder; entries are made on first use */
    SourceRow(int slotCount, boolean textIsJsonString, StringCache[] caches)
    {
        if (caches.length != slotCount) {
            throw new IllegalArgumentException(caches.length + " caches for " + slotCount + " slots");
        }
        this.textIsJsonString = textIsJsonString;
        this.caches = caches;
        kinds = new byte[slotCount];
        longs = new long[slotCount];
        doubles = new double[slotCount];
        textStarts = new int[slotCount];
        textLengths = new int[slotCount];
        byteSources = new byte[slotCount][];
        byteOffsets = new int[slotCount];
        strings = new String[slotCount];
        views = new SlotText[slotCount];
        for (int slot = 0; slot < slotCount; slot++) {
            views[slot] = new SlotText();
        }
    }

    public int slotCount()
    {
        return kinds.length;
    }

    public boolean textIsJsonString()
    {
        return textIsJsonString;
    }

    public void clear()
    {
        Arrays.fill(kinds, MISSING);
        Arrays.fill(strings, null);
        charCount = 0;
        if (chars.length > RETAINED_BUFFER_CHARS) {
            chars = new char[64];
        }
    }

    /** Clears the row and lets go of the message bytes it may read text from. */
    public void release()
    {
        clear();
        Arrays.fill(byteSources, null);
    }

    public void setNull(int slot)
    {
        kinds[slot] = NULL;
    }

    public void setLong(int slot, long value)
    {
        kinds[slot] = LONG;
        longs[slot] = value;
    }

    public void setDouble(int slot, double value)
    {
        kinds[slot] = DOUBLE;
        doubles[slot] = value;
    }

    public void setBoolean(int slot, boolean value)
    {
        kinds[slot] = BOOLEAN;
        longs[slot] = value ? 1 : 0;
    }

    public void setText(int slot, String value)
    {
        setString(slot, TEXT, value);
    }

    public void setJson(int slot, String value)
    {
        setString(slot, JSON, value);
    }

    private void setString(int slot, byte kind, String value)
    {
        kinds[slot] = kind;
        strings[slot] = value;
        textStarts[slot] = NO_BUFFER_TEXT;
        textLengths[slot] = value.length();
    }

    /** Copies text into the row: chars from offset, length of them. */
    public void setText(int slot, char[] source, int offset, int length)
    {
        setBufferText(slot, TEXT, source, offset, length);
    }

    public void setJson(int slot, char[] source, int offset, int length)
    {
        setBufferText(slot, JSON, source, offset, length);
    }

    private void setBufferText(int slot, byte kind, char[] source, int offset, int length)
    {
        int start = charCount;
        ensureCapacity(length);
        System.arraycopy(source, offset, chars, start, length);
        charCount = start + length;
        kinds[slot] = kind;
        strings[slot] = null;
        textStarts[slot] = start;
        textLengths[slot] = length;
    }

    /**
     * The slot's text is ASCII bytes (the caller checked): kept where they are, not copied. The bytes must stay
     * unchanged while the row is used.
     */
    public void setAsciiText(int slot, byte[] bytes, int offset, int length)
    {
        kinds[slot] = TEXT;
        strings[slot] = null;
        textStarts[slot] = ASCII_BYTES_TEXT;
        byteSources[slot] = bytes;
        byteOffsets[slot] = offset;
        textLengths[slot] = length;
    }

    /**
     * Decodes UTF-8 bytes into the slot's text. Returns -1, or the position of the first byte that is not valid
     * UTF-8 (overlong forms and surrogates included), in which case the slot is left unchanged.
     */
    public int setUtf8Text(int slot, byte[] bytes, int offset, int length)
    {
        int start = charCount;
        // Never more chars than bytes.
        ensureCapacity(length);
        char[] target = chars;
        int out = start;
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int lead = bytes[position];
            if (lead >= 0) {
                target[out++] = (char) lead;
                position++;
                continue;
            }
            lead &= 0xFF;
            int codePoint;
            int size;
            if (lead >= 0xC2 && lead <= 0xDF) {
                size = 2;
                codePoint = lead & 0x1F;
            }
            else if (lead >= 0xE0 && lead <= 0xEF) {
                size = 3;
                codePoint = lead & 0x0F;
            }
            else if (lead >= 0xF0 && lead <= 0xF4) {
                size = 4;
                codePoint = lead & 0x07;
            }
            else {
                return position;
            }
            if (position + size > end) {
                return position;
            }
            for (int i = 1; i < size; i++) {
                int continuation = bytes[position + i];
                if ((continuation & 0xC0) != 0x80) {
                    return position;
                }
                codePoint = (codePoint << 6) | (continuation & 0x3F);
            }
            boolean overlong = (size == 3 && codePoint < 0x800) || (size == 4 && codePoint < 0x10000);
            if (overlong || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return position;
            }
            if (size == 4) {
                target[out++] = Character.highSurrogate(codePoint);
                target[out++] = Character.lowSurrogate(codePoint);
            }
            else {
                target[out++] = (char) codePoint;
            }
            position += size;
        }
        charCount = out;
        kinds[slot] = TEXT;
        strings[slot] = null;
        textStarts[slot] = start;
        textLengths[slot] = out - start;
        return -1;
    }

    private void ensureCapacity(int more)
    {
        int needed = charCount + more;
        if (needed > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
        }
    }

    /** Gives slot {@code to} the value of slot {@code from}. */
    public void copy(int from, int to)
    {
        kinds[to] = kinds[from];
        longs[to] = longs[from];
        doubles[to] = doubles[from];
        textStarts[to] = textStarts[from];
        textLengths[to] = textLengths[from];
        byteSources[to] = byteSources[from];
        byteOffsets[to] = byteOffsets[from];
        strings[to] = strings[from];
    }

    public byte kind(int slot)
    {
        return kinds[slot];
    }

    /** Whether the slot holds text: {@link #TEXT} or {@link #JSON}. */
    public boolean isText(int slot)
    {
        return kinds[slot] == TEXT || kinds[slot] == JSON;
    }

    public long longValue(int slot)
    {
        return longs[slot];
    }

    public double doubleValue(int slot)
    {
        return doubles[slot];
    }

    /**
     * The text of a {@link #TEXT} or {@link #JSON} slot as a String, made once per slot and row; a text this slot
     * had in a recent row gives that row's String again.
     */
    public String text(int slot)
    {
        String value = strings[slot];
        if (value == null) {
            StringCache cache = caches[slot];
            if (cache == null) {
                cache = new StringCache();
                caches[slot] = cache;
            }
            value = textStarts[slot] == ASCII_BYTES_TEXT
                    ? cache.get(byteSources[slot], byteOffsets[slot], textLengths[slot])
                    : cache.get(chars, textStarts[slot], textLengths[slot]);
            strings[slot] = value;
        }
        return value;
    }

    /**
     * Whether the texts of this slot hardly repeated lately, so that sharing their Strings does not pay: a column
     * that takes them as they are may keep their bytes instead ({@link #setTextInto}).
     */
    public boolean textRarelyRepeats(int slot)
    {
        StringCache cache = caches[slot];
        return cache != null && cache.resting();
    }

    /** Sets the {@link #TEXT} of the slot as the builder column's value without making a String, unless it has one. */
    public void setTextInto(int slot, ColumnBatchBuilder builder, int column)
    {
        String value = strings[slot];
        if (value != null) {
            builder.setString(column, value);
            return;
        }
        StringCache cache = caches[slot];
        if (cache != null) {
            // The cache's rest runs down on the texts that bypass it, so that it looks again in a while.
            cache.rest();
        }
        if (textStarts[slot] == ASCII_BYTES_TEXT) {
            builder.setAsciiText(column, byteSources[slot], byteOffsets[slot], textLengths[slot]);
        }
        else {
            builder.setText(column, chars, textStarts[slot], textLengths[slot]);
        }
    }

    /**
     * The slot's text as a long when it is a plain integer: an optional sign and 1 to 18 ASCII digits, nothing else
     * (no spaces). Otherwise {@link #NOT_A_PLAIN_LONG}, which no such text gives; the caller then parses in full.
     */
    public long plainLong(int slot)
    {
        int length = textLengths[slot];
        String string = strings[slot];
        if (string != null || textStarts[slot] == NO_BUFFER_TEXT) {
            return plainLong(string);
        }
        if (length == 0 || length > 19) {
            return NOT_A_PLAIN_LONG;
        }
        boolean ascii = textStarts[slot] == ASCII_BYTES_TEXT;
        byte[] bytes = byteSources[slot];
        int start = ascii ? byteOffsets[slot] : textStarts[slot];
        int end = start + length;
        int first = ascii ? bytes[start] : chars[start];
        boolean negative = first == '-';
        int position = negative || first == '+' ? start + 1 : start;
        if (position == end || end - position > 18) {
            return NOT_A_PLAIN_LONG;
        }
        long value = 0;
        for (; position < end; position++) {
            int digit = (ascii ? bytes[position] : chars[position]) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_PLAIN_LONG;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static long plainLong(String text)
    {
        int length = text.length();
        if (length == 0 || length > 19) {
            return NOT_A_PLAIN_LONG;
        }
        char first = text.charAt(0);
        boolean negative = first == '-';
        int position = negative || first == '+' ? 1 : 0;
        if (position == length || length - position > 18) {
            return NOT_A_PLAIN_LONG;
        }
        long value = 0;
        for (; position < length; position++) {
            int digit = text.charAt(position) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_PLAIN_LONG;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    public int textLength(int slot)
    {
        return textLengths[slot];
    }

    /**
     * The text of a {@link #TEXT} or {@link #JSON} slot without making a String. The view is reused: valid until the
     * row changes or this method is called again for the same slot.
     */
    public CharSequence chars(int slot)
    {
        String value = strings[slot];
        if (value != null) {
            return value;
        }
        if (textStarts[slot] == ASCII_BYTES_TEXT) {
            return views[slot].reset(byteSources[slot], byteOffsets[slot], textLengths[slot]);
        }
        return views[slot].reset(chars, textStarts[slot], textLengths[slot]);
    }

    /** The slot as an object for expressions: Long, Double, Boolean, String or null. */
    public Object objectValue(int slot)
    {
        return switch (kinds[slot]) {
            case LONG -> longs[slot];
            case DOUBLE -> doubles[slot];
            case BOOLEAN -> longs[slot] != 0;
            case TEXT, JSON -> text(slot);
            default -> null;
        };
    }

    /** A reusable window on the row's char buffer, or on ASCII bytes. */
    private static final class SlotText
            implements CharSequence
    {
        private char[] chars;
        private byte[] bytes;
        private int start;
        private int length;

        SlotText reset(char[] newChars, int newStart, int newLength)
        {
            chars = newChars;
            bytes = null;
            start = newStart;
            length = newLength;
            return this;
        }

        SlotText reset(byte[] newBytes, int newStart, int newLength)
        {
            chars = null;
            bytes = newBytes;
            start = newStart;
            length = newLength;
            return this;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(int index)
        {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return bytes != null ? (char) bytes[start + index] : chars[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to)
        {
            return toString().substring(from, to);
        }

        @Override
        public String toString()
        {
            return bytes != null ? new String(bytes, start, length, StandardCharsets.ISO_8859_1) : new String(chars, start, length);
        }
    }
}
