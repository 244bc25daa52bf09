package io.sluice.loader.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What SHOW ROUTINE LOAD TASK says about one running task of a job.
 *
 * @param partitions the source partitions the task consumes
 * @param nextOffsets per partition, the next offset the task will read
 * @param message why the task is waiting or failing, empty when all is well
 */
public record TaskStatus(
        String taskId,
        long jobId,
        List<Integer> partitions,
        Map<Integer, Long> nextOffsets,
        long createTimeMillis,
        Optional<Long> lastCommitTimeMillis,
        long timeoutSeconds,
        String state,
        String message)
{
    public TaskStatus
    {
        requireNonNull(taskId, "taskId is null");
        partitions = List.copyOf(partitions);
        nextOffsets = Map.copyOf(nextOffsets);
        requireNonNull(lastCommitTimeMillis, "lastCommitTimeMillis is null");
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
    }
}
