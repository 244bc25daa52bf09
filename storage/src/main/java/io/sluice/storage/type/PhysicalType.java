package io.sluice.storage.type;

/**
 * How values of a column are held in memory and in segments.
 */
public enum PhysicalType
{
    /** Integers, booleans (0/1), DATE as epoch days, DATETIME as microseconds since the epoch (no time zone). */
    LONG,
    DOUBLE,
    /** Text, and for now the exact types whose width exceeds a long (DECIMAL, LARGEINT) in canonical text form. */
    STRING,
}
