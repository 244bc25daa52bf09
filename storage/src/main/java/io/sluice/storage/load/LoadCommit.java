package io.sluice.storage.load;

import io.sluice.storage.table.TableWrite;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One batch of a load job: rows for its table, the source offsets after the batch, and the counter increments.
 * Published in one metadata transaction, so data and offsets are visible together or not at all.
 *
 * @param generation the job generation the task was started under; a stale one is rejected
 * @param nextOffsets per source partition, the next offset to read after this batch
 */
public record LoadCommit(long jobId, long generation, TableWrite write, Map<Integer, Long> nextOffsets, LoadJobCounters counterIncrements)
{
    public LoadCommit
    {
        requireNonNull(write, "write is null");
        nextOffsets = Map.copyOf(requireNonNull(nextOffsets, "nextOffsets is null"));
        requireNonNull(counterIncrements, "counterIncrements is null");
    }
}
