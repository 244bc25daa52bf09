package io.sluice.storage.column;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * Strings; a null element is a SQL NULL.
 *
 * <p>Two forms. A plain vector holds Java strings (what a load builds). A UTF-8 vector holds all its values' bytes
 * in one array with offsets: what segments keep in memory, because millions of small strings that live as long as
 * their segment cost the garbage collector a copy each, several times, and twice their bytes in headers. Code that
 * reads every row of a UTF-8 vector should work on {@link #utf8Bytes()} and {@link #utf8Offsets()};
 * {@link #values()} turns it into strings once and keeps them.
 */
public final class StringVector
        implements ColumnVector
{
    private final int size;
    // Plain form, or the UTF-8 form's values once asked for.
    private volatile String[] values;
    // UTF-8 form: value i is bytes [offsets[i], offsets[i + 1]); nulls is null when no value is NULL.
    private final byte[] bytes;
    private final int[] offsets;
    private final boolean[] nulls;

    public StringVector(String[] values, int size)
    {
        this.values = requireNonNull(values, "values is null");
        if (size < 0 || size > values.length) {
            throw new IllegalArgumentException("size " + size + " exceeds the array");
        }
        this.size = size;
        this.bytes = null;
        this.offsets = null;
        this.nulls = null;
    }

    private StringVector(byte[] bytes, int[] offsets, boolean[] nulls, int size)
    {
        this.bytes = requireNonNull(bytes, "bytes is null");
        this.offsets = requireNonNull(offsets, "offsets is null");
        if (size < 0 || offsets.length < size + 1 || (nulls != null && nulls.length < size)) {
            throw new IllegalArgumentException("size " + size + " exceeds the arrays");
        }
        if (offsets[size] > bytes.length) {
            throw new IllegalArgumentException("offsets run past the bytes");
        }
        this.nulls = nulls;
        this.size = size;
    }

    /**
     * A UTF-8 vector: value {@code i} is the UTF-8 bytes {@code [offsets[i], offsets[i + 1])}, or NULL when
     * {@code nulls[i]}, and then those offsets are equal (nulls may be null: no NULL). The arrays are the vector's
     * from now on.
     */
    public static StringVector utf8(byte[] bytes, int[] offsets, boolean[] nulls, int size)
    {
        return new StringVector(bytes, offsets, nulls, size);
    }

    /**
     * This vector in UTF-8 form; itself when it already is, or when a value holds an unpaired surrogate (which
     * UTF-8 cannot carry).
     */
    public StringVector toUtf8()
    {
        if (bytes != null) {
            return this;
        }
        String[] source = values;
        long length = 0;
        for (int row = 0; row < size; row++) {
            String value = source[row];
            length += value == null ? 0 : value.length();
        }
        Utf8Writer writer = new Utf8Writer(length, size);
        for (int row = 0; row < size; row++) {
            String value = source[row];
            if (value == null) {
                writer.appendNull();
            }
            else if (!writer.append(value)) {
                return this;
            }
        }
        return writer.build();
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public boolean isNull(int position)
    {
        if (bytes != null) {
            return nulls != null && nulls[position];
        }
        return values[position] == null;
    }

    public String value(int position)
    {
        String[] materialized = values;
        if (materialized != null) {
            return materialized[position];
        }
        if (nulls != null && nulls[position]) {
            return null;
        }
        return new String(bytes, offsets[position], offsets[position + 1] - offsets[position], StandardCharsets.UTF_8);
    }

    @Override
    public Object objectValue(int position)
    {
        return value(position);
    }

    /**
     * The values as strings (null elements are NULL), for vectorized loops; do not modify. A UTF-8 vector makes
     * them on the first call and keeps them.
     */
    public String[] values()
    {
        String[] materialized = values;
        if (materialized == null) {
            materialized = decodedValues();
            // Two threads may both make them: the same strings, either is fine.
            values = materialized;
        }
        return materialized;
    }

    /**
     * The values as strings (null elements are NULL); a UTF-8 vector makes them in a new array it does not keep, for a
     * pass that needs them only for a while.
     */
    public String[] decodedValues()
    {
        String[] materialized = values;
        if (materialized != null) {
            return materialized;
        }
        String[] decoded = new String[size];
        for (int row = 0; row < size; row++) {
            decoded[row] = value(row);
        }
        return decoded;
    }

    /** Whether the vector is in UTF-8 form ({@link #utf8Bytes()}, {@link #utf8Offsets()}, {@link #utf8Nulls()}). */
    public boolean isUtf8()
    {
        return bytes != null;
    }

    /** The UTF-8 form's bytes; do not modify. */
    public byte[] utf8Bytes()
    {
        requireUtf8();
        return bytes;
    }

    /** The UTF-8 form's offsets, {@code size + 1} of them at least; do not modify. */
    public int[] utf8Offsets()
    {
        requireUtf8();
        return offsets;
    }

    /** The UTF-8 form's NULL flags, or null when no value is NULL; do not modify. */
    public boolean[] utf8Nulls()
    {
        requireUtf8();
        return nulls;
    }

    private void requireUtf8()
    {
        if (bytes == null) {
            throw new IllegalStateException("not a UTF-8 vector");
        }
    }
}
