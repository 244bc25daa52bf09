package io.sluice.storage.load;

import io.sluice.storage.table.TableWrite;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One batch of a load job: rows for its table, the source offsets after the batch, the counter increments and the
 * records it rejected. Published in one metadata transaction, so data, offsets and rejections are visible together
 * or not at all.
 *
 * @param generation the job generation the task was started under; a stale one is rejected
 * @param nextOffsets per source partition, the next offset to read after this batch
 * @param rejectedRetention how many rejected records of the job to keep at most (older ones are dropped)
 */
public record LoadCommit(long jobId, long generation, TableWrite write, Map<Integer, Long> nextOffsets, LoadJobCounters counterIncrements,
        List<RejectedRecord> rejected, int rejectedRetention)
{
    public static final int DEFAULT_REJECTED_RETENTION = 10_000;

    public LoadCommit
    {
        requireNonNull(write, "write is null");
        nextOffsets = Map.copyOf(requireNonNull(nextOffsets, "nextOffsets is null"));
        requireNonNull(counterIncrements, "counterIncrements is null");
        rejected = List.copyOf(requireNonNull(rejected, "rejected is null"));
        if (rejectedRetention < 0) {
            throw new IllegalArgumentException("rejectedRetention is negative");
        }
    }

    public LoadCommit(long jobId, long generation, TableWrite write, Map<Integer, Long> nextOffsets, LoadJobCounters counterIncrements)
    {
        this(jobId, generation, write, nextOffsets, counterIncrements, List.of(), DEFAULT_REJECTED_RETENTION);
    }
}
