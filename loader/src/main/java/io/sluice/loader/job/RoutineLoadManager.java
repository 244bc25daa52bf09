package io.sluice.loader.job;

import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.kafka.KafkaLoadTask;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Owns the routine load jobs: creates, pauses, resumes and stops them, persists every state change, and runs one
 * consuming task per running job. Jobs and their progress survive restarts through storage.
 */
public final class RoutineLoadManager
        implements TaskListener, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(RoutineLoadManager.class);

    private final Storage storage;
    private final ExpressionCompiler expressionCompiler;
    private final Map<Long, RoutineLoadJob> jobs = new LinkedHashMap<>();
    private final Map<Long, RunningTask> tasks = new HashMap<>();
    private boolean closed;

    private record RunningTask(KafkaLoadTask task, Thread thread) {}

    public RoutineLoadManager(Storage storage, ExpressionCompiler expressionCompiler)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.expressionCompiler = requireNonNull(expressionCompiler, "expressionCompiler is null");
    }

    /** Restores the persisted jobs and restarts those that were running. */
    public synchronized void start()
    {
        for (LoadJobRecord record : storage.loadJobs()) {
            RoutineLoadJob job = new RoutineLoadJob(record.id(), record.tableId(), record.createTimeMillis(),
                    RoutineLoadDefinition.deserialize(record.definition()), JobState.valueOf(record.state()), record.generation(),
                    record.pauseTimeMillis(), record.endTimeMillis(), record.stateReason(), record.counters(), record.sourceOffsets());
            jobs.put(job.id(), job);
            if (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE) {
                if (storage.tableData(job.tableId()).isEmpty()) {
                    cancel(job, new StateChangeReason(StateChangeReason.TABLE_ERROR, "Table " + job.definition().tableName() + " has been dropped"));
                    continue;
                }
                schedule(job);
            }
        }
    }

    public synchronized RoutineLoadJob create(RoutineLoadDefinition requested)
    {
        storage.requireDatabase(requested.databaseName());
        TableInfo table = storage.table(requested.databaseName(), requested.tableName())
                .orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE,
                        "Table '" + requested.databaseName() + "." + requested.tableName() + "' doesn't exist"));
        if (!requested.dataSourceType().equalsIgnoreCase("KAFKA")) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Data source type " + requested.dataSourceType() + " is not supported; use KAFKA");
        }
        for (RoutineLoadJob existing : jobs.values()) {
            if (!existing.state().isFinal() && existing.definition().databaseName().equals(requested.databaseName())
                    && existing.definition().name().equals(requested.name())) {
                throw new SluiceException(ErrorCode.ROUTINE_LOAD_EXISTS, "Name " + requested.name() + " already used in db " + requested.databaseName());
            }
        }
        RoutineLoadDefinition definition = withGroupId(requested);
        long id = storage.nextId();
        long now = System.currentTimeMillis();
        RoutineLoadJob job = new RoutineLoadJob(id, table.id(), now, definition, JobState.RUNNING, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), LoadJobCounters.ZERO, Map.of());
        // Compile the mapping now so a bad COLUMNS or WHERE fails the statement, not the task.
        new RowAssembler(table.schema(), definition.columns(), definition.where(), job.properties().strictMode(), expressionCompiler, job.properties().timeZone());
        storage.createLoadJob(new LoadJobRecord(id, definition.databaseName(), definition.name(), table.id(), JobState.RUNNING.name(),
                definition.serialize(), now, Optional.empty(), Optional.empty(), Optional.empty(), 1, LoadJobCounters.ZERO, Map.of()));
        jobs.put(id, job);
        schedule(job);
        return job;
    }

    private static RoutineLoadDefinition withGroupId(RoutineLoadDefinition definition)
    {
        for (String key : definition.dataSourceProperties().keySet()) {
            if (key.equalsIgnoreCase("property.group.id")) {
                return definition;
            }
        }
        Map<String, String> source = new LinkedHashMap<>(definition.dataSourceProperties());
        source.put("property.group.id", definition.name() + "_" + UUID.randomUUID());
        return new RoutineLoadDefinition(definition.databaseName(), definition.name(), definition.tableName(), definition.columns(),
                definition.where(), definition.columnSeparator(), definition.rowDelimiter(), definition.partitions(),
                definition.jobProperties(), definition.dataSourceType(), source);
    }

    public synchronized void pause(String databaseName, String name)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        if (job.state() == JobState.PAUSED) {
            return;
        }
        requireTransition(job, JobState.PAUSED);
        pause(job, new StateChangeReason(StateChangeReason.MANUAL_PAUSE, "User root pauses routine load job"));
    }

    public synchronized void resume(String databaseName, String name)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        if (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE) {
            return;
        }
        requireTransition(job, JobState.RUNNING);
        changeState(job, JobState.RUNNING, Optional.empty(), Optional.empty());
        schedule(job);
    }

    public synchronized void stop(String databaseName, String name)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        requireTransition(job, JobState.STOPPED);
        stopTask(job);
        changeState(job, JobState.STOPPED, Optional.empty(), Optional.of(System.currentTimeMillis()));
    }

    /** Cancels the jobs loading a table that was dropped. */
    public synchronized void tableDropped(long tableId)
    {
        for (RoutineLoadJob job : jobs.values()) {
            if (job.tableId() == tableId && !job.state().isFinal()) {
                cancel(job, new StateChangeReason(StateChangeReason.TABLE_ERROR, "Table " + job.definition().tableName() + " has been dropped"));
            }
        }
    }

    public synchronized List<RoutineLoadJob> jobs()
    {
        return List.copyOf(jobs.values());
    }

    /** The job of that name: the active one if any, else the most recent final one. */
    public synchronized Optional<RoutineLoadJob> job(String databaseName, String name)
    {
        RoutineLoadJob found = null;
        for (RoutineLoadJob job : jobs.values()) {
            if (job.definition().databaseName().equals(databaseName) && job.definition().name().equals(name)) {
                if (!job.state().isFinal()) {
                    return Optional.of(job);
                }
                found = job;
            }
        }
        return Optional.ofNullable(found);
    }

    private RoutineLoadJob requireJob(String databaseName, String name)
    {
        return job(databaseName, name).orElseThrow(() -> new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND,
                "Routine load job [" + name + "] not found in db " + databaseName));
    }

    private static void requireTransition(RoutineLoadJob job, JobState target)
    {
        if (job.state().isFinal()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform " + job.state() + " to " + target);
        }
    }

    @Override
    public synchronized void pauseJob(RoutineLoadJob job, long generation, StateChangeReason reason)
    {
        if (job.generation() != generation || job.state() != JobState.RUNNING) {
            return;
        }
        log.warn("Pausing routine load job {}: {}", job.definition().name(), reason.message());
        pause(job, reason);
    }

    private void pause(RoutineLoadJob job, StateChangeReason reason)
    {
        stopTask(job);
        changeState(job, JobState.PAUSED, Optional.of(reason), Optional.empty());
    }

    private void cancel(RoutineLoadJob job, StateChangeReason reason)
    {
        stopTask(job);
        changeState(job, JobState.CANCELLED, Optional.of(reason), Optional.of(System.currentTimeMillis()));
    }

    private void changeState(RoutineLoadJob job, JobState state, Optional<StateChangeReason> reason, Optional<Long> endTime)
    {
        long generation = job.generation() + 1;
        Optional<Long> pauseTime = state == JobState.PAUSED ? Optional.of(System.currentTimeMillis()) : job.pauseTimeMillis();
        Optional<String> reasonText = reason.map(StateChangeReason::toString);
        storage.updateLoadJob(job.id(), state.name(), reasonText, pauseTime, endTime, generation, job.definition().serialize());
        job.setState(state, generation, pauseTime, endTime, reasonText);
    }

    private void schedule(RoutineLoadJob job)
    {
        if (closed) {
            return;
        }
        KafkaLoadTask task = new KafkaLoadTask(job, job.generation(), storage, expressionCompiler, this);
        Thread thread = new Thread(task, "routine-load-" + job.definition().name() + "-" + job.id());
        thread.setDaemon(true);
        tasks.put(job.id(), new RunningTask(task, thread));
        thread.start();
    }

    private void stopTask(RoutineLoadJob job)
    {
        RunningTask running = tasks.remove(job.id());
        if (running == null) {
            return;
        }
        running.task().stop();
        // A task calling pauseJob holds no lock while consuming, so joining here cannot deadlock for long;
        // the generation check rejects anything it still tries to commit.
        if (running.thread() != Thread.currentThread()) {
            try {
                running.thread().join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        for (RoutineLoadJob job : new ArrayList<>(jobs.values())) {
            stopTask(job);
        }
    }
}
