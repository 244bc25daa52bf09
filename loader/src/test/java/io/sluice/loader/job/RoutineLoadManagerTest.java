package io.sluice.loader.job;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.LoadJobRecord;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manager's statements and restart path. No job here ever reaches a consuming task (that needs a broker and is
 * covered by the integration tests): jobs are restored PAUSED or final, or created after close(), which schedules nothing.
 */
class RoutineLoadManagerTest
{
    private static final OffsetResolver NO_BROKER = (source, positions) -> {
        throw new AssertionError("No broker here: " + positions);
    };
    private static final ExpressionCompiler NO_EXPRESSIONS = (expression, inputs, timeZone) -> {
        throw new SluiceException(ErrorCode.SYNTAX_ERROR, "No expressions here: " + expression);
    };

    @TempDir
    Path dataDirectory;

    private Storage storage;
    private TableInfo users;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(dataDirectory);
        storage.createDatabase("automq_db", false);
        users = storage.createTable("automq_db", "users", new TableSchema(List.of(
                new ColumnSchema("id", ColumnType.BIGINT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("name", ColumnType.STRING, 0, 0, false, false, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("score", ColumnType.INT, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "")),
                KeyModel.PRIMARY, List.of("id"), 1, Map.of()), false);
    }

    @AfterEach
    void tearDown()
    {
        storage.close();
    }

    @Test
    void createValidatesBeforePersistingAnything()
    {
        RoutineLoadManager manager = closedManager();

        assertError(() -> manager.create(definition("nodb", "users", "KAFKA", Map.of(), List.of())), ErrorCode.UNKNOWN_DATABASE, "Unknown database 'nodb'");
        assertError(() -> manager.create(definition("automq_db", "nothere", "KAFKA", Map.of(), List.of())), ErrorCode.NO_SUCH_TABLE,
                "Table 'automq_db.nothere' doesn't exist");
        assertError(() -> manager.create(definition("automq_db", "users", "KINESIS", Map.of(), List.of())), ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                "routine load job does not support this type KINESIS");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of("max_batch_bytes", "1"), List.of())),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "max_batch_bytes is invalid property");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of(new ColumnMapping("id", Optional.empty()),
                new ColumnMapping("name", Optional.of("upper(id)"))))), ErrorCode.SYNTAX_ERROR, "No expressions here: upper(id)");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of(),
                List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("ID", Optional.empty())))), ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                "Duplicate column: ID");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of("merge_condition", "id"), List.of())),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Merge condition column id should not be primary key!");
        assertError(() -> manager.create(withSource(definition("automq_db", "users", "KAFKA", Map.of(), List.of()), "kafka_offsets", "1,2")),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Partitions number should be equals to offsets number");
        assertError(() -> manager.create(withSource(definition("automq_db", "users", "KAFKA", Map.of(), List.of()), "kafka_group", "g")),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "kafka_group is invalid kafka custom property");
        RoutineLoadDefinition base = definition("automq_db", "users", "KAFKA", Map.of(), List.of());
        assertError(() -> manager.create(new RoutineLoadDefinition(base.databaseName(), base.name(), base.tableName(), base.columns(), base.where(),
                Optional.of("x".repeat(51)), base.rowDelimiter(), base.partitions(), base.jobProperties(), base.dataSourceType(), base.dataSourceProperties())),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "is longer than 50 bytes");

        assertThat(storage.loadJobs()).isEmpty();
        assertThat(manager.jobs()).isEmpty();
    }

    @Test
    void pauseResumeAndStopFollowStarRocksTransitions()
    {
        RoutineLoadManager manager = closedManager();
        RoutineLoadJob job = manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of()));

        manager.pause("automq_db", "automq_example_load", "alice");
        assertThat(job.state()).isEqualTo(JobState.PAUSED);
        assertThat(job.pauseTimeMillis()).isPresent();
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 100, msg='User alice pauses routine load job'}");
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("PAUSED");
        assertError(() -> manager.pause("automq_db", "automq_example_load"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform PAUSED to PAUSED");

        job.recordOtherMessage("The broker was down");
        manager.resume("automq_db", "automq_example_load");
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.pauseTimeMillis()).isEmpty();
        assertThat(job.stateReason()).isEmpty();
        assertThat(job.otherMessage()).isEmpty();
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("RUNNING");
        long generation = job.generation();
        manager.resume("automq_db", "automq_example_load");
        assertThat(job.generation()).isEqualTo(generation);

        manager.stop("automq_db", "automq_example_load", "alice");
        assertThat(job.state()).isEqualTo(JobState.STOPPED);
        assertThat(job.endTimeMillis()).isPresent();
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 101, msg='User alice stops routine load job'}");
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("STOPPED");
        assertError(() -> manager.resume("automq_db", "automq_example_load"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to RUNNING");
        assertError(() -> manager.pause("automq_db", "automq_example_load"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to PAUSED");
        assertError(() -> manager.stop("automq_db", "automq_example_load"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to STOPPED");

        // A final job frees its name.
        RoutineLoadJob second = manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of()));
        assertThat(manager.job("automq_db", "automq_example_load")).containsSame(second);
    }

    @Test
    void pauseAllAndResumeAllTouchOnlyTheirDatabase()
    {
        storage.createDatabase("other_db", false);
        storage.createTable("other_db", "users", users.schema(), false);
        RoutineLoadManager manager = closedManager();
        RoutineLoadJob first = manager.create(named(definition("automq_db", "users", "KAFKA", Map.of(), List.of()), "first"));
        RoutineLoadJob second = manager.create(named(definition("automq_db", "users", "KAFKA", Map.of(), List.of()), "second"));
        RoutineLoadJob other = manager.create(named(definition("other_db", "users", "KAFKA", Map.of(), List.of()), "other"));
        manager.pause("automq_db", "second");

        assertThat(manager.pauseAll("automq_db", "root")).isEqualTo(1);
        assertThat(first.state()).isEqualTo(JobState.PAUSED);
        assertThat(second.state()).isEqualTo(JobState.PAUSED);
        assertThat(other.state()).isEqualTo(JobState.RUNNING);

        assertThat(manager.resumeAll("automq_db")).isEqualTo(2);
        assertThat(first.state()).isEqualTo(JobState.RUNNING);
        assertThat(second.state()).isEqualTo(JobState.RUNNING);
        assertError(() -> manager.pauseAll("nodb", "root"), ErrorCode.UNKNOWN_DATABASE, "Unknown database 'nodb'");
    }

    @Test
    void unknownJob()
    {
        RoutineLoadManager manager = closedManager();

        assertThat(manager.job("automq_db", "nothere")).isEmpty();
        assertError(() -> manager.pause("automq_db", "nothere"), ErrorCode.ROUTINE_LOAD_NOT_FOUND, "There is not operable routine load job with name nothere");
        assertError(() -> manager.resume("automq_db", "nothere"), ErrorCode.ROUTINE_LOAD_NOT_FOUND, "There is not operable routine load job with name nothere");
        assertError(() -> manager.alter("automq_db", "nothere", alteration(Map.of("max_error_number", "1"), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_NOT_FOUND, "There is not operable routine load job with name nothere");
        assertError(() -> manager.stop("other_db", "nothere"), ErrorCode.UNKNOWN_DATABASE, "Unknown database 'other_db'");
    }

    @Test
    void alterChangesAPausedJobAndPersistsIt()
    {
        RoutineLoadManager manager = closedManager();
        RoutineLoadJob job = manager.create(definition("automq_db", "users", "KAFKA", Map.of("format", "json", "max_error_number", "1"), List.of()));
        manager.pause("automq_db", "automq_example_load");
        long generation = job.generation();

        manager.alter("automq_db", "automq_example_load", new RoutineLoadAlteration(
                Optional.of(List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("name", Optional.empty()))), Optional.empty(),
                Optional.of(","), Optional.empty(), Optional.empty(),
                ordered("max_error_number", "100", "strict_mode", "true", "format", "csv"),
                ordered("kafka_broker_list", "127.0.0.1:2", "property.client.id", "altered", "property.kafka_default_offsets", "OFFSET_BEGINNING")), NO_BROKER);

        assertThat(job.state()).isEqualTo(JobState.PAUSED);
        assertThat(job.generation()).isEqualTo(generation + 1);
        assertThat(job.properties().maxErrorNumber()).isEqualTo(100);
        assertThat(job.properties().strictMode()).isTrue();
        assertThat(job.properties().format()).isEqualTo("csv");
        assertThat(job.definition().columnSeparatorValue()).isEqualTo(",");
        assertThat(job.definition().columns()).extracting(ColumnMapping::name).containsExactly("id", "name");
        assertThat(job.source().brokerList()).isEqualTo("127.0.0.1:2");
        assertThat(job.source().consumerProperties()).containsEntry("client.id", "altered");
        assertThat(job.source().defaultOffset()).isEqualTo("OFFSET_BEGINNING");
        assertThat(job.source().topic()).isEqualTo("example_topic");

        RoutineLoadManager restarted = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        restarted.start();
        restarted.close();
        RoutineLoadJob restored = restarted.job("automq_db", "automq_example_load").orElseThrow();
        assertThat(restored.definition()).isEqualTo(job.definition());
        assertThat(restored.generation()).isEqualTo(generation + 1);
        assertThat(restored.state()).isEqualTo(JobState.PAUSED);
    }

    @Test
    void alterOffsetsSetsWhereThePartitionsContinue()
    {
        persist(100, "paused_job", JobState.PAUSED, Map.of(0, 15L));
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();
        manager.close();
        RoutineLoadJob job = manager.job("automq_db", "paused_job").orElseThrow();

        manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_partitions", "0", "kafka_offsets", "100")), NO_BROKER);

        assertThat(job.committedOffsets()).containsExactly(Map.entry(0, 100L));
        assertThat(RoutineLoadShow.row(job).get(RoutineLoadShow.COLUMNS.indexOf("Progress"))).isEqualTo("{\"0\":\"99\"}");
        assertThat(storage.loadJobs().get(0).sourceOffsets()).containsExactly(Map.entry(0, 100L));
        assertThat(job.counters()).isEqualTo(LoadJobCounters.ZERO);

        List<Map<Integer, String>> asked = new ArrayList<>();
        OffsetResolver broker = (source, positions) -> {
            asked.add(positions);
            return Map.of(0, 7L);
        };
        manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_partitions", "0", "kafka_offsets", "offset_beginning")), broker);

        assertThat(asked).containsExactly(Map.of(0, "OFFSET_BEGINNING"));
        assertThat(job.committedOffsets()).containsExactly(Map.entry(0, 7L));
        assertThat(storage.loadJobs().get(0).sourceOffsets()).containsExactly(Map.entry(0, 7L));

        assertError(() -> manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_partitions", "1", "kafka_offsets", "5")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "The specified partition 1 is not in the custom partitions");
        assertError(() -> manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_partitions", "0")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Partition and offset must be specified at the same time");
        assertError(() -> manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_offsets", "5")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Missing kafka partition info");
        assertError(() -> manager.alter("automq_db", "paused_job", alteration(Map.of(), ordered("kafka_partitions", "0", "kafka_offsets", "-5")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Can not specify offset smaller than 0");
        assertThat(job.committedOffsets()).containsExactly(Map.entry(0, 7L));
    }

    @Test
    void alterRejectsWhatCannotChange()
    {
        RoutineLoadManager manager = closedManager();
        RoutineLoadJob job = manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of()));
        long generation = job.generation();

        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of("format", "json"), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Only supports modification of PAUSED jobs; a RUNNING job can change only desired_concurrent_number, "
                        + "max_batch_interval, max_batch_rows, max_error_number, max_filter_ratio");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of(), ordered("property.client.id", "x")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Only supports modification of PAUSED jobs");
        manager.pause("automq_db", "automq_example_load");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of(), ordered("kafka_topic", "other")), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "kafka_topic is invalid kafka custom property");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of("max_batch_bytes", "1"), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "max_batch_bytes is invalid property");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of("desired_concurrent_number", "0"), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "desired_concurrent_number should > 0");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of(), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "ALTER ROUTINE LOAD needs a load property, PROPERTIES (...) or FROM KAFKA (...)");
        manager.stop("automq_db", "automq_example_load");
        assertError(() -> manager.alter("automq_db", "automq_example_load", alteration(Map.of("max_error_number", "1"), Map.of()), NO_BROKER),
                ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Only supports modification of PAUSED jobs");
        // Nothing of the failed statements stuck.
        assertThat(job.properties().maxErrorNumber()).isZero();
        assertThat(job.generation()).isEqualTo(generation + 2);
    }

    @Test
    void runningJobTakesItsBatchPropertiesAtOnce()
    {
        RoutineLoadManager manager = closedManager();
        RoutineLoadJob job = manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of()));
        long generation = job.generation();

        manager.alter("automq_db", "automq_example_load", alteration(ordered("desired_concurrent_number", "2", "max_error_number", "10",
                "max_batch_interval", "3", "max_batch_rows", "1000", "max_filter_ratio", "0.5"), Map.of()), NO_BROKER);

        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        // A new generation: a commit of the task started before the ALTER is rejected, and the new one re-reads from storage.
        assertThat(job.generation()).isEqualTo(generation + 1);
        assertThat(job.properties().desiredConcurrentNumber()).isEqualTo(2);
        assertThat(job.properties().maxErrorNumber()).isEqualTo(10);
        assertThat(job.properties().maxBatchIntervalSeconds()).isEqualTo(3);
        assertThat(job.properties().maxBatchRows()).isEqualTo(1000);
        assertThat(job.properties().maxFilterRatio()).isEqualTo(0.5);
        LoadJobRecord record = storage.loadJobs().get(0);
        assertThat(record.generation()).isEqualTo(generation + 1);
        assertThat(record.state()).isEqualTo("RUNNING");
        assertThat(RoutineLoadDefinition.deserialize(record.definition()).jobProperties()).containsEntry("max_error_number", "10");
    }

    @Test
    void restartRestoresJobsAndTheirStates()
    {
        persist(100, "paused_job", JobState.PAUSED, Map.of(0, 15L));
        persist(101, "stopped_job", JobState.STOPPED, Map.of());
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        manager.start();

        assertThat(manager.jobs()).extracting(RoutineLoadJob::id).containsExactly(100L, 101L);
        RoutineLoadJob paused = manager.job("automq_db", "paused_job").orElseThrow();
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(paused.committedOffsets()).containsExactly(Map.entry(0, 15L));
        assertThat(RoutineLoadShow.row(paused).get(RoutineLoadShow.COLUMNS.indexOf("Progress"))).isEqualTo("{\"0\":\"14\"}");
        assertThat(manager.job("automq_db", "stopped_job").orElseThrow().state()).isEqualTo(JobState.STOPPED);
        manager.close();
    }

    @Test
    void droppedTableCancelsItsJobs()
    {
        persist(100, "paused_job", JobState.PAUSED, Map.of());
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();

        storage.dropTable("automq_db", "users", false);
        manager.tableDropped(users.id());

        RoutineLoadJob job = manager.job("automq_db", "paused_job").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.endTimeMillis()).isPresent();
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 6, msg='table users not exist'}");
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("CANCELLED");
        assertError(() -> manager.resume("automq_db", "paused_job"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform CANCELLED to RUNNING");
        manager.close();
    }

    @Test
    void droppedDatabaseCancelsItsJobs()
    {
        persist(100, "paused_job", JobState.PAUSED, Map.of());
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();
        manager.close();
        RoutineLoadJob running = manager.create(named(definition("automq_db", "users", "KAFKA", Map.of(), List.of()), "running_job"));

        storage.dropDatabase("automq_db", false);
        manager.databaseDropped("automq_db");

        for (RoutineLoadJob job : List.of(manager.job("automq_db", "paused_job").orElseThrow(), running)) {
            assertThat(job.state()).isEqualTo(JobState.CANCELLED);
            assertThat(job.stateReason()).contains("ErrorReason{errCode = 5, msg='db automq_db not exist'}");
        }
        assertThat(storage.loadJobs()).extracting(LoadJobRecord::state).containsExactly("CANCELLED", "CANCELLED");
    }

    @Test
    void runningJobOfADroppedDatabaseIsCancelledOnRestart()
    {
        persist(100, "running_job", JobState.RUNNING, Map.of());
        storage.dropDatabase("automq_db", false);
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        manager.start();

        RoutineLoadJob job = manager.job("automq_db", "running_job").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 5, msg='db automq_db not exist'}");
        manager.close();
    }

    @Test
    void runningJobOfADroppedTableIsCancelledOnRestart()
    {
        persist(100, "running_job", JobState.RUNNING, Map.of());
        storage.dropTable("automq_db", "users", false);
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        manager.start();

        assertThat(manager.job("automq_db", "running_job").orElseThrow().stateReason()).contains("ErrorReason{errCode = 6, msg='table users not exist'}");
        manager.close();
    }

    @Test
    void pausedJobOfATableDroppedByACrashedDropIsCancelledOnRestart()
    {
        // What a crash between DROP TABLE's catalog commit and the cancel of its jobs leaves behind.
        persist(100, "paused_job", JobState.PAUSED, Map.of());
        storage.dropTable("automq_db", "users", false);
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        manager.start();

        RoutineLoadJob job = manager.job("automq_db", "paused_job").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 6, msg='table users not exist'}");
        manager.close();
    }

    /** A manager that schedules nothing: no task ever tries to reach a broker here. */
    private RoutineLoadManager closedManager()
    {
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();
        manager.close();
        return manager;
    }

    private static RoutineLoadAlteration alteration(Map<String, String> jobProperties, Map<String, String> sourceProperties)
    {
        return new RoutineLoadAlteration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), jobProperties, sourceProperties);
    }

    private static RoutineLoadDefinition named(RoutineLoadDefinition definition, String name)
    {
        return new RoutineLoadDefinition(definition.databaseName(), name, definition.tableName(), definition.columns(), definition.where(),
                definition.columnSeparator(), definition.rowDelimiter(), definition.partitions(), definition.jobProperties(),
                definition.dataSourceType(), definition.dataSourceProperties());
    }

    private static RoutineLoadDefinition withSource(RoutineLoadDefinition definition, String key, String value)
    {
        Map<String, String> source = new LinkedHashMap<>(definition.dataSourceProperties());
        source.put(key, value);
        return new RoutineLoadDefinition(definition.databaseName(), definition.name(), definition.tableName(), definition.columns(), definition.where(),
                definition.columnSeparator(), definition.rowDelimiter(), definition.partitions(), definition.jobProperties(),
                definition.dataSourceType(), source);
    }

    private static Map<String, String> ordered(String... keysAndValues)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void createPersistsTheJobWithAGroupId()
    {
        RoutineLoadManager manager = closedManager();

        RoutineLoadJob job = manager.create(definition("automq_db", "users", "KAFKA", Map.of("format", "json"), List.of()));

        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.tableId()).isEqualTo(users.id());
        assertThat(job.source().groupId()).hasValueSatisfying(groupId -> assertThat(groupId).startsWith("automq_example_load_"));
        LoadJobRecord record = storage.loadJobs().get(0);
        assertThat(record.id()).isEqualTo(job.id());
        assertThat(record.state()).isEqualTo("RUNNING");
        assertThat(RoutineLoadDefinition.deserialize(record.definition())).isEqualTo(job.definition());
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of(), List.of())), ErrorCode.ROUTINE_LOAD_EXISTS,
                "Name automq_example_load already used in db automq_db");
    }

    @Test
    void givenGroupIdIsKept()
    {
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.close();
        RoutineLoadDefinition requested = definition("automq_db", "users", "KAFKA", Map.of(), List.of());
        Map<String, String> source = new LinkedHashMap<>(requested.dataSourceProperties());
        source.put("property.group.id", "mine");

        RoutineLoadJob job = manager.create(new RoutineLoadDefinition(requested.databaseName(), requested.name(), requested.tableName(), requested.columns(),
                requested.where(), requested.columnSeparator(), requested.rowDelimiter(), requested.partitions(), requested.jobProperties(),
                requested.dataSourceType(), source));

        assertThat(job.source().groupId()).contains("mine");
    }

    private void persist(long id, String name, JobState state, Map<Integer, Long> offsets)
    {
        RoutineLoadDefinition definition = definition("automq_db", "users", "KAFKA", Map.of("format", "json"), List.of());
        definition = new RoutineLoadDefinition(definition.databaseName(), name, definition.tableName(), definition.columns(), definition.where(),
                definition.columnSeparator(), definition.rowDelimiter(), definition.partitions(), definition.jobProperties(),
                definition.dataSourceType(), definition.dataSourceProperties());
        storage.createLoadJob(new LoadJobRecord(id, "automq_db", name, users.id(), state.name(), definition.serialize(), 1_700_000_000_000L,
                Optional.empty(), Optional.empty(), Optional.empty(), 1, LoadJobCounters.ZERO, Map.of()));
        if (!offsets.isEmpty()) {
            // Offsets are only ever stored by a load commit.
            ColumnBatch noRows = new ColumnBatchBuilder(storage.tableData(users.id()).orElseThrow().physicalTypes()).build();
            storage.commitLoad(users.id(), new LoadCommit(id, 1, TableWrite.rows(users.schema(), noRows), offsets, LoadJobCounters.ZERO));
        }
    }

    private static RoutineLoadDefinition definition(String database, String table, String sourceType, Map<String, String> jobProperties, List<ColumnMapping> columns)
    {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "127.0.0.1:1");
        source.put("kafka_topic", "example_topic");
        source.put("kafka_partitions", "0");
        return new RoutineLoadDefinition(database, "automq_example_load", table, columns, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), jobProperties, sourceType, source);
    }

    private static void assertError(Runnable action, ErrorCode code, String message)
    {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
