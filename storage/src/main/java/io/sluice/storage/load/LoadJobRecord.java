package io.sluice.storage.load;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A load job as persisted. Storage keeps the loader's definition and state as opaque text; it only interprets the
 * generation (to reject commits from tasks the job no longer owns) and the source offsets it publishes atomically
 * with the data.
 *
 * @param definition the loader's own serialized job definition
 * @param generation incremented by every state change; a commit must name the generation it was started under
 * @param sourceOffsets per source partition, the next offset to read
 */
public record LoadJobRecord(
        long id,
        String databaseName,
        String name,
        long tableId,
        String state,
        String definition,
        long createTimeMillis,
        Optional<Long> pauseTimeMillis,
        Optional<Long> endTimeMillis,
        Optional<String> stateReason,
        long generation,
        LoadJobCounters counters,
        Map<Integer, Long> sourceOffsets)
{
    public LoadJobRecord
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(pauseTimeMillis, "pauseTimeMillis is null");
        requireNonNull(endTimeMillis, "endTimeMillis is null");
        requireNonNull(stateReason, "stateReason is null");
        requireNonNull(counters, "counters is null");
        sourceOffsets = Map.copyOf(requireNonNull(sourceOffsets, "sourceOffsets is null"));
    }
}
