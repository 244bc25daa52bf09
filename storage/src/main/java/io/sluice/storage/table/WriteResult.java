package io.sluice.storage.table;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a write changed.
 *
 * @param writtenRows rows inserted, upserted or merged
 * @param deletedRows keys deleted
 * @param skippedRows rows a merge condition discarded (the current value was newer)
 * @param rejectedRows rows that could not be written (a new key in a partial update missing a NOT NULL column)
 * @param firstRejection why the first rejected row was rejected
 */
public record WriteResult(long writtenRows, long deletedRows, long skippedRows, long rejectedRows, Optional<String> firstRejection)
{
    public static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0, Optional.empty());

    public WriteResult
    {
        requireNonNull(firstRejection, "firstRejection is null");
    }
}
