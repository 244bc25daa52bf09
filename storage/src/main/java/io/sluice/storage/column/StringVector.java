package io.sluice.storage.column;

import static java.util.Objects.requireNonNull;

/**
 * Strings; a null element is a SQL NULL.
 */
public final class StringVector
        implements ColumnVector
{
    private final String[] values;
    private final int size;

    public StringVector(String[] values, int size)
    {
        this.values = requireNonNull(values, "values is null");
        if (size < 0 || size > values.length) {
            throw new IllegalArgumentException("size " + size + " exceeds the array");
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
        return values[position] == null;
    }

    public String value(int position)
    {
        return values[position];
    }

    @Override
    public Object objectValue(int position)
    {
        return values[position];
    }

    /** The values array itself (null elements are NULL), for vectorized loops; do not modify. */
    public String[] values()
    {
        return values;
    }
}
