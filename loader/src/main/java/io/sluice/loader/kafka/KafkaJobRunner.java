package io.sluice.loader.kafka;

import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.job.JobProperties;
import io.sluice.loader.job.LoadPipeline;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.StateChangeReason;
import io.sluice.loader.job.TaskListener;
import io.sluice.loader.job.TaskStatus;
import io.sluice.loader.task.Backoff;
import io.sluice.loader.task.ErrorWindow;
import io.sluice.loader.task.LoadBatch;
import io.sluice.loader.task.LoadCommitter;
import io.sluice.loader.task.TaskAssignment;
import io.sluice.loader.task.TaskTimings;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Runs one generation of a routine load job: finds the topic's partitions, pins the start offsets of partitions the
 * job has never read, starts min(partitions, desired_concurrent_number) {@link KafkaLoadTask}s, then supervises them
 * on its own thread: LatestSourcePosition, new partitions, task timeouts, broker outages (UNSTABLE, with retries and
 * backoff, back to RUNNING by itself) and pause requests of the tasks.
 *
 * <p>Anything that changes the set of tasks (new partitions, a task that could not commit within task_timeout_second;
 * ALTER does the same through the manager) asks the manager for a new generation: the manager stops this runner and
 * starts another, which reads the committed offsets from storage. The old tasks' commits then fail their generation
 * check, so nothing is loaded twice.
 *
 * <p>The runner calls its {@link TaskListener} from a short-lived thread of its own: the manager holds its lock
 * while it stops runners and waits for them, so a runner must never wait for that lock.
 */
public final class KafkaJobRunner
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(KafkaJobRunner.class);
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RoutineLoadJob job;
    private final long generation;
    private final Storage storage;
    private final LoadCommitter committer;
    private final ExpressionCompiler expressionCompiler;
    private final KafkaClients clients;
    private final TaskTimings timings;
    private final TaskListener listener;
    private final ErrorWindow errorWindow = new ErrorWindow();
    private final AtomicLong abortedTasks;
    private final Object monitor = new Object();

    private volatile boolean stopped;
    private volatile SourceConsumer metadataConsumer;
    private volatile TableSchema schema;
    private volatile List<KafkaLoadTask> tasks = List.of();
    private final BatchCommitter batchCommitter;
    // Guarded by monitor: the tasks' threads and the batch committer's.
    private List<Thread> threads = List.of();

    private final UnstableState unstableState;
    // Guarded by monitor.
    private StateChangeReason pauseRequest;

    /**
     * @param abortedTasks tasks the previous generation aborted (task_timeout_second); counted with this one's first commit
     */
    public KafkaJobRunner(RoutineLoadJob job, long generation, Storage storage, LoadCommitter committer, ExpressionCompiler expressionCompiler,
            KafkaClients clients, TaskTimings timings, TaskListener listener, long abortedTasks)
    {
        this.job = requireNonNull(job, "job is null");
        this.generation = generation;
        this.storage = requireNonNull(storage, "storage is null");
        this.committer = requireNonNull(committer, "committer is null");
        this.expressionCompiler = requireNonNull(expressionCompiler, "expressionCompiler is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.timings = requireNonNull(timings, "timings is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.abortedTasks = new AtomicLong(abortedTasks);
        this.batchCommitter = new BatchCommitter(this);
        this.unstableState = new UnstableState(job, generation);
    }

    RoutineLoadJob job()
    {
        return job;
    }

    /** Why this job may not commit now (its creator lost the privileges to load), or empty. */
    Optional<String> loadDenial()
    {
        return listener.loadDenial(job);
    }

    long generation()
    {
        return generation;
    }

    TaskTimings timings()
    {
        return timings;
    }

    LoadCommitter committer()
    {
        return committer;
    }

    ErrorWindow errorWindow()
    {
        return errorWindow;
    }

    BatchCommitter batchCommitter()
    {
        return batchCommitter;
    }

    /** Asks the runner and its tasks to end; returns at once (the manager waits for the thread). */
    public void stop()
    {
        stopped = true;
        SourceConsumer metadata = metadataConsumer;
        if (metadata != null) {
            metadata.wakeup();
        }
        for (KafkaLoadTask task : tasks) {
            task.stop();
        }
        batchCommitter.stop();
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    @Override
    public void run()
    {
        try {
            Optional<TableData> table = storage.tableData(job.tableId());
            if (table.isEmpty()) {
                notifyPause(new StateChangeReason(StateChangeReason.TABLE_ERROR, "Table " + job.definition().tableName() + " does not exist any more"));
                return;
            }
            schema = table.get().table().schema();
            // A mapping that no longer compiles (ALTER TABLE dropped a column) pauses the job with the reason.
            newBatch();
            restoreProgress();
            runGeneration();
        }
        catch (WakeupException | InterruptException e) {
            // stop()
        }
        catch (SluiceException e) {
            if (!stopped && e.errorCode() != ErrorCode.STALE_LOAD_COMMIT) {
                notifyPause(new StateChangeReason(StateChangeReason.TASKS_ABORT, e.getMessage()));
            }
        }
        catch (RuntimeException | Error e) {
            if (!stopped) {
                log.error("Routine load job {} failed", job.definition().name(), e);
                notifyPause(new StateChangeReason(StateChangeReason.TASKS_ABORT, "Job failed: " + e));
            }
        }
        finally {
            stopTasks();
            if (isCurrent()) {
                job.recordTaskCount(0);
                job.recordTaskStatuses(List.of());
            }
        }
    }

    /** Storage holds the truth after a generation change: commits of the old generation may have landed late. */
    private void restoreProgress()
    {
        for (LoadJobRecord record : storage.loadJobs()) {
            if (record.id() == job.id()) {
                job.restoreProgress(generation, record.counters(), record.sourceOffsets());
                return;
            }
        }
    }

    private void runGeneration()
    {
        Backoff backoff = newBackoff();
        while (!stopped) {
            try (SourceConsumer metadata = openConsumer("coordinator")) {
                metadataConsumer = metadata;
                if (stopped) {
                    return;
                }
                while (!stopped) {
                    Optional<List<Integer>> partitions = discover(metadata);
                    if (partitions.isPresent()) {
                        // Assigned, never polled: kafka-clients then keeps the end offsets it fetches without a warning each time.
                        metadata.assign(partitions.get());
                        Map<Integer, Long> startOffsets = pinStartOffsets(metadata, partitions.get());
                        refreshLatestOffsets(metadata, partitions.get());
                        startTasks(partitions.get(), startOffsets);
                        superviseUntilStopped(metadata, partitions.get());
                        return;
                    }
                    pauseBetweenRetries(backoff.nextDelayMillis());
                }
            }
            catch (WakeupException | InterruptException e) {
                return;
            }
            catch (KafkaException e) {
                if (stopped) {
                    return;
                }
                if (KafkaFailures.isPermanent(e)) {
                    notifyPause(new StateChangeReason(StateChangeReason.CREATE_TASKS_ERROR, KafkaFailures.describe(e)));
                    return;
                }
                unstable(KafkaFailures.describe(e));
                pauseBetweenRetries(backoff.nextDelayMillis());
            }
            finally {
                metadataConsumer = null;
            }
        }
    }

    /** The partitions to load, or empty (after saying why: UNSTABLE) while the topic or a listed partition is missing. */
    private Optional<List<Integer>> discover(SourceConsumer metadata)
    {
        KafkaSourceProperties source = job.source();
        List<Integer> existing = metadata.partitions(timings.metadataTimeout());
        if (existing.isEmpty()) {
            unstable("Topic " + source.topic() + " does not exist (or has no partitions) on " + source.brokerList() + "; retrying");
            return Optional.empty();
        }
        if (source.partitions().isEmpty()) {
            return Optional.of(existing);
        }
        List<Integer> wanted = new ArrayList<>(source.partitions());
        for (int partition : wanted) {
            if (!existing.contains(partition)) {
                unstable("Partition " + partition + " of topic " + source.topic() + " does not exist (the topic has partitions " + existing + "); retrying");
                return Optional.empty();
            }
        }
        wanted.sort(null);
        return Optional.of(List.copyOf(wanted));
    }

    /**
     * Gives every partition without a committed offset its start offset (kafka_offsets or kafka_default_offsets) as a
     * number, committed before any task starts, so that a restart starts at the same place. A partition that appears
     * after the job's first start and starts at OFFSET_END skips the messages already in it: that is said in OtherMsg
     * and the log, never silently.
     */
    private Map<Integer, Long> pinStartOffsets(SourceConsumer metadata, List<Integer> partitions)
    {
        Map<Integer, Long> committed = job.committedOffsets();
        List<Integer> missing = new ArrayList<>();
        for (int partition : partitions) {
            if (!committed.containsKey(partition)) {
                missing.add(partition);
            }
        }
        Map<Integer, Long> startOffsets = new TreeMap<>();
        for (int partition : partitions) {
            if (committed.containsKey(partition)) {
                startOffsets.put(partition, committed.get(partition));
            }
        }
        if (missing.isEmpty()) {
            return startOffsets;
        }
        KafkaSourceProperties source = job.source();
        Map<Integer, Long> beginning = metadata.beginningOffsets(missing, timings.metadataTimeout());
        Map<Integer, Long> end = metadata.endOffsets(missing, timings.metadataTimeout());
        boolean firstStart = committed.isEmpty();
        Map<Integer, Long> pinned = new TreeMap<>();
        List<String> skips = new ArrayList<>();
        for (int partition : missing) {
            String start = source.startOffset(partition);
            long offset = switch (start) {
                case KafkaSourceProperties.OFFSET_BEGINNING -> beginning.get(partition);
                case KafkaSourceProperties.OFFSET_END -> end.get(partition);
                default -> Long.parseLong(start);
            };
            pinned.put(partition, offset);
            long skipped = end.get(partition) - beginning.get(partition);
            boolean explicit = source.partitions().contains(partition);
            if (!firstStart && !explicit && start.equals(KafkaSourceProperties.OFFSET_END) && skipped > 0) {
                skips.add("partition " + partition + " skips its " + skipped + " earlier messages (offsets " + beginning.get(partition) + " to "
                        + (end.get(partition) - 1) + ")");
            }
        }
        long aborted = takeAbortedTasks();
        LoadJobCounters increments = new LoadJobCounters(0, 0, 0, 0, 0, 0, aborted, 0);
        try {
            committer.commit(job.tableId(), new LoadCommit(job.id(), generation, emptyWrite(), pinned, increments));
        }
        catch (RuntimeException e) {
            returnAbortedTasks(aborted);
            throw e;
        }
        job.recordCommit(generation, increments, pinned, Map.of());
        startOffsets.putAll(pinned);
        if (!skips.isEmpty()) {
            String notice = "New partitions of topic " + source.topic() + " start at OFFSET_END (property.kafka_default_offsets) at "
                    + TIME_FORMAT.format(Instant.now()) + ": " + String.join("; ", skips) + ". To load them, PAUSE, ALTER ROUTINE LOAD FOR "
                    + job.definition().name() + " FROM KAFKA (\"kafka_partitions\" = \"...\", \"kafka_offsets\" = \"OFFSET_BEGINNING,...\") and RESUME";
            log.warn("Routine load job {}: {}", job.definition().name(), notice);
            recordOtherMessage(notice);
        }
        else if (!firstStart) {
            log.info("Routine load job {}: new partitions {} of topic {} start at {}", job.definition().name(), missing, source.topic(), pinned);
        }
        return startOffsets;
    }

    private TableWrite emptyWrite()
    {
        return TableWrite.rows(schema, new ColumnBatchBuilder(TableData.physicalTypes(schema)).build());
    }

    private void startTasks(List<Integer> partitions, Map<Integer, Long> startOffsets)
    {
        List<List<Integer>> assignment = TaskAssignment.assign(partitions, job.properties().desiredConcurrentNumber());
        List<KafkaLoadTask> created = new ArrayList<>();
        for (int index = 0; index < assignment.size(); index++) {
            created.add(new KafkaLoadTask(this, index, assignment.get(index), startOffsets));
        }
        List<Thread> started = new ArrayList<>();
        synchronized (monitor) {
            if (stopped) {
                return;
            }
            tasks = List.copyOf(created);
            Thread committerThread = new Thread(batchCommitter, "routine-load-" + job.definition().name() + "-commit-" + job.id() + "_" + generation);
            committerThread.setDaemon(true);
            started.add(committerThread);
            for (KafkaLoadTask task : created) {
                Thread thread = new Thread(task, "routine-load-" + job.definition().name() + "-task-" + task.taskId());
                thread.setDaemon(true);
                started.add(thread);
            }
            threads = List.copyOf(started);
        }
        for (Thread thread : started) {
            thread.start();
        }
        log.info("Routine load job {} (generation {}) runs {} tasks over partitions {} of topic {}", job.definition().name(), generation,
                created.size(), partitions, job.source().topic());
        publishStatuses();
    }

    /** Once the tasks run, a failure ends the generation: retrying here would start a second set of tasks. */
    private void superviseUntilStopped(SourceConsumer metadata, List<Integer> partitions)
    {
        try {
            supervise(metadata, partitions);
        }
        catch (WakeupException | InterruptException e) {
            // stop()
        }
        catch (KafkaException e) {
            if (!stopped) {
                notifyReschedule(KafkaFailures.describe(e), 0);
            }
        }
    }

    private void supervise(SourceConsumer metadata, List<Integer> partitions)
    {
        long nextLatest = System.nanoTime() + timings.latestOffsetsInterval().toNanos();
        long nextDiscovery = System.nanoTime() + timings.partitionDiscoveryInterval().toNanos();
        while (!stopped) {
            StateChangeReason pause;
            synchronized (monitor) {
                if (pauseRequest == null && !stopped) {
                    try {
                        monitor.wait(Math.max(1, timings.supervisionInterval().toMillis()));
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                pause = pauseRequest;
            }
            if (stopped) {
                return;
            }
            if (pause != null) {
                notifyPause(pause);
                return;
            }
            long now = System.nanoTime();
            if (now - nextLatest >= 0) {
                refreshLatestOffsets(metadata, partitions);
                nextLatest = now + timings.latestOffsetsInterval().toNanos();
            }
            if (job.source().partitions().isEmpty() && now - nextDiscovery >= 0) {
                nextDiscovery = now + timings.partitionDiscoveryInterval().toNanos();
                Optional<List<Integer>> found = discoverQuietly(metadata);
                if (found.isPresent() && !found.get().equals(partitions)) {
                    notifyReschedule("Partitions of topic " + job.source().topic() + " changed from " + partitions + " to " + found.get(), 0);
                    return;
                }
            }
            long timeoutNanos = TimeUnit.SECONDS.toNanos(job.properties().taskTimeoutSeconds());
            for (KafkaLoadTask task : tasks) {
                long since = task.uncommittedSinceNanos();
                if (since != 0 && now - since > timeoutNanos) {
                    String reason = "Task " + task.taskId() + " (partitions " + task.partitions() + ") did not commit within task_timeout_second = "
                            + job.properties().taskTimeoutSeconds() + " s; it was aborted and its partitions are read again from the last commit at "
                            + TIME_FORMAT.format(Instant.now());
                    log.warn("Routine load job {}: {}", job.definition().name(), reason);
                    recordOtherMessage(reason);
                    notifyReschedule(reason, 1);
                    return;
                }
            }
            publishStatuses();
        }
    }

    /** Discovery during supervision: a failure only makes the job UNSTABLE (the refresh of latest offsets says why). */
    private Optional<List<Integer>> discoverQuietly(SourceConsumer metadata)
    {
        try {
            return discover(metadata);
        }
        catch (WakeupException | InterruptException e) {
            throw e;
        }
        catch (KafkaException e) {
            unstable(KafkaFailures.describe(e));
            return Optional.empty();
        }
    }

    private void refreshLatestOffsets(SourceConsumer metadata, List<Integer> partitions)
    {
        try {
            Map<Integer, Long> latest = new TreeMap<>(metadata.endOffsets(partitions, timings.metadataTimeout()));
            // A commit may have passed these end offsets while they were fetched: they are never behind the progress.
            job.committedOffsets().forEach((partition, next) -> latest.merge(partition, next, Math::max));
            job.recordLatestOffsets(latest);
        }
        catch (WakeupException | InterruptException e) {
            throw e;
        }
        catch (KafkaException e) {
            unstable(KafkaFailures.describe(e));
            return;
        }
        unstableState.answered();
    }

    private void publishStatuses()
    {
        if (!isCurrent()) {
            return;
        }
        List<TaskStatus> statuses = new ArrayList<>();
        long timeoutSeconds = job.properties().taskTimeoutSeconds();
        for (KafkaLoadTask task : tasks) {
            long lastCommit = task.lastCommitMillis();
            String state = task.committing() ? "COMMITTING" : task.message().isEmpty() ? "RUNNING" : "RETRYING";
            statuses.add(new TaskStatus(task.taskId(), job.id(), task.partitions(), task.committedOffsets(), task.createTimeMillis(),
                    lastCommit == 0 ? Optional.empty() : Optional.of(lastCommit), timeoutSeconds, state, task.message()));
        }
        job.recordTaskStatuses(statuses);
        job.recordTaskCount(statuses.size());
    }

    private void stopTasks()
    {
        List<Thread> running;
        synchronized (monitor) {
            stopped = true;
            running = threads;
        }
        for (KafkaLoadTask task : tasks) {
            task.stop();
        }
        batchCommitter.stop();
        long deadline = System.nanoTime() + timings.stopTimeout().toNanos();
        for (Thread thread : running) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0 || thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(remaining);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- called by the tasks

    LoadBatch newBatch()
    {
        JobProperties properties = job.properties();
        RowAssembler assembler = LoadPipeline.assembler(schema, job.definition(), properties, expressionCompiler);
        LoadBatch.BatchOptions options = new LoadBatch.BatchOptions(
                assembler.hasOperation(),
                properties.partialUpdate() ? Optional.of(assembler.targetColumns()) : Optional.empty(),
                properties.mergeCondition(),
                properties.logRejectedRecordNumber(),
                properties.pauseOnFatalParseError());
        return new LoadBatch(job.id(), schema, assembler, LoadPipeline.decoder(job.definition(), properties, assembler), options);
    }

    Backoff newBackoff()
    {
        return new Backoff(timings.retryBackoff(), timings.maxRetryBackoff());
    }

    SourceConsumer openConsumer(String role)
    {
        KafkaSourceProperties source = job.source();
        String groupId = source.groupId().orElse(job.definition().name() + "_" + job.id());
        String clientId = source.consumerProperties().getOrDefault("client.id", "sluice-" + job.definition().name()) + "-" + generation + "-" + role;
        Properties properties = ConsumerSettings.forJob(source, groupId, clientId);
        return clients.open(properties, source.topic());
    }

    /** Waits before a retry; returns early when stopped. */
    void pauseBetweenRetries(long millis)
    {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (monitor) {
            while (!stopped) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    return;
                }
                try {
                    monitor.wait(remaining);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A task asks for the job to pause; the first request wins. */
    void requestPause(StateChangeReason reason)
    {
        synchronized (monitor) {
            if (pauseRequest == null) {
                pauseRequest = reason;
            }
            monitor.notifyAll();
        }
    }

    /** A task could not reach the broker (it retries by itself). */
    void taskTrouble(KafkaLoadTask task, String message)
    {
        if (!stopped) {
            unstableState.taskTrouble("Task " + task.taskId() + ": " + message);
        }
    }

    void offsetOutOfRange(Map<TopicPartition, Long> offsets)
    {
        requestPause(OffsetOutOfRange.reason(job, offsets, availableRanges(OffsetOutOfRange.partitions(offsets))));
    }

    /** What the broker still holds, for the out-of-range reason; empty if it cannot tell. */
    private Optional<Map<Integer, OffsetOutOfRange.Range>> availableRanges(List<Integer> partitions)
    {
        // Called from a task thread while the coordinator may be using its consumer: asked on a consumer of its own.
        try (SourceConsumer consumer = openConsumer("range")) {
            Map<Integer, Long> beginning = consumer.beginningOffsets(partitions, timings.metadataTimeout());
            Map<Integer, Long> end = consumer.endOffsets(partitions, timings.metadataTimeout());
            Map<Integer, OffsetOutOfRange.Range> ranges = new TreeMap<>();
            for (int partition : partitions) {
                ranges.put(partition, new OffsetOutOfRange.Range(beginning.get(partition), end.get(partition)));
            }
            return Optional.of(ranges);
        }
        catch (KafkaException e) {
            return Optional.empty();
        }
    }

    void recordRejection(String message)
    {
        recordOtherMessage(message);
    }

    long takeAbortedTasks()
    {
        return abortedTasks.getAndSet(0);
    }

    void returnAbortedTasks(long count)
    {
        abortedTasks.addAndGet(count);
    }

    // ---- state shown by SHOW ROUTINE LOAD

    private boolean isCurrent()
    {
        return job.generation() == generation;
    }

    private void recordOtherMessage(String message)
    {
        if (isCurrent()) {
            job.recordOtherMessage(message);
        }
    }

    private void unstable(String reason)
    {
        if (!stopped) {
            unstableState.unstable(reason);
        }
    }

    private void notifyPause(StateChangeReason reason)
    {
        stopped = true;
        Thread thread = new Thread(() -> listener.pauseJob(job, generation, reason), "routine-load-" + job.definition().name() + "-pause");
        thread.setDaemon(true);
        thread.start();
    }

    private void notifyReschedule(String reason, long aborted)
    {
        stopped = true;
        Thread thread = new Thread(() -> listener.rescheduleJob(job, generation, reason, aborted), "routine-load-" + job.definition().name() + "-reschedule");
        thread.setDaemon(true);
        thread.start();
    }
}
