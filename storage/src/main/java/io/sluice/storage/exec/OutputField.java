package io.sluice.storage.exec;

/**
 * One output field of a result, read by reference: a group id for aggregations, a packed (slice, row) for row scans
 * (see {@link RowFields}). Sorting compares references without materializing values.
 */
interface OutputField
{
    boolean isNull(long reference);

    /** Order of two non-NULL values: numbers numerically ({@link Double#compare} for doubles), strings by {@link String#compareTo}. */
    int compareNonNull(long left, long right);

    /** The value as {@code Long}, {@code Double}, {@code String} or null. */
    Object value(long reference);
}
