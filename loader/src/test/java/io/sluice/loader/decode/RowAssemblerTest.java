package io.sluice.loader.decode;

import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.ColumnType;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.sluice.loader.decode.RecordingRowConsumer.MISSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowAssemblerTest
{
    /** id BIGINT NOT NULL (key), name VARCHAR(10), score INT, level TINYINT NOT NULL DEFAULT '7'. */
    private static final TableSchema USERS = new TableSchema(List.of(
            column("id", ColumnType.BIGINT, 0, false, true, Optional.empty()),
            column("name", ColumnType.VARCHAR, 10, true, false, Optional.empty()),
            column("score", ColumnType.INT, 0, true, false, Optional.empty()),
            column("level", ColumnType.TINYINT, 0, false, false, Optional.of("7"))),
            KeyModel.DUPLICATE, List.of("id"), 1, java.util.Map.of());

    private final FakeExpressionCompiler compiler = new FakeExpressionCompiler();

    @Test
    void withoutColumnsTheSourceColumnsAreTheTableColumnsInOrder()
    {
        RowAssembler assembler = assembler(List.of(), Optional.empty(), false);

        assertThat(assembler.sourceNames()).containsExactly("id", "name", "score", "level");
        assertThat(load(assembler, row(1L, "a", "42", 3L))).containsExactly(List.of(1L, "a", 42L, 3L));
    }

    @Test
    void columnsMapSourceColumnsByPosition()
    {
        RowAssembler assembler = assembler(List.of(source("NAME"), source("Id")), Optional.empty(), false);

        assertThat(assembler.sourceNames()).containsExactly("NAME", "Id");
        assertThat(load(assembler, row("bob", "5"))).containsExactly(Arrays.asList(5L, "bob", null, 7L));
    }

    @Test
    void strictModeOffTurnsAValueThatIsNotTheTypeIntoNull()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("score")), Optional.empty(), false);

        assertThat(load(assembler, row(1L, "a", "not a number"))).containsExactly(Arrays.asList(1L, "a", null, 7L));
    }

    @Test
    void valueThatDoesNotFitIsAnErrorWhateverStrictModeSays()
    {
        for (boolean strict : List.of(false, true)) {
            RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("score")), Optional.empty(), strict);
            ColumnBatchBuilder builder = builder();

            assertThat(assembler.assemble(row(1L, "much too long", 5L), builder)).isEqualTo(RowAssembler.ERROR);
            assertThat(assembler.errorMessage()).isEqualTo("Value 'much too long' is longer than 10 characters for column name");
            assertThat(assembler.assemble(row(1L, "a", 99999999999L), builder)).isEqualTo(RowAssembler.ERROR);
            assertThat(assembler.errorMessage()).isEqualTo("Value 99999999999 is out of range for column score of type int");
            assertThat(builder.rowCount()).isZero();
        }
    }

    @Test
    void strictModeOffStillRejectsNullInANotNullColumn()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name")), Optional.empty(), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row("x", "a"), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column id");
        assertThat(builder.rowCount()).isZero();
    }

    @Test
    void strictModeOnRejectsAFailedConversion()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("score")), Optional.empty(), true);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L, "a", "abc"), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("Value 'abc' is not a valid int for column score");
        assertThat(assembler.assemble(row(1L, "much too long", 1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("Value 'much too long' is longer than 10 characters for column name");
        assertThat(assembler.assemble(row(1L, "a", 1L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(rows(builder)).containsExactly(List.of(1L, "a", 1L, 7L));
    }

    @Test
    void strictModeLoadsNullSourceValues()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("score")), Optional.empty(), true);

        assertThat(load(assembler, row(1L, null, MISSING))).containsExactly(Arrays.asList(1L, null, null, 7L));
    }

    @Test
    void nullInANotNullColumnIsAnError()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("level")), Optional.empty(), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(null, 1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column id");
        assertThat(assembler.assemble(row(1L, null), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column level");
        assertThat(assembler.assemble(row(MISSING, 1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column id");
        assertThat(builder.rowCount()).isZero();
    }

    @Test
    void missingValueTakesTheDefault()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("level")), Optional.empty(), true);

        assertThat(load(assembler, row(1L, MISSING, MISSING), row(2L, null, 3L))).containsExactly(Arrays.asList(1L, null, null, 7L), Arrays.asList(2L, null, null, 3L));
    }

    @Test
    void unmappedColumnsGetTheirDefaultOrNull()
    {
        RowAssembler assembler = assembler(List.of(source("id")), Optional.empty(), false);

        assertThat(load(assembler, row(1L), row(2L))).containsExactly(Arrays.asList(1L, null, null, 7L), Arrays.asList(2L, null, null, 7L));
    }

    @Test
    void unmappedNotNullColumnWithoutDefaultIsAnError()
    {
        RowAssembler assembler = assembler(List.of(source("name")), Optional.empty(), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row("a"), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column id");
    }

    @Test
    void currentTimestampDefaultUsesTheJobTimeZone()
    {
        TableSchema schema = new TableSchema(List.of(
                column("id", ColumnType.BIGINT, 0, false, true, Optional.empty()),
                column("created", ColumnType.DATETIME, 0, false, false, Optional.of("CURRENT_TIMESTAMP")),
                column("created_text", ColumnType.VARCHAR, 30, true, false, Optional.of("CURRENT_TIMESTAMP"))),
                KeyModel.DUPLICATE, List.of("id"), 1, java.util.Map.of());
        // A whole minute: LocalDateTime.toString() would drop the seconds.
        Instant now = Instant.parse("2024-03-01T10:15:00.250Z");
        RowAssembler assembler = new RowAssembler(schema, List.of(source("id")), Optional.empty(), true, false, compiler, "Asia/Shanghai",
                Clock.fixed(now, ZoneId.of("UTC")));
        ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(PhysicalType.LONG, PhysicalType.LONG, PhysicalType.STRING));

        assertThat(assembler.assemble(row(1L), builder)).as("%s", assembler.errorMessage()).isEqualTo(RowAssembler.LOADED);

        long expected = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(2024, 3, 1, 18, 15, 0));
        assertThat(rows(builder)).containsExactly(List.of(1L, expected, "2024-03-01 18:15:00"));
    }

    @Test
    void temporaryColumnsFeedExpressions()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("tmp"), computed("score", "tmp * 100"), computed("name", "concat(tmp, '!')")),
                Optional.empty(), false);

        assertThat(assembler.sourceNames()).containsExactly("id", "tmp");
        assertThat(load(assembler, row(1L, 5L), row(2L, "6"), row(3L, null)))
                .containsExactly(List.of(1L, "5!", 500L, 7L), List.of(2L, "6!", 600L, 7L), Arrays.asList(3L, null, null, 7L));
    }

    @Test
    void expressionsSeeEarlierComputedColumns()
    {
        RowAssembler assembler = assembler(List.of(source("id"), computed("tmp", "'3'"), computed("score", "tmp * 100")), Optional.empty(), false);

        assertThat(assembler.sourceNames()).containsExactly("id");
        assertThat(load(assembler, row(1L))).containsExactly(Arrays.asList(1L, null, 300L, 7L));
    }

    @Test
    void computedValuesConvertLikeSourceValues()
    {
        List<ColumnMapping> tooLong = List.of(source("id"), computed("name", "'this is longer than ten'"));
        List<ColumnMapping> notANumber = List.of(source("id"), computed("score", "'abc'"));
        ColumnBatchBuilder builder = builder();

        assertThat(load(assembler(notANumber, Optional.empty(), false), row(1L))).containsExactly(Arrays.asList(1L, null, null, 7L));
        RowAssembler strict = assembler(notANumber, Optional.empty(), true);
        assertThat(strict.assemble(row(1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(strict.errorMessage()).isEqualTo("Value 'abc' is not a valid int for column score");
        for (boolean strictMode : List.of(false, true)) {
            RowAssembler assembler = assembler(tooLong, Optional.empty(), strictMode);
            assertThat(assembler.assemble(row(1L), builder)).isEqualTo(RowAssembler.ERROR);
            assertThat(assembler.errorMessage()).isEqualTo("Value 'this is longer than ten' is longer than 10 characters for column name");
        }
    }

    @Test
    void whereFiltersRows()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("score")), Optional.of("score > 100"), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L, 101L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(assembler.assemble(row(2L, 100L), builder)).isEqualTo(RowAssembler.UNSELECTED);
        assertThat(assembler.assemble(row(3L, null), builder)).isEqualTo(RowAssembler.UNSELECTED);
        assertThat(assembler.assemble(row(4L, "500"), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(rows(builder)).containsExactly(Arrays.asList(1L, null, 101L, 7L), Arrays.asList(4L, null, 500L, 7L));
    }

    @Test
    void whereSeesTheConvertedValues()
    {
        // " 0500 " is no number for the (fake) function library; converted into the INT column it is 500.
        RowAssembler assembler = assembler(List.of(source("id"), source("score")), Optional.of("score > 100"), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L, " 0500 "), builder)).as("%s", assembler.errorMessage()).isEqualTo(RowAssembler.LOADED);
        // Not an INT: NULL (strict_mode off), which WHERE does not keep.
        assertThat(assembler.assemble(row(2L, "many"), builder)).isEqualTo(RowAssembler.UNSELECTED);
        assertThat(rows(builder)).containsExactly(Arrays.asList(1L, null, 500L, 7L));
    }

    @Test
    void whereSeesDatesAsSelectDoes()
    {
        TableSchema schema = new TableSchema(List.of(
                column("id", ColumnType.BIGINT, 0, false, true, Optional.empty()),
                column("day", ColumnType.DATE, 0, true, false, Optional.empty()),
                column("at", ColumnType.DATETIME, 0, true, false, Optional.empty()),
                column("price", ColumnType.DECIMAL, 10, true, false, Optional.empty())),
                KeyModel.DUPLICATE, List.of("id"), 1, java.util.Map.of());
        ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(PhysicalType.LONG, PhysicalType.LONG, PhysicalType.LONG, PhysicalType.STRING));
        for (String where : List.of("day = '2020-05-11'", "at = '2020-05-11 01:02:03.500000'", "price = '3'", "price > 100")) {
            RowAssembler assembler = new RowAssembler(schema, List.of(source("id"), source("day"), source("at"), source("price")), Optional.of(where),
                    true, compiler, "UTC");
            assertThat(assembler.assemble(row(1L, "20200511", "2020-05-11T01:02:03.5", "3"), builder)).as(where).isEqualTo(where.endsWith("100") ? RowAssembler.UNSELECTED : RowAssembler.LOADED);
        }
    }

    @Test
    void whereIsAppliedAfterConversionErrorsButBeforeNotNull()
    {
        RowAssembler strict = assembler(List.of(source("id"), source("score")), Optional.of("score > 100"), true);
        ColumnBatchBuilder builder = builder();

        // A conversion error is an error even on a row WHERE would drop...
        assertThat(strict.assemble(row(1L, "many"), builder)).isEqualTo(RowAssembler.ERROR);
        // ...but a row WHERE drops is not checked for NULL in NOT NULL columns (a CSV header line, say).
        assertThat(strict.assemble(row(null, 5L), builder)).isEqualTo(RowAssembler.UNSELECTED);
        assertThat(strict.assemble(row(null, 500L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(builder.rowCount()).isZero();
    }

    @Test
    void whereCanUseTemporaryColumns()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("tmp")), Optional.of("tmp > 100"), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L, 5L), builder)).isEqualTo(RowAssembler.UNSELECTED);
        assertThat(assembler.assemble(row(2L, 500L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(rows(builder)).containsExactly(Arrays.asList(2L, null, null, 7L));
    }

    @Test
    void failingExpressionIsAnErrorRow()
    {
        RowAssembler assembler = assembler(List.of(source("id"), computed("score", "fail()")), Optional.empty(), false);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("Expression failed: fail() was called");
        assertThat(builder.rowCount()).isZero();
    }

    @Test
    void errorRowLeavesNothingBehind()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name"), source("score")), Optional.empty(), true);
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.assemble(row(1L, "first", "bad"), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.assemble(row(2L, null, 2L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(rows(builder)).containsExactly(Arrays.asList(2L, null, 2L, 7L));
    }

    @Test
    void operationColumnFromAnExpression()
    {
        RowAssembler assembler = primaryKeyAssembler(List.of(source("id"), source("name"), source("temp"), computed("__op", "temp")), Optional.empty());
        ColumnBatchBuilder builder = builder();

        assertThat(assembler.sourceNames()).containsExactly("id", "name", "temp");
        assertThat(assembler.hasOperation()).isTrue();
        assertThat(assembler.targetColumns()).containsExactly("id", "name");
        List<Boolean> deletes = new ArrayList<>();
        for (Object operation : Arrays.asList(1L, 0L, "delete", "UPSERT", " Delete ", null, "1", "0", true, 1.0)) {
            assertThat(assembler.assemble(row(1L, "a", operation), builder)).as("%s: %s", operation, assembler.errorMessage()).isEqualTo(RowAssembler.LOADED);
            deletes.add(assembler.lastRowDeletes());
        }
        assertThat(deletes).containsExactly(true, false, true, false, true, false, true, false, true, true);
        for (Object operation : Arrays.asList(2L, -1L, "remove", "", 0.5)) {
            assertThat(assembler.assemble(row(1L, "a", operation), builder)).as("%s", operation).isEqualTo(RowAssembler.ERROR);
            assertThat(assembler.errorMessage()).startsWith("Invalid __op value '" + operation + "': use 0 or 'upsert' to upsert the row, 1 or 'delete' to delete its key");
        }
        assertThat(builder.rowCount()).isEqualTo(10);
    }

    @Test
    void operationColumnConstantOrFromTheSource()
    {
        RowAssembler deleting = primaryKeyAssembler(List.of(source("id"), computed("__op", "'delete'")), Optional.empty());
        RowAssembler fromSource = primaryKeyAssembler(List.of(source("id"), source("__op")), Optional.empty());
        ColumnBatchBuilder builder = builder();

        assertThat(deleting.assemble(row(1L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(deleting.lastRowDeletes()).isTrue();
        assertThat(fromSource.sourceNames()).containsExactly("id", "__op");
        assertThat(fromSource.targetColumns()).containsExactly("id");
        assertThat(fromSource.assemble(row(2L, "delete"), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(fromSource.lastRowDeletes()).isTrue();
        assertThat(fromSource.assemble(row(3L, MISSING), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(fromSource.lastRowDeletes()).isFalse();
    }

    @Test
    void deleteRowOnlyNeedsAValidKey()
    {
        RowAssembler assembler = primaryKeyAssembler(List.of(source("id"), source("name"), source("score"), source("level"), source("__op")), Optional.empty());
        ColumnBatchBuilder builder = builder();

        // A bad value, a too long one and NULL in NOT NULL: fine for a delete, errors for an upsert.
        assertThat(assembler.assemble(row(1L, "much too long", "abc", null, 1L), builder)).as("%s", assembler.errorMessage()).isEqualTo(RowAssembler.LOADED);
        assertThat(assembler.lastRowDeletes()).isTrue();
        assertThat(assembler.assemble(row(1L, "much too long", "abc", null, 0L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.assemble(row(null, "a", 1L, 1L, 1L), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column id");
        assertThat(assembler.assemble(row("x", "a", 1L, 1L, "delete"), builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(rows(builder)).containsExactly(Arrays.asList(1L, null, null, null));
    }

    @Test
    void operationColumnNeedsAPrimaryKeyTable()
    {
        assertThatThrownBy(() -> assembler(List.of(source("id"), computed("__op", "'delete'")), Optional.empty(), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessage("__op is only supported for PRIMARY KEY tables, not for DUPLICATE KEY tables");
    }

    @Test
    void targetColumnsAreTheTableColumnsTheMappingWrites()
    {
        assertThat(assembler(List.of(), Optional.empty(), false).targetColumns()).containsExactly("id", "name", "score", "level");
        assertThat(assembler(List.of(source("SCORE"), source("tmp"), source("Id"), computed("name", "concat(tmp, '!')")), Optional.empty(), false).targetColumns())
                .containsExactly("id", "name", "score");
    }

    @Test
    void partialUpdateLeavesUnwrittenColumnsToStorage()
    {
        RowAssembler full = primaryKeyAssembler(List.of(source("id"), source("score")), Optional.empty());
        RowAssembler partial = new RowAssembler(primaryKeyUsers(), List.of(source("id"), source("score")), Optional.empty(), false, true, compiler, "UTC");
        ColumnBatchBuilder builder = builder();

        // name is nullable and level has a default; a NOT NULL column without default would fail a full row only.
        TableSchema strictSchema = new TableSchema(List.of(
                column("id", ColumnType.BIGINT, 0, false, true, Optional.empty()),
                column("name", ColumnType.VARCHAR, 10, false, false, Optional.empty())),
                KeyModel.PRIMARY, List.of("id"), 1, java.util.Map.of());
        RowAssembler fullStrict = new RowAssembler(strictSchema, List.of(source("id")), Optional.empty(), false, false, compiler, "UTC");
        RowAssembler partialStrict = new RowAssembler(strictSchema, List.of(source("id")), Optional.empty(), false, true, compiler, "UTC");
        ColumnBatchBuilder twoColumns = new ColumnBatchBuilder(List.of(PhysicalType.LONG, PhysicalType.STRING));
        assertThat(fullStrict.assemble(row(1L), twoColumns)).isEqualTo(RowAssembler.ERROR);
        assertThat(partialStrict.assemble(row(1L), twoColumns)).isEqualTo(RowAssembler.LOADED);
        assertThat(partialStrict.targetColumns()).containsExactly("id");
        assertThat(full.assemble(row(1L, 2L), builder)).isEqualTo(RowAssembler.LOADED);
        assertThat(partial.assemble(row(1L, 2L), builder)).isEqualTo(RowAssembler.LOADED);
    }

    @Test
    void duplicateColumnNameIsRejected()
    {
        assertThatThrownBy(() -> assembler(List.of(source("id"), source("ID")), Optional.empty(), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessage("Duplicate column: ID");
        assertThatThrownBy(() -> assembler(List.of(source("tmp"), computed("tmp", "'x'")), Optional.empty(), false))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Duplicate column: tmp");
    }

    @Test
    void badExpressionFailsWhenBuilt()
    {
        assertThatThrownBy(() -> assembler(List.of(source("id"), computed("score", "unknown(id)")), Optional.empty(), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
        assertThatThrownBy(() -> assembler(List.of(source("id")), Optional.of("nothere > 100"), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));
    }

    @Test
    void jsonAndCsvValuesOfStoryA()
    {
        TableSchema users = new TableSchema(List.of(
                column("id", ColumnType.BIGINT, 0, false, true, Optional.empty()),
                column("name", ColumnType.STRING, 0, false, false, Optional.empty()),
                column("timestamp", ColumnType.STRING, 0, true, false, Optional.empty()),
                column("status", ColumnType.STRING, 0, true, false, Optional.empty())),
                KeyModel.PRIMARY, List.of("id"), 1, java.util.Map.of());
        RowAssembler assembler = new RowAssembler(users, List.of(source("id"), source("name"), source("timestamp"), source("status")),
                Optional.empty(), false, compiler, "UTC");
        JsonMessageDecoder decoder = new JsonMessageDecoder(assembler.sourceNames(), List.of("$.id", "$.name", "$.timestamp", "$.status"), Optional.empty(), false);
        ColumnBatchBuilder builder = new ColumnBatchBuilder(List.of(PhysicalType.LONG, PhysicalType.STRING, PhysicalType.STRING, PhysicalType.STRING));
        List<Integer> results = new ArrayList<>();
        RowConsumer consumer = new RowConsumer()
        {
            @Override
            public void accept(SourceRow row)
            {
                results.add(assembler.assemble(row, builder));
            }

            @Override
            public void reject(String reason)
            {
                throw new AssertionError(reason);
            }
        };

        decoder.decode("{\"id\": 1, \"name\": \"testuser\", \"timestamp\": \"2023-11-10T12:00:00\", \"status\": \"active\"}".getBytes(), consumer);
        decoder.decode("{\"id\": 2, \"timestamp\": null}".getBytes(), consumer);

        assertThat(results).containsExactly(RowAssembler.LOADED, RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).isEqualTo("NULL value in non-nullable column name");
        assertThat(rows(builder)).containsExactly(List.of(1L, "testuser", "2023-11-10T12:00:00", "active"));
    }

    @Test
    void textsThatRarelyRepeatAreKeptAsBytesAndRepeatedOnesAsSharedStrings()
    {
        RowAssembler assembler = assembler(List.of(source("id"), source("name")), Optional.empty(), true);
        ColumnBatchBuilder builder = builder();
        // One row reused for every message, as a decoder does: its slots' caches see every text.
        SourceRow row = new SourceRow(2);
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            row.clear();
            row.setLong(0, i);
            char[] name = ("u" + i).toCharArray();
            row.setText(1, name, 0, name.length);
            assertThat(assembler.assemble(row, builder)).isEqualTo(RowAssembler.LOADED);
        }
        assertThat(builder.isUtf8(1)).isTrue();
        ColumnBatch batch = builder.build();
        StringVector names = (StringVector) batch.column(1);
        assertThat(names.isUtf8()).isTrue();
        for (int i = 0; i < rows; i++) {
            assertThat(names.value(i)).isEqualTo("u" + i);
        }

        // A text longer than the column still fails, as a String would.
        char[] tooLong = "abcdefghijkl".toCharArray();
        row.clear();
        row.setLong(0, 1);
        row.setText(1, tooLong, 0, tooLong.length);
        assertThat(assembler.assemble(row, builder)).isEqualTo(RowAssembler.ERROR);
        assertThat(assembler.errorMessage()).contains("longer than 10 characters");

        // Values that repeat go back to Strings once the cache looks again.
        for (int i = 0; i < 2_000_000 && builder.isUtf8(1); i++) {
            row.clear();
            row.setLong(0, i);
            char[] status = (i % 2 == 0 ? "active" : "banned").toCharArray();
            row.setText(1, status, 0, status.length);
            assertThat(assembler.assemble(row, builder)).isEqualTo(RowAssembler.LOADED);
        }
        assertThat(builder.isUtf8(1)).isFalse();
        StringVector statuses = (StringVector) builder.build().column(1);
        assertThat(statuses.value(0)).isIn("active", "banned");
        assertThat(statuses.value(statuses.size() - 1)).isIn("active", "banned");
    }

    private RowAssembler primaryKeyAssembler(List<ColumnMapping> columns, Optional<String> where)
    {
        return new RowAssembler(primaryKeyUsers(), columns, where, false, compiler, "UTC");
    }

    /** {@link #USERS} as a PRIMARY KEY table. */
    private static TableSchema primaryKeyUsers()
    {
        return new TableSchema(USERS.columns(), KeyModel.PRIMARY, List.of("id"), 1, java.util.Map.of());
    }

    private RowAssembler assembler(List<ColumnMapping> columns, Optional<String> where, boolean strictMode)
    {
        return new RowAssembler(USERS, columns, where, strictMode, compiler, "UTC");
    }

    private static ColumnMapping source(String name)
    {
        return new ColumnMapping(name, Optional.empty());
    }

    private static ColumnMapping computed(String name, String expression)
    {
        return new ColumnMapping(name, Optional.of(expression));
    }

    private static ColumnSchema column(String name, ColumnType type, int length, boolean nullable, boolean key, Optional<String> defaultValue)
    {
        return new ColumnSchema(name, type, length, 0, nullable, key, AggregationFunction.NONE, defaultValue, "");
    }

    /** A source row: Long, Double, Boolean and String values, null for NULL, {@link RecordingRowConsumer#MISSING} for missing. */
    private static SourceRow row(Object... values)
    {
        SourceRow row = new SourceRow(values.length);
        row.clear();
        for (int slot = 0; slot < values.length; slot++) {
            Object value = values[slot];
            if (value == null) {
                row.setNull(slot);
            }
            else if (value instanceof Long number) {
                row.setLong(slot, number);
            }
            else if (value instanceof Double number) {
                row.setDouble(slot, number);
            }
            else if (value instanceof Boolean bool) {
                row.setBoolean(slot, bool);
            }
            else if (value != MISSING) {
                row.setText(slot, (String) value);
            }
        }
        return row;
    }

    private static ColumnBatchBuilder builder()
    {
        return new ColumnBatchBuilder(List.of(PhysicalType.LONG, PhysicalType.STRING, PhysicalType.LONG, PhysicalType.LONG));
    }

    /** Assembles rows that must all load, and returns the table rows. */
    private static List<List<Object>> load(RowAssembler assembler, SourceRow... sources)
    {
        ColumnBatchBuilder builder = builder();
        for (SourceRow source : sources) {
            assertThat(assembler.assemble(source, builder)).as("%s", assembler.errorMessage()).isEqualTo(RowAssembler.LOADED);
        }
        return rows(builder);
    }

    private static List<List<Object>> rows(ColumnBatchBuilder builder)
    {
        ColumnBatch batch = builder.build();
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < batch.rowCount(); position++) {
            Object[] values = new Object[batch.columns().size()];
            for (int column = 0; column < values.length; column++) {
                values[column] = batch.column(column).objectValue(position);
            }
            rows.add(Arrays.asList(values));
        }
        return rows;
    }
}
