package io.sluice.storage.catalog;

/**
 * How an AGGREGATE KEY table merges a value column of rows with equal keys.
 */
public enum AggregationFunction
{
    NONE,
    SUM,
    MAX,
    MIN,
    REPLACE,
    REPLACE_IF_NOT_NULL,
}
