package io.sluice.storage.column;

/**
 * An immutable column of values with nulls, the unit of segments, loads and scans.
 */
public sealed interface ColumnVector
        permits LongVector, DoubleVector, StringVector, DictionaryVector
{
    int size();

    boolean isNull(int position);

    /** The value as a boxed object (Long, Double or String), or null: for row-at-a-time consumers only. */
    Object objectValue(int position);
}
