package io.sluice.loader.kafka;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.StateChangeReason;
import io.sluice.loader.task.ColumnBatches;
import io.sluice.loader.task.LoadBatch.SealedBatch;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Commits the batches of all tasks of one job generation, on a thread of its own: every batch that is ready when a
 * commit starts goes into that one commit (rows concatenated, offsets and counters merged). A storage commit costs a
 * few fsyncs whatever its size, so while one commit runs, the tasks' next batches gather and share the next one.
 * Each task still has at most one batch here, which bounds memory and keeps its batches in order.
 */
final class BatchCommitter
        implements Runnable
{
    private record Pending(KafkaLoadTask task, SealedBatch batch, Map<Integer, Long> nextOffsets, CompletableFuture<Map<Integer, Long>> done) {}

    private final KafkaJobRunner runner;
    private final RoutineLoadJob job;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean stopped;

    BatchCommitter(KafkaJobRunner runner)
    {
        this.runner = runner;
        this.job = runner.job();
    }

    /** Queues a task's sealed batch; the future completes with its offsets once committed, or with the commit's failure. */
    CompletableFuture<Map<Integer, Long>> submit(KafkaLoadTask task, SealedBatch batch, Map<Integer, Long> nextOffsets)
    {
        CompletableFuture<Map<Integer, Long>> done = new CompletableFuture<>();
        synchronized (this) {
            if (stopped) {
                done.completeExceptionally(stale());
                return done;
            }
            queue.add(new Pending(task, batch, Map.copyOf(nextOffsets), done));
            notifyAll();
        }
        return done;
    }

    /** The commit under way finishes (a commit is never interrupted); queued batches are dropped. */
    void stop()
    {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
    }

    @Override
    public void run()
    {
        while (true) {
            List<Pending> batches;
            synchronized (this) {
                while (queue.isEmpty() && !stopped) {
                    try {
                        wait();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                    }
                }
                if (stopped) {
                    for (Pending pending : queue) {
                        pending.done().completeExceptionally(stale());
                    }
                    queue.clear();
                    return;
                }
                batches = new ArrayList<>(queue);
                queue.clear();
            }
            commit(batches);
        }
    }

    private void commit(List<Pending> batches)
    {
        Optional<String> denial = runner.loadDenial();
        if (denial.isPresent()) {
            // Nothing of these batches is committed: after a RESUME the job reads them again from its offsets.
            runner.requestPause(new StateChangeReason(StateChangeReason.PRIVILEGE_ERROR, denial.get()));
            for (Pending pending : batches) {
                pending.task().commitFailed();
                pending.done().completeExceptionally(stale());
            }
            return;
        }
        long totalRows = 0;
        long loadedRows = 0;
        long errorRows = 0;
        long unselectedRows = 0;
        long receivedBytes = 0;
        long committedTasks = 0;
        long oldestStart = Long.MAX_VALUE;
        long oldestTimestamp = Long.MAX_VALUE;
        Map<Integer, Long> nextOffsets = new HashMap<>();
        Map<Integer, Long> timestamps = new HashMap<>();
        List<ColumnBatch> rows = new ArrayList<>(batches.size());
        List<RejectedRecord> rejected = new ArrayList<>();
        Optional<String> lastRejection = Optional.empty();
        boolean anyDelete = false;
        int rowCount = 0;
        for (Pending pending : batches) {
            SealedBatch batch = pending.batch();
            totalRows += batch.totalRows();
            loadedRows += batch.loadedRows();
            errorRows += batch.errorRows();
            unselectedRows += batch.unselectedRows();
            receivedBytes += batch.receivedBytes();
            if (batch.messages() > 0) {
                committedTasks++;
                oldestStart = Math.min(oldestStart, batch.startNanos());
            }
            if (batch.oldestTimestamp() >= 0) {
                oldestTimestamp = Math.min(oldestTimestamp, batch.oldestTimestamp());
            }
            nextOffsets.putAll(pending.nextOffsets());
            timestamps.putAll(batch.timestamps());
            rows.add(batch.write().rows());
            rowCount += batch.write().rows().rowCount();
            rejected.addAll(batch.rejected());
            if (batch.lastRejection().isPresent()) {
                lastRejection = batch.lastRejection();
            }
            anyDelete |= batch.write().deletes() != null;
        }
        TableWrite first = batches.get(0).batch().write();
        boolean[] deletes = null;
        if (anyDelete) {
            deletes = new boolean[rowCount];
            int offset = 0;
            for (Pending pending : batches) {
                TableWrite write = pending.batch().write();
                if (write.deletes() != null) {
                    System.arraycopy(write.deletes(), 0, deletes, offset, write.rows().rowCount());
                }
                offset += write.rows().rowCount();
            }
        }
        TableWrite write = new TableWrite(first.columnNames(), ColumnBatches.concat(rows), deletes, first.partialColumns(), first.mergeCondition());
        int retention = job.properties().logRejectedRecordNumber();
        if (rejected.size() > retention) {
            rejected = rejected.subList(rejected.size() - retention, rejected.size());
        }
        try {
            long aborted = runner.takeAbortedTasks();
            long elapsedMillis = oldestStart == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - oldestStart);
            LoadJobCounters increments = new LoadJobCounters(totalRows, loadedRows, errorRows, unselectedRows, receivedBytes, committedTasks, aborted, elapsedMillis);
            WriteResult result;
            long commitStart = System.nanoTime();
            try {
                result = runner.committer().commit(job.tableId(), new LoadCommit(job.id(), runner.generation(), write, nextOffsets, increments, rejected, retention));
            }
            catch (RuntimeException e) {
                runner.returnAbortedTasks(aborted);
                throw e;
            }
            job.commitSeconds().observeNanos(System.nanoTime() - commitStart);
            // OtherMsg first: whoever sees the new offsets also sees why rows of them were rejected.
            lastRejection.ifPresent(rejection -> runner.recordRejection("Last rejected row: " + rejection));
            if (result.rejectedRows() > 0) {
                // Only the table can tell (a new key in a partial update without a NOT NULL column): say so, at least.
                runner.recordRejection(result.rejectedRows() + " rows of the last batch were not written: " + result.firstRejection().orElse(""));
            }
            job.recordCommit(runner.generation(), increments, nextOffsets, timestamps);
            raiseLatestOffsets(nextOffsets);
            long now = System.currentTimeMillis();
            if (oldestTimestamp != Long.MAX_VALUE) {
                // A producer's clock ahead of ours would make it negative.
                job.freshnessSeconds().observe(Math.max(0, now - oldestTimestamp) / 1000.0);
            }
            for (Pending pending : batches) {
                pending.task().committed(pending.nextOffsets(), now);
            }
            if (totalRows > 0) {
                runner.errorWindow().record(totalRows, errorRows, job.properties()).ifPresent(runner::requestPause);
            }
            for (Pending pending : batches) {
                pending.done().complete(pending.nextOffsets());
            }
        }
        catch (RuntimeException | Error e) {
            for (Pending pending : batches) {
                pending.task().commitFailed();
                pending.done().completeExceptionally(e);
            }
        }
    }

    /**
     * The broker's end offsets are refreshed every few seconds; a commit past them proves they moved on. Without
     * this, OffsetLag would show 0 (latest minus committed, never negative) next to a LatestSourcePosition behind the
     * Progress until the next refresh.
     */
    private void raiseLatestOffsets(Map<Integer, Long> nextOffsets)
    {
        Map<Integer, Long> latest = job.latestOffsets();
        Map<Integer, Long> raised = null;
        for (Map.Entry<Integer, Long> entry : nextOffsets.entrySet()) {
            Long known = latest.get(entry.getKey());
            if (known == null || known < entry.getValue()) {
                if (raised == null) {
                    raised = new HashMap<>(latest);
                }
                raised.put(entry.getKey(), entry.getValue());
            }
        }
        if (raised != null) {
            job.recordLatestOffsets(raised);
        }
    }

    private SluiceException stale()
    {
        return new SluiceException(ErrorCode.STALE_LOAD_COMMIT, "Routine load job " + job.definition().name() + " generation " + runner.generation() + " stopped");
    }
}
