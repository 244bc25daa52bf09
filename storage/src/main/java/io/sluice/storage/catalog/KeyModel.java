package io.sluice.storage.catalog;

/**
 * The four StarRocks table models: how rows with equal keys combine.
 */
public enum KeyModel
{
    /** Every loaded row is kept. */
    DUPLICATE,
    /** Rows with equal keys merge with each value column's aggregation function. */
    AGGREGATE,
    /** Rows with equal keys: the last loaded replaces the earlier ones. */
    UNIQUE,
    /** Upsert and delete by key. */
    PRIMARY,
}
