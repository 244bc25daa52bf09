package io.sluice.loader.kafka;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.StateChangeReason;
import io.sluice.loader.task.Backoff;
import io.sluice.loader.task.LoadBatch;
import io.sluice.loader.task.LoadBatch.SealedBatch;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One task of a routine load job: consumes its partitions on its own thread and hands each closed batch to the job's
 * {@link BatchCommitter}, decoding the next batch while the previous one commits. Each commit publishes the rows, the
 * partitions' next offsets and the counters atomically under the job generation the task was started with, so a task
 * the job no longer owns cannot commit, and a restart resumes exactly after the last commit.
 *
 * <p>The next offsets are the consumer's positions, not the last message's offset + 1: control records and aborted
 * transactions (read_committed) leave gaps that would otherwise look like lag forever.
 *
 * <p>A batch closes when it holds max_batch_rows rows, or once the task's previous batch is committed, when either
 * the consumer has caught up or the batch is older than the batch latency (the lowest of
 * {@code TaskTimings.batchLatency}, max_batch_interval and task_consume_second).
 */
final class KafkaLoadTask
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(KafkaLoadTask.class);

    private final KafkaJobRunner runner;
    private final RoutineLoadJob job;
    private final long generation;
    private final int index;
    private final String taskId;
    private final List<Integer> partitionList;
    private final int[] partitions;
    private final long createTimeMillis = System.currentTimeMillis();

    // Consumer thread only: per partition (parallel to partitions) the next offset handed to the committer.
    private final long[] handedOff;
    // Consumer thread only: by partition number, the next offset after the last message added to the open batch.
    private long[] addedNext = new long[0];
    private CompletableFuture<Map<Integer, Long>> inFlight;

    private volatile boolean stopped;
    private volatile SourceConsumer consumer;
    private volatile Map<Integer, Long> committedOffsets;
    private volatile long lastCommitMillis;
    // System.nanoTime() of the first message of the open batch and of the committing batch; 0 when there is none.
    private volatile long openBatchStartNanos;
    private volatile long inFlightStartNanos;
    private volatile String message = "";

    KafkaLoadTask(KafkaJobRunner runner, int index, List<Integer> partitions, Map<Integer, Long> startOffsets)
    {
        this.runner = runner;
        this.job = runner.job();
        this.generation = runner.generation();
        this.index = index;
        this.taskId = job.id() + "_" + generation + "_" + index;
        this.partitionList = List.copyOf(partitions);
        this.partitions = new int[partitions.size()];
        this.handedOff = new long[partitions.size()];
        Map<Integer, Long> committed = new TreeMap<>();
        for (int i = 0; i < this.partitions.length; i++) {
            int partition = partitions.get(i);
            this.partitions[i] = partition;
            Long start = startOffsets.get(partition);
            if (start == null) {
                throw new IllegalArgumentException("No start offset for partition " + partition);
            }
            handedOff[i] = start;
            committed.put(partition, start);
        }
        this.committedOffsets = Map.copyOf(committed);
    }

    String taskId()
    {
        return taskId;
    }

    List<Integer> partitions()
    {
        return partitionList;
    }

    long createTimeMillis()
    {
        return createTimeMillis;
    }

    Map<Integer, Long> committedOffsets()
    {
        return committedOffsets;
    }

    /** Time of the last commit, 0 before the first. */
    long lastCommitMillis()
    {
        return lastCommitMillis;
    }

    String message()
    {
        return message;
    }

    boolean committing()
    {
        return inFlightStartNanos != 0;
    }

    /** System.nanoTime() since which this task holds messages it has not committed; 0 when it holds none. */
    long uncommittedSinceNanos()
    {
        long committing = inFlightStartNanos;
        return committing != 0 ? committing : openBatchStartNanos;
    }

    /** Asks the task to end; its open batch is dropped (its generation is stale or the job is stopping anyway). */
    void stop()
    {
        stopped = true;
        SourceConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run()
    {
        try {
            LoadBatch batch = runner.newBatch();
            Backoff backoff = runner.newBackoff();
            while (!stopped) {
                try (SourceConsumer source = runner.openConsumer("task-" + index)) {
                    consumer = source;
                    if (stopped) {
                        return;
                    }
                    source.assign(partitionList);
                    for (int i = 0; i < partitions.length; i++) {
                        source.seek(partitions[i], handedOff[i]);
                    }
                    consume(source, batch, backoff);
                    return;
                }
                catch (WakeupException | InterruptException e) {
                    return;
                }
                catch (OffsetOutOfRangeException e) {
                    awaitInFlight(null);
                    if (!stopped) {
                        runner.offsetOutOfRange(e.offsetOutOfRangePartitions());
                    }
                    return;
                }
                catch (KafkaException e) {
                    if (stopped) {
                        return;
                    }
                    if (KafkaFailures.isPermanent(e)) {
                        runner.requestPause(new StateChangeReason(StateChangeReason.CREATE_TASKS_ERROR, KafkaFailures.describe(e)));
                        return;
                    }
                    // The open batch is dropped and read again from the offsets handed to the committer.
                    awaitInFlight(null);
                    batch.discard();
                    Arrays.fill(addedNext, 0);
                    openBatchStartNanos = 0;
                    message = KafkaFailures.describe(e);
                    runner.taskTrouble(this, message);
                    runner.pauseBetweenRetries(backoff.nextDelayMillis());
                }
                finally {
                    consumer = null;
                }
            }
        }
        catch (SluiceException e) {
            if (!stopped && e.errorCode() != ErrorCode.STALE_LOAD_COMMIT) {
                runner.requestPause(new StateChangeReason(StateChangeReason.TASKS_ABORT,
                        "Task " + taskId + " (partitions " + partitionList + ") could not commit: " + e.getMessage()));
            }
        }
        catch (RuntimeException | Error e) {
            if (!stopped) {
                log.error("Routine load job {}: task {} failed", job.definition().name(), taskId, e);
                runner.requestPause(new StateChangeReason(StateChangeReason.TASKS_ABORT, "Task " + taskId + " failed: " + e));
            }
        }
    }

    private void consume(SourceConsumer source, LoadBatch batch, Backoff backoff)
    {
        boolean ready = false;
        while (!stopped) {
            if (inFlight != null && inFlight.isDone()) {
                awaitInFlight(source);
            }
            int count = 0;
            for (ConsumerRecord<ByteBuffer, ByteBuffer> record : source.poll(runner.timings().pollTimeout())) {
                count++;
                int partition = record.partition();
                if (!batch.add(partition, record.offset(), record.timestamp(), record.value())) {
                    stopBefore(source, batch, partition, record.offset());
                    return;
                }
                if (partition >= addedNext.length) {
                    addedNext = Arrays.copyOf(addedNext, Math.max(partition + 1, addedNext.length * 2));
                }
                addedNext[partition] = record.offset() + 1;
            }
            if (!ready) {
                // The first poll came back: the broker answers this task.
                ready = true;
                message = "";
                backoff.reset();
            }
            boolean committing = inFlight != null && !inFlight.isDone();
            if (!batch.isEmpty()) {
                if (openBatchStartNanos == 0) {
                    openBatchStartNanos = batch.startNanos();
                }
                boolean full = batch.totalRows() >= job.properties().maxBatchRows();
                boolean due = count == 0 || System.nanoTime() - batch.startNanos() >= batchLatencyNanos();
                if (full || (due && !committing)) {
                    handOff(source, batch.seal(), positions(source));
                }
            }
            else if (count == 0 && !committing) {
                // Nothing to load, but control records or aborted transactions may have moved the positions: commit
                // them too, or the job would show lag that never goes away.
                Map<Integer, Long> moved = positions(source);
                if (!moved.isEmpty()) {
                    handOff(source, batch.seal(), moved);
                }
            }
        }
    }

    private long batchLatencyNanos()
    {
        long millis = Math.min(runner.timings().batchLatency().toMillis(),
                Math.min(job.properties().maxBatchIntervalSeconds(), job.properties().taskConsumeSeconds()) * 1000);
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The partitions whose position moved since the last hand-off, with their new positions (now handed off). */
    private Map<Integer, Long> positions(SourceConsumer source)
    {
        Map<Integer, Long> moved = new HashMap<>();
        for (int i = 0; i < partitions.length; i++) {
            long position = source.position(partitions[i]);
            if (position != handedOff[i]) {
                moved.put(partitions[i], position);
                handedOff[i] = position;
            }
        }
        return moved;
    }

    /**
     * pause_on_fatal_parse_error: the message at (partition, offset) cannot be parsed. The rows before it commit, the
     * offsets stop right before it, and the job pauses.
     */
    private void stopBefore(SourceConsumer source, LoadBatch batch, int fatalPartition, long fatalOffset)
    {
        String reason = batch.fatalReason();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (int i = 0; i < partitions.length; i++) {
            int partition = partitions[i];
            // Not the positions: this poll may have returned messages after the fatal one that were never added.
            long next = partition == fatalPartition ? fatalOffset : Math.max(handedOff[i], partition < addedNext.length ? addedNext[partition] : 0);
            if (next != handedOff[i]) {
                nextOffsets.put(partition, next);
                handedOff[i] = next;
            }
        }
        handOff(source, batch.seal(), nextOffsets);
        awaitInFlight(source);
        runner.requestPause(new StateChangeReason(StateChangeReason.TASKS_ABORT,
                "Message at partition " + fatalPartition + ", offset " + fatalOffset + " of topic " + job.source().topic() + " cannot be parsed ("
                        + reason + "). pause_on_fatal_parse_error is true, so the job stopped right before it; the rows before it are loaded. "
                        + "To skip it, ALTER ROUTINE LOAD FOR " + job.definition().name() + " FROM KAFKA (\"kafka_partitions\" = \"" + fatalPartition
                        + "\", \"kafka_offsets\" = \"" + (fatalOffset + 1) + "\") and RESUME; or set pause_on_fatal_parse_error to false "
                        + "to count such messages as error rows"));
    }

    private void handOff(SourceConsumer source, SealedBatch sealed, Map<Integer, Long> nextOffsets)
    {
        awaitInFlight(source);
        if (sealed.messages() == 0 && nextOffsets.isEmpty()) {
            return;
        }
        openBatchStartNanos = 0;
        inFlightStartNanos = sealed.messages() > 0 ? sealed.startNanos() : System.nanoTime();
        inFlight = runner.batchCommitter().submit(this, sealed, nextOffsets);
    }

    /** Waits for the committing batch, if any; rethrows its failure; then commits the group offsets (monitoring only). */
    private void awaitInFlight(SourceConsumer source)
    {
        if (inFlight == null) {
            return;
        }
        CompletableFuture<Map<Integer, Long>> committing = inFlight;
        inFlight = null;
        Map<Integer, Long> committed;
        try {
            committed = committing.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Commit failed", e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.STALE_LOAD_COMMIT, "Interrupted while committing");
        }
        if (source != null && !committed.isEmpty()) {
            source.commitGroupOffsets(committed);
        }
    }

    /** Called by the batch committer once this task's batch is in storage. */
    void committed(Map<Integer, Long> nextOffsets, long timeMillis)
    {
        Map<Integer, Long> offsets = new TreeMap<>(committedOffsets);
        offsets.putAll(nextOffsets);
        committedOffsets = Map.copyOf(offsets);
        lastCommitMillis = timeMillis;
        inFlightStartNanos = 0;
    }

    /** Called by the batch committer when the commit of this task's batch failed. */
    void commitFailed()
    {
        inFlightStartNanos = 0;
    }
}
