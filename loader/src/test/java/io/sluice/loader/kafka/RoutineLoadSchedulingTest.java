package io.sluice.loader.kafka;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.job.ColumnMapping;
import io.sluice.loader.job.JobState;
import io.sluice.loader.job.RoutineLoadAlteration;
import io.sluice.loader.job.RoutineLoadDefinition;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.job.TaskStatus;
import io.sluice.loader.task.LoadCommitter;
import io.sluice.loader.task.TaskTimings;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.ColumnType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routine load scheduling against a hand-written fake broker and real storage: tasks over partitions, exactly-once
 * offsets with transaction gaps, error accounting, rejected records, broker outages, new partitions, offsets out of
 * range, task timeouts and storage failures. Waits poll for a condition; nothing asserts on timing.
 */
class RoutineLoadSchedulingTest
{
    private static final ExpressionCompiler NO_EXPRESSIONS = (expression, inputs, timeZone) -> {
        throw new SluiceException(ErrorCode.SYNTAX_ERROR, "No expressions here: " + expression);
    };
    private static final TaskTimings FAST = new TaskTimings(Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10));
    private static final String TOPIC = "events";

    @TempDir
    Path dataDirectory;

    private Storage storage;
    private TableInfo users;
    private final FakeKafka kafka = new FakeKafka();
    private RoutineLoadManager manager;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(dataDirectory);
        storage.createDatabase("db", false);
        users = storage.createTable("db", "users", new TableSchema(List.of(
                new ColumnSchema("id", ColumnType.BIGINT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("name", ColumnType.STRING, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "")),
                KeyModel.DUPLICATE, List.of("id"), 3, Map.of()), false);
    }

    @AfterEach
    void tearDown()
    {
        if (manager != null) {
            manager.close();
        }
        storage.close();
    }

    private RoutineLoadManager manager(LoadCommitter committer)
    {
        manager = new RoutineLoadManager(storage, NO_EXPRESSIONS, kafka, committer, FAST);
        manager.start();
        return manager;
    }

    private RoutineLoadManager manager()
    {
        return manager(LoadCommitter.of(storage));
    }

    @Test
    void partitionsAreSpreadOverTasks()
    {
        kafka.createTopic(TOPIC, 5);
        for (int id = 0; id < 50; id++) {
            kafka.produce(TOPIC, id % 5, user(id));
        }
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json", "desired_concurrent_number", "2"), Map.of()));

        awaitTrue("50 rows committed", () -> job.counters().loadedRows() == 50);
        assertThat(ids()).hasSize(50);
        assertThat(job.currentTaskCount()).isEqualTo(2);
        assertThat(kafka.assignments()).containsEntry("sluice-load-" + job.generation() + "-task-0", List.of(0, 2, 4))
                .containsEntry("sluice-load-" + job.generation() + "-task-1", List.of(1, 3));
        assertThat(job.taskStatuses()).extracting(TaskStatus::partitions).containsExactly(List.of(0, 2, 4), List.of(1, 3));
        assertThat(job.committedOffsets()).isEqualTo(Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L, 4, 10L));
        Properties properties = kafka.openedWith().get(0);
        assertThat(properties.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo("false");
        assertThat(properties.getProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("none");
        assertThat(properties.getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
        assertThat(properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG)).startsWith("load_");
    }

    @Test
    void transactionMarkersLeaveNoLag()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        kafka.produce(TOPIC, 0, user(2));
        kafka.produceControlRecord(TOPIC, 0);
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of()));
        awaitTrue("offset 3 committed", () -> Long.valueOf(3).equals(job.committedOffsets().get(0)));

        // A transaction that only leaves its marker behind (an aborted one, as read_committed sees it).
        kafka.produceControlRecord(TOPIC, 0);
        kafka.produce(TOPIC, 0, user(3));
        kafka.produceControlRecord(TOPIC, 0);

        awaitTrue("offset 6 committed", () -> Long.valueOf(6).equals(job.committedOffsets().get(0)));
        awaitTrue("latest offsets refreshed", () -> Long.valueOf(6).equals(job.latestOffsets().get(0)));
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L, 3L);
        awaitTrue("group offsets committed", () -> Long.valueOf(6).equals(kafka.groupOffsets().get(0)));
        assertThat(job.counters().loadedRows()).isEqualTo(3);
    }

    @Test
    void rowErrorsAreKeptAsRejectedRecordsAndCounted()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        kafka.produce(TOPIC, 0, "{not json");
        kafka.produce(TOPIC, 0, user(2));
        kafka.produce(TOPIC, 0, "{\"id\": null, \"name\": \"no id\"}");
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json", "max_error_number", "5"), Map.of()));

        awaitTrue("4 messages committed", () -> Long.valueOf(4).equals(job.committedOffsets().get(0)));
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(job.counters().errorRows()).isEqualTo(2);
        assertThat(job.counters().totalRows()).isEqualTo(4);
        List<RejectedRecord> rejected = storage.rejectedRecords(OptionalLong.of(job.id()), 100);
        assertThat(rejected).extracting(RejectedRecord::offset).containsExactly(1L, 3L);
        assertThat(rejected.get(0).jobId()).isEqualTo(job.id());
        assertThat(rejected.get(0).partition()).isZero();
        assertThat(new String(rejected.get(0).message(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(rejected.get(0).fatal()).isTrue();
        assertThat(rejected.get(1).fatal()).isFalse();
        assertThat(rejected.get(0).messageTimestampMillis()).isEqualTo(1_700_000_000_001L);
        assertThat(rejected.get(1).reason()).contains("id");
        assertThat(job.otherMessage()).startsWith("Last rejected row: partition 0, offset 3: ");
    }

    @Test
    void tooManyErrorsPauseWithStarRocksReason()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        kafka.produce(TOPIC, 0, "{not json");
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of()));

        awaitTrue("paused", () -> job.state() == JobState.PAUSED);
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 102, msg='Current error rows: 1 is more than max error num: 0. Check the "
                + "'TrackingSQL' field for detailed information. If you are sure that the data has many errors, you can set 'max_error_number' "
                + "property to a greater value through ALTER ROUTINE LOAD and RESUME the job'}");
        // The batch that crossed the limit is committed, like StarRocks' task.
        assertThat(ids()).containsExactly(1L);
        assertThat(job.committedOffsets()).containsEntry(0, 2L);
        assertThat(storage.rejectedRecords(OptionalLong.of(job.id()), 10)).hasSize(1);
    }

    @Test
    void primaryKeyDeletesPartialUpdatesAndMergeConditions()
    {
        TableInfo scores = storage.createTable("db", "scores", new TableSchema(List.of(
                new ColumnSchema("id", ColumnType.BIGINT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("name", ColumnType.STRING, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("score", ColumnType.BIGINT, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("version", ColumnType.BIGINT, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "")),
                KeyModel.PRIMARY, List.of("id"), 2, Map.of()), false);
        kafka.createTopic("upserts", 1);
        kafka.createTopic("scores", 1);
        kafka.createTopic("versions", 1);
        RoutineLoadManager manager = manager();

        kafka.produce("upserts", 0, "{\"id\": 1, \"name\": \"a\", \"score\": 10, \"version\": 1, \"__op\": 0}");
        kafka.produce("upserts", 0, "{\"id\": 2, \"name\": \"b\", \"score\": 20, \"version\": 1}");
        kafka.produce("upserts", 0, "{\"id\": 3, \"name\": \"c\", \"score\": 30, \"version\": 1, \"__op\": \"upsert\"}");
        kafka.produce("upserts", 0, "{\"id\": 2, \"__op\": 1}");
        RoutineLoadJob upserts = manager.create(definition("upserts_load", "scores", "upserts",
                List.of(column("id"), column("name"), column("score"), column("version"), column("__op")), Map.of("format", "json")));
        awaitTrue("upserts and a delete", () -> upserts.counters().loadedRows() == 4);
        assertThat(rows(scores)).isEqualTo(Map.of(1L, List.of("a", 10L, 1L), 3L, List.of("c", 30L, 1L)));
        manager.stop("db", "upserts_load");

        // partial_update: only score changes; a new key takes the defaults (NULL) for the other columns.
        kafka.produce("scores", 0, "{\"id\": 1, \"score\": 11}");
        kafka.produce("scores", 0, "{\"id\": 4, \"score\": 40}");
        RoutineLoadJob partial = manager.create(definition("scores_load", "scores", "scores", List.of(column("id"), column("score")),
                Map.of("format", "json", "partial_update", "true")));
        awaitTrue("partial updates", () -> partial.counters().loadedRows() == 2);
        assertThat(rows(scores)).isEqualTo(Map.of(1L, List.of("a", 11L, 1L), 3L, List.of("c", 30L, 1L), 4L, nullsAnd(40L)));
        manager.stop("db", "scores_load");

        // merge_condition: a row replaces the current one only if its version is not lower.
        kafka.produce("versions", 0, "{\"id\": 1, \"name\": \"old\", \"score\": 0, \"version\": 0}");
        kafka.produce("versions", 0, "{\"id\": 3, \"name\": \"new\", \"score\": 33, \"version\": 2}");
        RoutineLoadJob versions = manager.create(definition("versions_load", "scores", "versions",
                List.of(column("id"), column("name"), column("score"), column("version")), Map.of("format", "json", "merge_condition", "version")));
        awaitTrue("conditional updates", () -> versions.counters().totalRows() == 2);
        assertThat(rows(scores)).isEqualTo(Map.of(1L, List.of("a", 11L, 1L), 3L, List.of("new", 33L, 2L), 4L, nullsAnd(40L)));
    }

    private static List<Object> nullsAnd(long score)
    {
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(score);
        values.add(null);
        return values;
    }

    private static ColumnMapping column(String name)
    {
        return new ColumnMapping(name, Optional.empty());
    }

    /** The live rows of a table by their BIGINT key: the other columns' values. */
    private Map<Long, List<Object>> rows(TableInfo table)
    {
        Map<Long, List<Object>> rows = new java.util.HashMap<>();
        for (SegmentSlice slice : storage.tableData(table.id()).orElseThrow().snapshot().slices()) {
            for (int row = 0; row < slice.segment().rowCount(); row++) {
                if (!slice.isDeleted(row)) {
                    List<Object> values = new ArrayList<>();
                    for (int column = 1; column < slice.segment().columns().size(); column++) {
                        values.add(slice.segment().column(column).objectValue(row));
                    }
                    rows.put((Long) slice.segment().column(0).objectValue(row), values);
                }
            }
        }
        return rows;
    }

    @Test
    void fatalParseErrorPausesBeforeTheMessage()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        kafka.produce(TOPIC, 0, user(2));
        kafka.produce(TOPIC, 0, null);
        kafka.produce(TOPIC, 0, user(4));
        RoutineLoadJob job = manager().create(definition("load",
                Map.of("format", "json", "max_error_number", "100", "pause_on_fatal_parse_error", "true"), Map.of()));

        awaitTrue("paused", () -> job.state() == JobState.PAUSED);
        assertThat(job.stateReason().orElseThrow()).startsWith("ErrorReason{errCode = 104, msg='Message at partition 0, offset 2 of topic events "
                + "cannot be parsed (partition 0, offset 2: The message value is null)");
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(job.committedOffsets()).containsEntry(0, 2L);
        assertThat(job.counters().errorRows()).isZero();
    }

    @Test
    void fatalParseErrorIsSkippedByDefault()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, null);
        kafka.produce(TOPIC, 0, user(2));
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json", "max_error_number", "1"), Map.of()));

        awaitTrue("2 messages committed", () -> Long.valueOf(2).equals(job.committedOffsets().get(0)));
        assertThat(ids()).containsExactly(2L);
        List<RejectedRecord> rejected = storage.rejectedRecords(OptionalLong.of(job.id()), 10);
        assertThat(rejected).singleElement().satisfies(record -> {
            assertThat(record.fatal()).isTrue();
            assertThat(record.offset()).isZero();
            assertThat(record.reason()).isEqualTo("The message value is null");
        });
    }

    @Test
    void offsetOutOfRangePausesWithHowToContinue()
    {
        kafka.createTopic(TOPIC, 1);
        for (int id = 0; id < 5; id++) {
            kafka.produce(TOPIC, 0, user(id));
        }
        kafka.deleteBefore(TOPIC, 0, 3);
        RoutineLoadManager manager = manager();
        RoutineLoadJob job = manager.create(definition("load", Map.of("format", "json"), Map.of("kafka_partitions", "0", "kafka_offsets", "1")));

        awaitTrue("paused", () -> job.state() == JobState.PAUSED);
        assertThat(job.stateReason().orElseThrow()).isEqualTo("ErrorReason{errCode = 104, msg='Offset out of range: partition 0 at offset 1 of topic events "
                + "no longer exist (the broker now holds offsets partition 0: 3 to 5) (retention removed them, or the topic was recreated). "
                + "To continue, ALTER ROUTINE LOAD FOR db.load FROM KAFKA (\"kafka_partitions\" = \"0\", \"kafka_offsets\" = \"OFFSET_BEGINNING\") "
                + "then RESUME ROUTINE LOAD FOR db.load'}");
        assertThat(ids()).isEmpty();

        manager.alter("db", "load", new RoutineLoadAlteration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Map.of("kafka_partitions", "0", "kafka_offsets", "3")), (source, positions) -> {
            throw new AssertionError("no broker lookup for a numeric offset");
        });
        manager.resume("db", "load");
        awaitTrue("rows 3 and 4", () -> ids().size() == 2);
        assertThat(ids()).containsExactlyInAnyOrder(3L, 4L);
    }

    @Test
    void brokerOutageIsUnstableAndRecoversByItself()
    {
        kafka.createTopic(TOPIC, 2);
        kafka.produce(TOPIC, 0, user(1));
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of()));
        awaitTrue("row 1", () -> ids().size() == 1);

        kafka.setDown(true);
        awaitTrue("UNSTABLE", () -> job.displayState().equals("UNSTABLE"));
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        // The broker's (here: the client's) message, whichever metadata call noticed first.
        assertThat(job.unstableReason().orElseThrow()).matches("Kafka: (Failed to get offsets by times in \\d+ms|Timeout expired while fetching topic metadata)");
        assertThat(job.otherMessage()).matches("UNSTABLE since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(kafka_broker_list 127\\.0\\.0\\.1:9092\\): Kafka: .*"
                + "\\. The job retries by itself; no RESUME is needed\\.");
        kafka.produce(TOPIC, 1, user(2));
        kafka.produce(TOPIC, 0, user(3));

        kafka.setDown(false);
        awaitTrue("RUNNING again", () -> job.displayState().equals("RUNNING"));
        awaitTrue("3 rows", () -> ids().size() == 3);
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(job.otherMessage()).startsWith("Kafka answers again after ");
    }

    @Test
    void missingTopicIsUnstableUntilItExists()
    {
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of()));
        awaitTrue("UNSTABLE", () -> job.displayState().equals("UNSTABLE"));
        assertThat(job.unstableReason().orElseThrow()).isEqualTo("Topic events does not exist (or has no partitions) on 127.0.0.1:9092; retrying");

        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        awaitTrue("row 1", () -> ids().size() == 1);
        awaitTrue("RUNNING", () -> job.displayState().equals("RUNNING"));
    }

    @Test
    void missingPartitionIsUnstable()
    {
        kafka.createTopic(TOPIC, 1);
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of("kafka_partitions", "0,1")));
        awaitTrue("UNSTABLE", () -> job.displayState().equals("UNSTABLE"));
        assertThat(job.unstableReason().orElseThrow()).isEqualTo("Partition 1 of topic events does not exist (the topic has partitions [0]); retrying");

        kafka.addPartitions(TOPIC, 1);
        kafka.produce(TOPIC, 1, user(1));
        awaitTrue("row 1", () -> ids().size() == 1);
    }

    @Test
    void newPartitionsAreDiscoveredAndStartAtTheDefaultOffset()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of("property.kafka_default_offsets", "OFFSET_BEGINNING")));
        awaitTrue("row 1", () -> ids().size() == 1);

        kafka.addPartitions(TOPIC, 2);
        kafka.produce(TOPIC, 1, user(2));
        kafka.produce(TOPIC, 2, user(3));
        awaitTrue("3 rows", () -> ids().size() == 3);
        awaitTrue("offsets", () -> job.committedOffsets().equals(Map.of(0, 1L, 1, 1L, 2, 1L)));
        awaitTrue("3 tasks", () -> job.currentTaskCount() == 3);
    }

    @Test
    void newPartitionAtOffsetEndSaysWhatItSkips()
    {
        kafka.createTopic(TOPIC, 1);
        RoutineLoadManager manager = manager();
        RoutineLoadJob job = manager.create(definition("load", Map.of("format", "json"), Map.of("property.kafka_default_offsets", "OFFSET_END")));
        awaitTrue("offsets pinned", () -> job.committedOffsets().containsKey(0));
        kafka.produce(TOPIC, 0, user(1));
        awaitTrue("row 1", () -> ids().size() == 1);
        manager.pause("db", "load");

        kafka.addPartitions(TOPIC, 1);
        kafka.produce(TOPIC, 1, user(2));
        kafka.produce(TOPIC, 1, user(3));
        manager.resume("db", "load");

        awaitTrue("the skip is reported", () -> job.otherMessage().contains("partition 1 skips its 2 earlier messages (offsets 0 to 1)"));
        assertThat(job.committedOffsets()).containsEntry(1, 2L);
        kafka.produce(TOPIC, 1, user(4));
        awaitTrue("row 4", () -> ids().contains(4L));
        assertThat(ids()).containsExactlyInAnyOrder(1L, 4L);
    }

    @Test
    void taskThatCannotCommitInTimeIsAbortedAndItsCommitRejected()
            throws InterruptedException
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        kafka.produce(TOPIC, 0, user(2));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        List<Throwable> staleFailures = new ArrayList<>();
        LoadCommitter committer = (tableId, commit) -> {
            if (commit.write().rows().rowCount() > 0 && first.getAndSet(false)) {
                blocked.countDown();
                awaitLatch(release);
                try {
                    return storage.commitLoad(tableId, commit);
                }
                catch (SluiceException e) {
                    synchronized (staleFailures) {
                        staleFailures.add(e);
                    }
                    throw e;
                }
            }
            return storage.commitLoad(tableId, commit);
        };
        RoutineLoadJob job = manager(committer).create(definition("load", Map.of("format", "json", "task_timeout_second", "1"), Map.of()));
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();

        awaitTrue("aborted task counted and rows loaded by the new task", () -> job.counters().abortedTaskCount() == 1 && ids().size() == 2);
        assertThat(job.otherMessage()).contains("did not commit within task_timeout_second = 1 s");
        release.countDown();
        awaitTrue("stale commit rejected", () -> {
            synchronized (staleFailures) {
                return !staleFailures.isEmpty();
            }
        });
        assertThat(((SluiceException) staleFailures.get(0)).errorCode()).isEqualTo(ErrorCode.STALE_LOAD_COMMIT);
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void storageFailurePausesWithTheReasonAndPublishesNothing()
    {
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, user(1));
        LoadCommitter committer = (tableId, commit) -> {
            if (commit.write().rows().rowCount() > 0) {
                throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot write segment: No space left on device");
            }
            return storage.commitLoad(tableId, commit);
        };
        RoutineLoadJob job = manager(committer).create(definition("load", Map.of("format", "json"), Map.of("property.kafka_default_offsets", "OFFSET_BEGINNING")));

        awaitTrue("paused", () -> job.state() == JobState.PAUSED);
        assertThat(job.stateReason().orElseThrow()).contains("errCode = 104").contains("could not commit: Cannot write segment: No space left on device");
        assertThat(ids()).isEmpty();
        assertThat(job.committedOffsets()).containsEntry(0, 0L);
        assertThat(job.counters().loadedRows()).isZero();
    }

    @Test
    void restartResumesExactlyAfterTheLastCommit()
    {
        kafka.createTopic(TOPIC, 2);
        for (int id = 0; id < 10; id++) {
            kafka.produce(TOPIC, id % 2, user(id));
        }
        RoutineLoadJob job = manager().create(definition("load", Map.of("format", "json"), Map.of("property.kafka_default_offsets", "OFFSET_BEGINNING")));
        awaitTrue("10 rows", () -> ids().size() == 10);
        manager.close();
        for (int id = 10; id < 20; id++) {
            kafka.produce(TOPIC, id % 2, user(id));
        }

        RoutineLoadJob restarted = manager().job("db", "load").orElseThrow();
        awaitTrue("20 rows committed", () -> restarted.counters().loadedRows() == 20);
        assertThat(ids()).hasSize(20).doesNotHaveDuplicates();
        assertThat(job.id()).isEqualTo(restarted.id());
    }

    // ---- helpers

    private static String user(long id)
    {
        return "{\"id\": " + id + ", \"name\": \"user" + id + "\"}";
    }

    private static RoutineLoadDefinition definition(String name, String table, String topic, List<ColumnMapping> columns, Map<String, String> jobProperties)
    {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "127.0.0.1:9092");
        source.put("kafka_topic", topic);
        source.put("property.kafka_default_offsets", "OFFSET_BEGINNING");
        return new RoutineLoadDefinition("db", name, table, columns, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), jobProperties, "KAFKA", source);
    }

    private static RoutineLoadDefinition definition(String name, Map<String, String> jobProperties, Map<String, String> extraSource)
    {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "127.0.0.1:9092");
        source.put("kafka_topic", TOPIC);
        source.put("property.isolation.level", "read_committed");
        source.put("property.kafka_default_offsets", "OFFSET_BEGINNING");
        source.putAll(extraSource);
        return new RoutineLoadDefinition("db", name, "users", List.<ColumnMapping>of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), jobProperties, "KAFKA", source);
    }

    /** The ids of the live rows of the users table. */
    private List<Long> ids()
    {
        List<Long> ids = new ArrayList<>();
        for (SegmentSlice slice : storage.tableData(users.id()).orElseThrow().snapshot().slices()) {
            for (int row = 0; row < slice.segment().rowCount(); row++) {
                if (!slice.isDeleted(row)) {
                    ids.add((Long) slice.segment().column(0).objectValue(row));
                }
            }
        }
        return ids;
    }

    private static void awaitTrue(String what, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitLatch(CountDownLatch latch)
    {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
