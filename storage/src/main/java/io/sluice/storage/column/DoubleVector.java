package io.sluice.storage.column;

import static java.util.Objects.requireNonNull;

/**
 * Doubles with an optional null mask ({@code nulls == null} means no nulls).
 */
public final class DoubleVector
        implements ColumnVector
{
    private final double[] values;
    private final boolean[] nulls;
    private final int size;

    public DoubleVector(double[] values, boolean[] nulls, int size)
    {
        this.values = requireNonNull(values, "values is null");
        this.nulls = nulls;
        if (size < 0 || size > values.length || (nulls != null && size > nulls.length)) {
            throw new IllegalArgumentException("size " + size + " exceeds the arrays");
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
        return nulls != null && nulls[position];
    }

    public double value(int position)
    {
        return values[position];
    }

    @Override
    public Object objectValue(int position)
    {
        return isNull(position) ? null : values[position];
    }

    /** The values array itself, for vectorized loops; do not modify. Only the first {@link #size()} entries count. */
    public double[] values()
    {
        return values;
    }

    /** The null mask itself, or null when no value is NULL; do not modify. */
    public boolean[] nulls()
    {
        return nulls;
    }
}
