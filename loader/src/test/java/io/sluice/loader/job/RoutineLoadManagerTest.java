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
                new ColumnSchema("name", ColumnType.STRING, 0, 0, false, false, AggregationFunction.NONE, Optional.empty(), "")),
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
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        assertError(() -> manager.create(definition("nodb", "users", "KAFKA", Map.of(), List.of())), ErrorCode.UNKNOWN_DATABASE, "Unknown database 'nodb'");
        assertError(() -> manager.create(definition("automq_db", "nothere", "KAFKA", Map.of(), List.of())), ErrorCode.NO_SUCH_TABLE,
                "Table 'automq_db.nothere' doesn't exist");
        assertError(() -> manager.create(definition("automq_db", "users", "KINESIS", Map.of(), List.of())), ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                "Data source type KINESIS is not supported");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of("max_batch_size", "1"), List.of())),
                ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "max_batch_size is invalid property");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of(),
                List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("name", Optional.of("upper(id)"))))), ErrorCode.SYNTAX_ERROR,
                "No expressions here: upper(id)");
        assertError(() -> manager.create(definition("automq_db", "users", "KAFKA", Map.of(),
                List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("ID", Optional.empty())))), ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                "Duplicate column: ID");

        assertThat(storage.loadJobs()).isEmpty();
        assertThat(manager.jobs()).isEmpty();
    }

    @Test
    void createPersistsTheJobWithAGroupId()
    {
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        // Closed: nothing is scheduled, so no task tries to reach the broker.
        manager.close();

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
    void stopIsFinalAndPersisted()
    {
        persist(100, "paused_job", JobState.PAUSED, Map.of());
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();

        manager.pause("automq_db", "paused_job");
        manager.stop("automq_db", "paused_job");

        RoutineLoadJob job = manager.job("automq_db", "paused_job").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.STOPPED);
        assertThat(job.endTimeMillis()).isPresent();
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("STOPPED");
        assertError(() -> manager.resume("automq_db", "paused_job"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to RUNNING");
        assertError(() -> manager.pause("automq_db", "paused_job"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to PAUSED");
        assertError(() -> manager.stop("automq_db", "paused_job"), ErrorCode.ROUTINE_LOAD_INVALID_STATE, "Could not transform STOPPED to STOPPED");
        manager.close();
    }

    @Test
    void unknownJob()
    {
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);
        manager.start();

        assertThat(manager.job("automq_db", "nothere")).isEmpty();
        assertError(() -> manager.pause("automq_db", "nothere"), ErrorCode.ROUTINE_LOAD_NOT_FOUND, "Routine load job [nothere] not found in db automq_db");
        assertError(() -> manager.stop("other_db", "nothere"), ErrorCode.ROUTINE_LOAD_NOT_FOUND, "Routine load job [nothere] not found in db other_db");
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
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 6, msg='Table users has been dropped'}");
        assertThat(storage.loadJobs().get(0).state()).isEqualTo("CANCELLED");
        manager.close();
    }

    @Test
    void runningJobOfADroppedTableIsCancelledOnRestart()
    {
        persist(100, "running_job", JobState.RUNNING, Map.of());
        storage.dropTable("automq_db", "users", false);
        RoutineLoadManager manager = new RoutineLoadManager(storage, NO_EXPRESSIONS);

        manager.start();

        assertThat(manager.job("automq_db", "running_job").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        manager.close();
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
