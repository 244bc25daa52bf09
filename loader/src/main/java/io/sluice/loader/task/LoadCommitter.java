package io.sluice.loader.task;

import io.sluice.storage.Storage;
import io.sluice.storage.load.LoadCommit;

/**
 * Publishes a batch of a load job: storage's atomic commit in production; tests put a gate or a failure in front of it.
 */
@FunctionalInterface
public interface LoadCommitter
{
    void commit(long tableId, LoadCommit commit);

    static LoadCommitter of(Storage storage)
    {
        return (tableId, commit) -> storage.commitLoad(tableId, commit);
    }
}
