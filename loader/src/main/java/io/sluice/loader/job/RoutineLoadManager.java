package io.sluice.loader.job;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.task.LoadCommitter;
import io.sluice.loader.task.TaskTimings;
import io.sluice.loader.kafka.KafkaClients;
import io.sluice.loader.kafka.KafkaJobRunner;
import io.sluice.loader.kafka.KafkaSourceProperties;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
    private final KafkaClients kafkaClients;
    private final LoadCommitter committer;
    private final TaskTimings timings;
    private final Map<Long, RoutineLoadJob> jobs = new LinkedHashMap<>();
    private final Map<Long, RunningTask> tasks = new HashMap<>();
    private boolean closed;
    private volatile LoadAuthorizer authorizer = LoadAuthorizer.ALLOW_ALL;

    private record RunningTask(KafkaJobRunner runner, Thread thread) {}

    /** Sets who decides whether a job's creator may still load (by default everyone may). */
    public void setAuthorizer(LoadAuthorizer authorizer)
    {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public Optional<String> loadDenial(RoutineLoadJob job)
    {
        RoutineLoadDefinition definition = job.definition();
        if (definition.creator().isEmpty()) {
            return Optional.empty();
        }
        return authorizer.denial(definition.creator(), definition.databaseName(), definition.tableName());
    }

    public RoutineLoadManager(Storage storage, ExpressionCompiler expressionCompiler)
    {
        this(storage, expressionCompiler, KafkaClients.KAFKA, LoadCommitter.of(storage), TaskTimings.DEFAULT);
    }

    /** With other Kafka clients, commit path and clocks: tests use a fake broker and short timings. */
    public RoutineLoadManager(Storage storage, ExpressionCompiler expressionCompiler, KafkaClients kafkaClients, LoadCommitter committer, TaskTimings timings)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.expressionCompiler = requireNonNull(expressionCompiler, "expressionCompiler is null");
        this.kafkaClients = requireNonNull(kafkaClients, "kafkaClients is null");
        this.committer = requireNonNull(committer, "committer is null");
        this.timings = requireNonNull(timings, "timings is null");
    }

    /** Restores the persisted jobs and restarts those that were running. */
    public synchronized void start()
    {
        for (LoadJobRecord record : storage.loadJobs()) {
            RoutineLoadJob job = new RoutineLoadJob(record.id(), record.tableId(), record.createTimeMillis(),
                    RoutineLoadDefinition.deserialize(record.definition()), JobState.valueOf(record.state()), record.generation(),
                    record.pauseTimeMillis(), record.endTimeMillis(), record.stateReason(), record.counters(), record.sourceOffsets());
            jobs.put(job.id(), job);
            // DROP TABLE / DATABASE commits the catalog first and cancels the jobs after it: a crash in between leaves
            // live jobs (PAUSED ones too) of a table that is gone, and the restart finishes the DROP.
            if (!job.state().isFinal() && storage.tableData(job.tableId()).isEmpty()) {
                cancel(job, droppedReason(job));
                continue;
            }
            if (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE) {
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
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "routine load job does not support this type " + requested.dataSourceType());
        }
        for (RoutineLoadJob existing : jobs.values()) {
            if (!existing.state().isFinal() && existing.definition().databaseName().equals(requested.databaseName())
                    && existing.definition().name().equals(requested.name())) {
                throw new SluiceException(ErrorCode.ROUTINE_LOAD_EXISTS, "Name " + requested.name() + " already used in db " + requested.databaseName());
            }
        }
        RoutineLoadDefinition definition = withGroupId(requested);
        // Everything is checked now, so a bad property, COLUMNS or WHERE fails the statement, not the task. Kafka is not contacted.
        validate(definition, table);
        long id = storage.nextId();
        long now = System.currentTimeMillis();
        RoutineLoadJob job = new RoutineLoadJob(id, table.id(), now, definition, JobState.RUNNING, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), LoadJobCounters.ZERO, Map.of());
        storage.createLoadJob(new LoadJobRecord(id, definition.databaseName(), definition.name(), table.id(), JobState.RUNNING.name(),
                definition.serialize(), now, Optional.empty(), Optional.empty(), Optional.empty(), 1, LoadJobCounters.ZERO, Map.of()));
        jobs.put(id, job);
        log.info("Created routine load job {}.{} (id {}) on table {}", definition.databaseName(), definition.name(), id, definition.tableName());
        schedule(job);
        return job;
    }

    /** Every check a definition must pass against its table, without contacting Kafka. */
    private void validate(RoutineLoadDefinition definition, TableInfo table)
    {
        JobProperties properties = new JobProperties(definition.jobProperties());
        new KafkaSourceProperties(definition.dataSourceProperties());
        definition.validateLoadProperties();
        properties.checkTable(table, definition.columns());
        LoadPipeline.decoder(definition, properties, LoadPipeline.assembler(table.schema(), definition, properties, expressionCompiler));
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
                definition.jobProperties(), definition.dataSourceType(), source, definition.creator());
    }

    public synchronized void pause(String databaseName, String name)
    {
        pause(databaseName, name, "root");
    }

    /** PAUSE ROUTINE LOAD: RUNNING (or NEED_SCHEDULE) to PAUSED; pausing a paused job is an error, as in StarRocks. */
    public synchronized void pause(String databaseName, String name, String user)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        requireTransition(job, JobState.PAUSED);
        pause(job, new StateChangeReason(StateChangeReason.MANUAL_PAUSE, "User " + user + " pauses routine load job"));
    }

    /** PAUSE ALL ROUTINE LOAD: every running job of the database; returns how many were paused. */
    public synchronized int pauseAll(String databaseName, String user)
    {
        storage.requireDatabase(databaseName);
        int count = 0;
        for (RoutineLoadJob job : List.copyOf(jobs.values())) {
            if (job.definition().databaseName().equals(databaseName) && (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE)) {
                pause(job, new StateChangeReason(StateChangeReason.MANUAL_PAUSE, "User " + user + " pauses routine load job"));
                count++;
            }
        }
        return count;
    }

    /** RESUME ROUTINE LOAD: PAUSED to running again, from the committed offsets; a running job stays as it is. */
    public synchronized void resume(String databaseName, String name)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        if (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE) {
            return;
        }
        requireTransition(job, JobState.RUNNING);
        resume(job);
    }

    /** RESUME ALL ROUTINE LOAD: every paused job of the database; returns how many were resumed. */
    public synchronized int resumeAll(String databaseName)
    {
        storage.requireDatabase(databaseName);
        int count = 0;
        for (RoutineLoadJob job : List.copyOf(jobs.values())) {
            if (job.definition().databaseName().equals(databaseName) && job.state() == JobState.PAUSED) {
                resume(job);
                count++;
            }
        }
        return count;
    }

    private void resume(RoutineLoadJob job)
    {
        job.recordOtherMessage("");
        changeState(job, JobState.RUNNING, Optional.empty(), Optional.empty());
        schedule(job);
    }

    public synchronized void stop(String databaseName, String name)
    {
        stop(databaseName, name, "root");
    }

    /** STOP ROUTINE LOAD: final; the job keeps its statistics and progress for SHOW ALL ROUTINE LOAD. */
    public synchronized void stop(String databaseName, String name, String user)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        requireTransition(job, JobState.STOPPED);
        stopTask(job);
        changeState(job, JobState.STOPPED, Optional.of(new StateChangeReason(StateChangeReason.MANUAL_STOP, "User " + user + " stops routine load job")),
                Optional.of(System.currentTimeMillis()));
    }

    /**
     * ALTER ROUTINE LOAD. A PAUSED job may change anything but its topic; a running one only the job properties of
     * {@link JobProperties#ALTERABLE_WHILE_RUNNING}, which its next batch uses: the task is restarted under a new
     * generation and re-reads from the committed offsets, so nothing is lost or loaded twice. kafka_partitions with
     * kafka_offsets set where those partitions continue (OFFSET_BEGINNING/OFFSET_END are asked of the broker through
     * {@code resolver}, outside the manager's lock). The new definition is persisted.
     */
    public RoutineLoadJob alter(String databaseName, String name, RoutineLoadAlteration alteration, OffsetResolver resolver)
    {
        AlterPlan plan = prepareAlter(databaseName, name, alteration);
        Map<Integer, Long> offsets = new HashMap<>(plan.offsets());
        if (!plan.positions().isEmpty()) {
            Map<Integer, Long> resolved = resolver.resolve(plan.source(), plan.positions());
            for (Integer partition : plan.positions().keySet()) {
                Long offset = resolved.get(partition);
                if (offset == null) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE, "The broker returned no offset for partition " + partition);
                }
                offsets.put(partition, offset);
            }
        }
        return applyAlter(plan, offsets);
    }

    private record AlterPlan(RoutineLoadJob job, long generation, JobState state, RoutineLoadDefinition definition, KafkaSourceProperties source,
            Map<Integer, Long> offsets, Map<Integer, String> positions) {}

    private synchronized AlterPlan prepareAlter(String databaseName, String name, RoutineLoadAlteration alteration)
    {
        RoutineLoadJob job = requireJob(databaseName, name);
        if (alteration.isEmpty()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "ALTER ROUTINE LOAD needs a load property, PROPERTIES (...) or FROM KAFKA (...)");
        }
        JobState state = job.state();
        if (state.isFinal() || (state != JobState.PAUSED && alteration.needsPausedJob())) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Only supports modification of PAUSED jobs"
                    + (state.isFinal() ? "" : "; a RUNNING job can change only " + String.join(", ", sorted(JobProperties.ALTERABLE_WHILE_RUNNING))));
        }
        String partitionsText = null;
        String offsetsText = null;
        for (Map.Entry<String, String> entry : alteration.dataSourceProperties().entrySet()) {
            String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "kafka_partitions" -> partitionsText = entry.getValue();
                case "kafka_offsets" -> offsetsText = entry.getValue();
                case "kafka_broker_list" -> {
                    // a new broker list for the same cluster: validated with the definition
                }
                default -> {
                    if (!key.startsWith(KafkaSourceProperties.PROPERTY_PREFIX)) {
                        throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, entry.getKey().trim() + " is invalid kafka custom property");
                    }
                }
            }
        }
        if (partitionsText != null && offsetsText == null) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Partition and offset must be specified at the same time");
        }
        if (partitionsText == null && offsetsText != null) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Missing kafka partition info");
        }
        RoutineLoadDefinition definition = job.definition().altered(alteration);
        TableInfo table = storage.tableData(job.tableId()).map(TableData::table)
                .orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + databaseName + "." + job.definition().tableName() + "' doesn't exist"));
        validate(definition, table);
        KafkaSourceProperties source = new KafkaSourceProperties(definition.dataSourceProperties());
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        Map<Integer, String> positions = new LinkedHashMap<>();
        if (partitionsText != null) {
            List<Integer> partitions = KafkaSourceProperties.parsePartitions(partitionsText);
            List<String> values = KafkaSourceProperties.parseOffsets(offsetsText, partitions.size());
            for (int i = 0; i < partitions.size(); i++) {
                int partition = partitions.get(i);
                if (!source.partitions().isEmpty() && !source.partitions().contains(partition)) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "The specified partition " + partition + " is not in the custom partitions");
                }
                if (source.partitions().isEmpty() && !job.committedOffsets().containsKey(partition)) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "The specified partition " + partition + " is not in the consumed partitions");
                }
                String value = values.get(i);
                if (value.equals(KafkaSourceProperties.OFFSET_BEGINNING) || value.equals(KafkaSourceProperties.OFFSET_END)) {
                    positions.put(partition, value);
                }
                else {
                    offsets.put(partition, Long.parseLong(value));
                }
            }
        }
        return new AlterPlan(job, job.generation(), state, definition, source, offsets, positions);
    }

    private synchronized RoutineLoadJob applyAlter(AlterPlan plan, Map<Integer, Long> offsets)
    {
        RoutineLoadJob job = plan.job();
        if (job.generation() != plan.generation() || job.state() != plan.state()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE,
                    "Routine load job " + job.definition().name() + " changed while it was being altered (now " + job.displayState() + "); run ALTER again");
        }
        boolean running = job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE;
        if (running) {
            stopTask(job);
        }
        if (!offsets.isEmpty()) {
            // Progress changes like a batch that loaded nothing: under the job's generation, in one metadata transaction.
            TableWrite nothing = new TableWrite(List.of(), new ColumnBatch(List.of(), 0), null, Optional.empty(), Optional.empty());
            storage.commitLoad(job.tableId(), new LoadCommit(job.id(), job.generation(), nothing, offsets, LoadJobCounters.ZERO));
            job.recordCommit(LoadJobCounters.ZERO, offsets, Map.of());
        }
        long generation = job.generation() + 1;
        storage.updateLoadJob(job.id(), job.state().name(), job.stateReason(), job.pauseTimeMillis(), job.endTimeMillis(), generation, plan.definition().serialize());
        job.setDefinition(plan.definition());
        job.setState(job.state(), generation, job.pauseTimeMillis(), job.endTimeMillis(), job.stateReason());
        log.info("Altered routine load job {}.{}", job.definition().databaseName(), job.definition().name());
        if (running) {
            schedule(job);
        }
        return job;
    }

    private static List<String> sorted(Iterable<String> values)
    {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        list.sort(null);
        return list;
    }

    /** Cancels the jobs loading a table that was dropped. */
    public synchronized void tableDropped(long tableId)
    {
        for (RoutineLoadJob job : jobs.values()) {
            if (job.tableId() == tableId && !job.state().isFinal()) {
                cancel(job, droppedReason(job));
            }
        }
    }

    /** Cancels the jobs of a database that was dropped. */
    public synchronized void databaseDropped(String databaseName)
    {
        for (RoutineLoadJob job : jobs.values()) {
            if (job.definition().databaseName().equals(databaseName) && !job.state().isFinal()) {
                cancel(job, new StateChangeReason(StateChangeReason.DATABASE_ERROR, "db " + databaseName + " not exist"));
            }
        }
    }

    /** StarRocks' reasons: errCode 5 when the database is gone, 6 when the table is. */
    private StateChangeReason droppedReason(RoutineLoadJob job)
    {
        if (!storage.databaseExists(job.definition().databaseName())) {
            return new StateChangeReason(StateChangeReason.DATABASE_ERROR, "db " + job.definition().databaseName() + " not exist");
        }
        return new StateChangeReason(StateChangeReason.TABLE_ERROR, "table " + job.definition().tableName() + " not exist");
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

    /** The job of that name (the active one, else the latest final one); StarRocks' message when there is none. */
    private RoutineLoadJob requireJob(String databaseName, String name)
    {
        storage.requireDatabase(databaseName);
        return job(databaseName, name).orElseThrow(() -> new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND,
                "There is not operable routine load job with name " + name));
    }

    /** StarRocks' rules: nothing leaves STOPPED or CANCELLED, and a PAUSED job cannot be paused again. */
    private static void requireTransition(RoutineLoadJob job, JobState target)
    {
        if (job.state().isFinal() || (job.state() == JobState.PAUSED && target == JobState.PAUSED)) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform " + job.state() + " to " + target);
        }
    }

    @Override
    public synchronized void pauseJob(RoutineLoadJob job, long generation, StateChangeReason reason)
    {
        if (closed) {
            // Shutting down: a task failing because storage closes must not leave the job PAUSED after a restart.
            return;
        }
        if (job.generation() != generation || job.state() != JobState.RUNNING) {
            return;
        }
        log.warn("Pausing routine load job {}: {}", job.definition().name(), reason.message());
        stopTask(job);
        pauseEvenIfUnrecorded(job, reason);
    }

    /**
     * A job that stops on its own must show it even when its new state cannot be written (the metadata's disk is full
     * or read-only, which is often why it stopped): otherwise it would look RUNNING with no task left, and nothing
     * would ever load again. RESUME then works as usual; a restart before that finds it RUNNING, at its committed offsets.
     */
    private void pauseEvenIfUnrecorded(RoutineLoadJob job, StateChangeReason reason)
    {
        try {
            changeState(job, JobState.PAUSED, Optional.of(reason), Optional.empty());
        }
        catch (SluiceException e) {
            log.error("Routine load job {} pauses, but its state could not be recorded: {}", job.definition().name(), e.getMessage());
            StateChangeReason unrecorded = new StateChangeReason(reason.code(), reason.message() + " [the pause could not be recorded: " + e.getMessage() + "]");
            job.setState(JobState.PAUSED, job.generation() + 1, Optional.of(System.currentTimeMillis()), Optional.empty(), Optional.of(unrecorded.toString()));
        }
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
        Optional<Long> pauseTime = state == JobState.PAUSED ? Optional.of(System.currentTimeMillis())
                : state == JobState.RUNNING || state == JobState.NEED_SCHEDULE ? Optional.empty() : job.pauseTimeMillis();
        Optional<String> reasonText = reason.map(StateChangeReason::toString);
        storage.updateLoadJob(job.id(), state.name(), reasonText, pauseTime, endTime, generation, job.definition().serialize());
        job.setState(state, generation, pauseTime, endTime, reasonText);
    }

    @Override
    public synchronized void rescheduleJob(RoutineLoadJob job, long generation, String reason, long abortedTasks)
    {
        if (closed || job.generation() != generation || job.state() != JobState.RUNNING) {
            return;
        }
        log.info("Routine load job {}: new tasks from the committed offsets ({})", job.definition().name(), reason);
        stopTask(job);
        try {
            changeState(job, JobState.RUNNING, Optional.empty(), job.endTimeMillis());
        }
        catch (SluiceException e) {
            pauseEvenIfUnrecorded(job, new StateChangeReason(StateChangeReason.TASKS_ABORT, "Cannot start new tasks: " + e.getMessage()));
            return;
        }
        schedule(job, abortedTasks);
    }

    private void schedule(RoutineLoadJob job)
    {
        schedule(job, 0);
    }

    private void schedule(RoutineLoadJob job, long abortedTasks)
    {
        if (closed) {
            return;
        }
        KafkaJobRunner runner = new KafkaJobRunner(job, job.generation(), storage, committer, expressionCompiler, kafkaClients, timings, this, abortedTasks);
        Thread thread = new Thread(runner, "routine-load-" + job.definition().name() + "-" + job.id());
        thread.setDaemon(true);
        tasks.put(job.id(), new RunningTask(runner, thread));
        thread.start();
    }

    private void stopTask(RoutineLoadJob job)
    {
        RunningTask running = tasks.remove(job.id());
        if (running == null) {
            return;
        }
        running.runner().stop();
        // Runners and their tasks never wait for this manager's lock (they call it from threads of their own), so
        // joining here cannot deadlock; the generation check rejects anything a late thread still tries to commit.
        if (running.thread() != Thread.currentThread()) {
            try {
                running.thread().join(timings.stopTimeout().toMillis());
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
        // Signal every job first, so that their threads wind down together rather than one after another.
        for (RunningTask running : tasks.values()) {
            running.runner().stop();
        }
        for (RoutineLoadJob job : new ArrayList<>(jobs.values())) {
            stopTask(job);
        }
    }
}
