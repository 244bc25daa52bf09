package io.sluice.loader.task;

import io.sluice.storage.Storage;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.table.WriteResult;

/**
 * Publishes a batch of a load job: storage's atomic commit in production; tests put a gate or a failure in front of it.
 */
@FunctionalInterface
public interface LoadCommitter
{
    WriteResult commit(long tableId, LoadCommit commit);

    static LoadCommitter of(Storage storage)
    {
        return storage::commitLoad;
    }
}
