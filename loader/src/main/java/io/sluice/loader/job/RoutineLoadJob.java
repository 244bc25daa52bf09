package io.sluice.loader.job;

import io.sluice.loader.kafka.KafkaSourceProperties;
import io.sluice.loader.metrics.Histogram;
import io.sluice.storage.load.LoadJobCounters;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A routine load job as the manager tracks it: its definition, state and the progress its task reports.
 * State fields change only under the manager's lock; progress fields are published by the running task.
 */
public final class RoutineLoadJob
{
    private final long id;
    private final long tableId;
    private final long createTimeMillis;
    private RoutineLoadDefinition definition;
    private JobProperties properties;
    private KafkaSourceProperties source;

    private volatile JobState state;
    private volatile long generation;
    private volatile Optional<Long> pauseTimeMillis;
    private volatile Optional<Long> endTimeMillis;
    private volatile Optional<String> stateReason;

    private volatile LoadJobCounters counters;
    private volatile Map<Integer, Long> committedOffsets;
    private volatile Map<Integer, Long> latestOffsets = Map.of();
    private volatile Map<Integer, Long> timestampProgress = Map.of();
    private volatile int currentTaskCount;
    private volatile String otherMessage = "";
    private volatile Optional<String> unstableReason = Optional.empty();
    private volatile List<TaskStatus> taskStatuses = List.of();

    // Since this process started (not persisted): for /metrics, recorded once per commit.
    private final Histogram commitSeconds = new Histogram(Histogram.SECONDS);
    private final Histogram freshnessSeconds = new Histogram(Histogram.SECONDS);

    public RoutineLoadJob(long id, long tableId, long createTimeMillis, RoutineLoadDefinition definition, JobState state, long generation,
            Optional<Long> pauseTimeMillis, Optional<Long> endTimeMillis, Optional<String> stateReason, LoadJobCounters counters, Map<Integer, Long> committedOffsets)
    {
        this.id = id;
        this.tableId = tableId;
        this.createTimeMillis = createTimeMillis;
        setDefinition(definition);
        this.state = requireNonNull(state, "state is null");
        this.generation = generation;
        this.pauseTimeMillis = requireNonNull(pauseTimeMillis, "pauseTimeMillis is null");
        this.endTimeMillis = requireNonNull(endTimeMillis, "endTimeMillis is null");
        this.stateReason = requireNonNull(stateReason, "stateReason is null");
        this.counters = requireNonNull(counters, "counters is null");
        this.committedOffsets = Map.copyOf(committedOffsets);
    }

    void setDefinition(RoutineLoadDefinition definition)
    {
        this.definition = requireNonNull(definition, "definition is null");
        this.properties = new JobProperties(definition.jobProperties());
        this.source = new KafkaSourceProperties(definition.dataSourceProperties());
    }

    void setState(JobState state, long generation, Optional<Long> pauseTimeMillis, Optional<Long> endTimeMillis, Optional<String> stateReason)
    {
        this.state = state;
        this.generation = generation;
        this.pauseTimeMillis = pauseTimeMillis;
        this.endTimeMillis = endTimeMillis;
        this.stateReason = stateReason;
    }

    public long id()
    {
        return id;
    }

    public long tableId()
    {
        return tableId;
    }

    public long createTimeMillis()
    {
        return createTimeMillis;
    }

    public RoutineLoadDefinition definition()
    {
        return definition;
    }

    public JobProperties properties()
    {
        return properties;
    }

    public KafkaSourceProperties source()
    {
        return source;
    }

    public JobState state()
    {
        return state;
    }

    public long generation()
    {
        return generation;
    }

    public Optional<Long> pauseTimeMillis()
    {
        return pauseTimeMillis;
    }

    public Optional<Long> endTimeMillis()
    {
        return endTimeMillis;
    }

    public Optional<String> stateReason()
    {
        return stateReason;
    }

    public LoadJobCounters counters()
    {
        return counters;
    }

    public Map<Integer, Long> committedOffsets()
    {
        return committedOffsets;
    }

    public Map<Integer, Long> latestOffsets()
    {
        return latestOffsets;
    }

    public Map<Integer, Long> timestampProgress()
    {
        return timestampProgress;
    }

    public int currentTaskCount()
    {
        return currentTaskCount;
    }

    public String otherMessage()
    {
        return otherMessage;
    }

    /**
     * Called by a task after each successful commit of the given generation. Ignored once the job has moved to
     * another generation: the commit is in storage, and the next generation reads it from there (restoreProgress).
     */
    public synchronized void recordCommit(long generation, LoadJobCounters increments, Map<Integer, Long> nextOffsets, Map<Integer, Long> timestamps)
    {
        if (generation == this.generation) {
            recordCommit(increments, nextOffsets, timestamps);
        }
    }

    /** Replaces the counters and offsets with what storage holds, when a new generation of the job starts. */
    public synchronized void restoreProgress(long generation, LoadJobCounters counters, Map<Integer, Long> committedOffsets)
    {
        if (generation == this.generation) {
            this.committedOffsets = Map.copyOf(committedOffsets);
            this.counters = requireNonNull(counters, "counters is null");
        }
    }

    /** Adds a commit's counters and offsets. */
    public synchronized void recordCommit(LoadJobCounters increments, Map<Integer, Long> nextOffsets, Map<Integer, Long> timestamps)
    {
        Map<Integer, Long> offsets = new TreeMap<>(committedOffsets);
        offsets.putAll(nextOffsets);
        committedOffsets = Map.copyOf(offsets);
        Map<Integer, Long> times = new TreeMap<>(timestampProgress);
        times.putAll(timestamps);
        timestampProgress = Map.copyOf(times);
        // Last: a reader that reads the counters first (SHOW ROUTINE LOAD, tests) never sees rows ahead of their offsets.
        counters = counters.plus(increments);
    }

    public void recordLatestOffsets(Map<Integer, Long> offsets)
    {
        latestOffsets = Map.copyOf(offsets);
    }

    public void recordTaskCount(int count)
    {
        currentTaskCount = count;
    }

    public void recordOtherMessage(String message)
    {
        otherMessage = requireNonNull(message, "message is null");
    }

    /** The state SHOW ROUTINE LOAD displays: UNSTABLE for a running job that cannot make progress right now. */
    public String displayState()
    {
        JobState current = state;
        if (current == JobState.RUNNING && unstableReason.isPresent()) {
            return "UNSTABLE";
        }
        return current.name();
    }

    /** Why a running job cannot make progress right now (broker down, leader moving...); empty once it can again. */
    public Optional<String> unstableReason()
    {
        return unstableReason;
    }

    public void recordUnstable(Optional<String> reason)
    {
        unstableReason = requireNonNull(reason, "reason is null");
    }

    /** How long each storage commit of this job took, in seconds. */
    public Histogram commitSeconds()
    {
        return commitSeconds;
    }

    /**
     * Per commit, the Kafka timestamp of the oldest message it made visible to queries, to the moment it became
     * visible, in seconds: the worst freshness of the rows of that commit.
     */
    public Histogram freshnessSeconds()
    {
        return freshnessSeconds;
    }

    public List<TaskStatus> taskStatuses()
    {
        return taskStatuses;
    }

    public void recordTaskStatuses(List<TaskStatus> statuses)
    {
        taskStatuses = List.copyOf(statuses);
    }
}
