package io.sluice.server.calcite;

import io.sluice.storage.Storage;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableSnapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The table versions one statement execution reads. A table's snapshot is taken at its first scan in the execution and
 * every later scan of that table reuses it (self-join, subquery, UNION, each re-run of a correlated subquery), so a
 * commit landing mid-statement is seen by all of the statement or by none of it. Nothing is pinned between executions:
 * a cached plan reads the data current when it runs again.
 *
 * <p>One per session (its plans hold it), and a session runs one statement at a time, so it needs no locking.
 */
final class StatementSnapshots
{
    /** Where the current snapshot of a table comes from; empty when the table no longer exists. */
    @FunctionalInterface
    interface Source
    {
        Optional<TableSnapshot> current(long tableId);

        static Source of(Storage storage)
        {
            requireNonNull(storage, "storage is null");
            return tableId -> storage.tableData(tableId).map(TableData::snapshot);
        }
    }

    private final Source source;
    private final BooleanSupplier cancelled;
    private final Map<Long, Optional<TableSnapshot>> pinned = new HashMap<>();
    private boolean executing;

    StatementSnapshots(Source source)
    {
        this(source, () -> false);
    }

    /** @param cancelled whether the running statement was killed (KILL QUERY); scans read it as they go */
    StatementSnapshots(Source source, BooleanSupplier cancelled)
    {
        this.source = requireNonNull(source, "source is null");
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
    }

    BooleanSupplier cancelled()
    {
        return cancelled;
    }

    /** Fails the statement with error 1317 when it was killed. */
    void checkCancelled()
    {
        if (cancelled.getAsBoolean()) {
            throw new SluiceException(ErrorCode.QUERY_INTERRUPTED, "Query execution was interrupted");
        }
    }

    /** Starts an execution: from now until {@link #end()}, each table is read at one version. */
    void begin()
    {
        pinned.clear();
        executing = true;
    }

    /** Ends an execution and lets go of its snapshots. */
    void end()
    {
        pinned.clear();
        executing = false;
    }

    /** The snapshot of the table this execution reads (empty when it was dropped since planning). */
    Optional<TableSnapshot> snapshot(long tableId)
    {
        if (!executing) {
            return source.current(tableId);
        }
        Optional<TableSnapshot> snapshot = pinned.get(tableId);
        if (snapshot == null) {
            snapshot = source.current(tableId);
            pinned.put(tableId, snapshot);
        }
        return snapshot;
    }
}
