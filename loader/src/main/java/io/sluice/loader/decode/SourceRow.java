package io.sluice.loader.decode;

import java.util.Arrays;

/**
 * The source values of one message row, by slot (the position in COLUMNS), reused across rows: a decoder fills it,
 * the {@link RowAssembler} converts it into table columns. Numbers stay primitive.
 */
public final class SourceRow
{
    public static final byte MISSING = 0;
    public static final byte NULL = 1;
    public static final byte LONG = 2;
    public static final byte DOUBLE = 3;
    public static final byte TEXT = 4;
    public static final byte BOOLEAN = 5;

    private final byte[] kinds;
    private final long[] longs;
    private final double[] doubles;
    private final String[] texts;

    public SourceRow(int slotCount)
    {
        kinds = new byte[slotCount];
        longs = new long[slotCount];
        doubles = new double[slotCount];
        texts = new String[slotCount];
    }

    public int slotCount()
    {
        return kinds.length;
    }

    public void clear()
    {
        Arrays.fill(kinds, MISSING);
        Arrays.fill(texts, null);
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
        kinds[slot] = TEXT;
        texts[slot] = value;
    }

    /** Gives slot {@code to} the value of slot {@code from}. */
    public void copy(int from, int to)
    {
        kinds[to] = kinds[from];
        longs[to] = longs[from];
        doubles[to] = doubles[from];
        texts[to] = texts[from];
    }

    public byte kind(int slot)
    {
        return kinds[slot];
    }

    public long longValue(int slot)
    {
        return longs[slot];
    }

    public double doubleValue(int slot)
    {
        return doubles[slot];
    }

    public String text(int slot)
    {
        return texts[slot];
    }

    /** The slot as an object for expressions: Long, Double, Boolean, String or null. */
    public Object objectValue(int slot)
    {
        return switch (kinds[slot]) {
            case LONG -> longs[slot];
            case DOUBLE -> doubles[slot];
            case BOOLEAN -> longs[slot] != 0;
            case TEXT -> texts[slot];
            default -> null;
        };
    }
}
