package io.sluice.storage.model;

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
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableRows;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;
import io.sluice.storage.type.ColumnType;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.sluice.storage.catalog.AggregationFunction.MAX;
import static io.sluice.storage.catalog.AggregationFunction.MIN;
import static io.sluice.storage.catalog.AggregationFunction.NONE;
import static io.sluice.storage.catalog.AggregationFunction.REPLACE;
import static io.sluice.storage.catalog.AggregationFunction.REPLACE_IF_NOT_NULL;
import static io.sluice.storage.catalog.AggregationFunction.SUM;
import static io.sluice.storage.model.Rows.date;
import static io.sluice.storage.model.Rows.dateTime;
import static io.sluice.storage.model.Rows.row;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.DATE;
import static io.sluice.storage.type.ColumnType.DATETIME;
import static io.sluice.storage.type.ColumnType.DOUBLE;
import static io.sluice.storage.type.ColumnType.INT;
import static io.sluice.storage.type.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The semantics of each key model, each aggregation function and each kind of PRIMARY KEY write, checked on the
 * freshly committed state, again after compaction, and again after the storage is closed and reopened: merged
 * state must not depend on either.
 */
class KeyModelTest
{
    private static final String DATABASE = "db";

    @TempDir
    Path directory;

    private Storage storage;

    @BeforeEach
    void openStorage()
    {
        storage = Storage.open(directory);
        storage.createDatabase(DATABASE, false);
    }

    @AfterEach
    void closeStorage()
    {
        storage.close();
    }

    // ---- DUPLICATE KEY

    @Test
    void duplicateKeepsEveryRow()
    {
        createTable("events", KeyModel.DUPLICATE, 8, key("id", BIGINT), value("name", VARCHAR), value("score", DOUBLE));
        WriteResult first = insert("events", row(1, "a", 1.5), row(1, "a", 1.5), row(2, null, null));
        insert("events", row(1, "a", 1.5), row(2, "b", -0.25));
        insert("events");

        assertThat(first).isEqualTo(new WriteResult(3, 0, 0, 0, Optional.empty()));
        assertRowsEverywhere("events",
                row(1, "a", 1.5), row(1, "a", 1.5), row(1, "a", 1.5),
                row(2, null, null), row(2, "b", -0.25));
    }

    // ---- AGGREGATE KEY

    @Test
    void aggregateSumAddsAndIgnoresNull()
    {
        createTable("sums", KeyModel.AGGREGATE, 1,
                key("k", BIGINT), value("total", BIGINT, SUM), value("count", INT, SUM), value("amount", DOUBLE, SUM));
        insert("sums",
                row(1, 10, 1, 0.5),
                row(1, null, 2, 0.25),
                row(2, null, null, null));
        insert("sums",
                row(1, 5, null, 1.0),
                row(2, 7, null, null),
                row(3, null, null, null));
        insert("sums", row(2, -3, 4, 2.5));

        assertRowsEverywhere("sums",
                row(1, 15, 3, 1.75),
                row(2, 4, 4, 2.5),
                row(3, null, null, null));
    }

    @Test
    void aggregateMaxAndMinIgnoreNull()
    {
        createTable("extremes", KeyModel.AGGREGATE, 1,
                key("k", BIGINT),
                value("high", BIGINT, MAX),
                value("low", BIGINT, MIN),
                value("peak", DOUBLE, MAX),
                value("first_name", VARCHAR, MIN),
                value("last_day", DATE, MAX),
                value("first_seen", DATETIME, MIN));
        insert("extremes",
                row(1, 5, 5, -1.5, "m", date("2024-03-01"), dateTime("2024-03-01 10:00:00")),
                row(1, null, null, null, null, null, null),
                row(1, -7, -7, -0.5, "z", date("2023-12-31"), dateTime("2024-03-01 09:59:59.999999")));
        insert("extremes",
                row(1, 9, 9, -2.0, "a", date("2024-03-02"), dateTime("2024-03-01 10:00:01")),
                row(2, null, null, null, null, null, null));
        insert("extremes",
                row(2, -1, -1, 0.0, "", date("1969-12-31"), dateTime("1969-12-31 23:59:59")),
                row(2, null, null, null, null, null, null));

        assertRowsEverywhere("extremes",
                row(1, 9, -7, -0.5, "a", date("2024-03-02"), dateTime("2024-03-01 09:59:59.999999")),
                row(2, -1, -1, 0.0, "", date("1969-12-31"), dateTime("1969-12-31 23:59:59")));
    }

    @Test
    void aggregateReplaceTakesTheLastValueEvenNull()
    {
        createTable("latest", KeyModel.AGGREGATE, 1,
                key("k", BIGINT), value("name", VARCHAR, REPLACE), value("score", BIGINT, REPLACE), value("day", DATE, REPLACE));
        insert("latest",
                row(1, "a", 1, date("2024-01-01")),
                row(1, "b", null, date("2024-01-02")),
                row(2, "x", 10, null));
        insert("latest",
                row(2, null, 20, date("2024-01-03")),
                row(3, "c", 3, date("2024-01-04")));
        insert("latest", row(3, null, null, null));

        assertRowsEverywhere("latest",
                row(1, "b", null, date("2024-01-02")),
                row(2, null, 20, date("2024-01-03")),
                row(3, null, null, null));
    }

    @Test
    void aggregateReplaceIfNotNullKeepsTheOldValueOnNull()
    {
        createTable("sticky", KeyModel.AGGREGATE, 1,
                key("k", BIGINT), value("name", VARCHAR, REPLACE_IF_NOT_NULL), value("amount", DOUBLE, REPLACE_IF_NOT_NULL));
        insert("sticky",
                row(1, null, null),
                row(1, "a", null),
                row(2, "x", 1.0),
                row(2, null, null));
        insert("sticky",
                row(1, null, 2.5),
                row(2, "y", null),
                row(3, null, null));
        insert("sticky", row(1, "b", null));

        assertRowsEverywhere("sticky",
                row(1, "b", 2.5),
                row(2, "y", 1.0),
                row(3, null, null));
    }

    @Test
    void aggregateWithCompositeKeyAcrossManyTablets()
    {
        createTable("visits", KeyModel.AGGREGATE, 8,
                key("id", BIGINT), key("region", VARCHAR), value("visits", BIGINT, SUM), value("last_page", VARCHAR, REPLACE));
        Map<List<Object>, List<Object>> expected = new TreeMap<>(Rows.ROW_ORDER);
        String[] regions = {"", "eu", "us", "ü"};
        for (int batch = 0; batch < 6; batch++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long id = 0; id < 20; id++) {
                for (String region : regions) {
                    long visits = id + batch;
                    String page = "p" + batch + "-" + id;
                    rows.add(row(id, region, visits, page));
                    List<Object> keyValues = row(id, region);
                    List<Object> previous = expected.get(keyValues);
                    long total = previous == null ? visits : (Long) previous.get(2) + visits;
                    expected.put(keyValues, row(id, region, total, page));
                }
            }
            insert("visits", rows);
        }

        assertRowsEverywhere("visits", List.copyOf(expected.values()));
        assertThat(data("visits").indexedKeys()).isEqualTo(80);
    }

    @Test
    void aggregateSumOverflowRejectsTheWholeWrite()
    {
        createTable("totals", KeyModel.AGGREGATE, 1, key("k", BIGINT), value("big", BIGINT, SUM), value("small", INT, SUM));
        insert("totals", row(1, Long.MAX_VALUE - 1, 0), row(2, 0, Integer.MAX_VALUE));

        assertThatThrownBy(() -> insert("totals", row(3, 5, 5), row(1, 2, 0)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE));
        assertThatThrownBy(() -> insert("totals", row(3, 5, 5), row(2, 0, 1)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE));

        assertRowsEverywhere("totals", row(1, Long.MAX_VALUE - 1, 0), row(2, 0, Integer.MAX_VALUE));
    }

    // ---- UNIQUE KEY

    @Test
    void uniqueReplacesEveryValueColumnWithTheLastRow()
    {
        createTable("profiles", KeyModel.UNIQUE, 1, key("id", BIGINT), value("name", VARCHAR), value("score", BIGINT));
        WriteResult result = insert("profiles", row(1, "a", 1), row(1, "b", null), row(2, "x", 2));
        insert("profiles", row(2, null, 3), row(3, "c", 3));
        insert("profiles", row(3, "d", 4), row(3, "e", null));

        assertThat(result.writtenRows()).isEqualTo(3);
        assertRowsEverywhere("profiles",
                row(1, "b", null),
                row(2, null, 3),
                row(3, "e", null));
    }

    @Test
    void uniqueWithStringKey()
    {
        createTable("names", KeyModel.UNIQUE, 8, key("name", VARCHAR), value("score", BIGINT));
        insert("names", row("", 1), row("a", 2), row("A", 3), row("é", 4), row("中文", 5));
        insert("names", row("", 10), row("a", 20), row("a ", 30));

        assertRowsEverywhere("names",
                row("", 10), row("A", 3), row("a", 20), row("a ", 30), row("é", 4), row("中文", 5));
    }

    // ---- PRIMARY KEY: upserts and deletes

    @Test
    void primaryUpsertsWithinAndAcrossBatchesOnManyTablets()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR), value("score", DOUBLE));
        Map<Long, List<Object>> expected = new TreeMap<>();
        for (int batch = 0; batch < 7; batch++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long id = batch * 10L; id < batch * 10L + 50; id++) {
                List<Object> row = row(id, "n" + batch + "-" + id, batch + id / 8.0);
                rows.add(row);
                expected.put(id, row);
            }
            // The same key twice in one batch: the later row wins.
            List<Object> again = row(batch * 10L, "again" + batch, null);
            rows.add(again);
            expected.put(batch * 10L, again);
            insert("users", rows);
        }

        assertRowsEverywhere("users", List.copyOf(expected.values()));
        assertThat(data("users").indexedKeys()).isEqualTo(expected.size());
    }

    @Test
    void primaryDeletesExistingKeysAndIgnoresMissingOnes()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "a"), row(2, "b"), row(3, "c"));

        WriteResult result = write("users", "id", "name").delete(2, null).delete(99, null).apply();
        WriteResult missingOnly = write("users", "id", "name").delete(100, "ignored").apply();

        assertThat(result).isEqualTo(new WriteResult(0, 1, 0, 0, Optional.empty()));
        assertThat(missingOnly).isEqualTo(new WriteResult(0, 0, 0, 0, Optional.empty()));
        assertRowsEverywhere("users", row(1, "a"), row(3, "c"));
        assertThat(data("users").indexedKeys()).isEqualTo(2);
    }

    @Test
    void primaryDeleteThenReinsertInOneBatch()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "old"), row(2, "kept"));

        WriteResult result = write("users", "id", "name")
                .delete(1, null).upsert(1, "new")
                .delete(5, null).upsert(5, "fresh")
                .apply();

        assertThat(result).isEqualTo(new WriteResult(2, 1, 0, 0, Optional.empty()));
        assertRowsEverywhere("users", row(1, "new"), row(2, "kept"), row(5, "fresh"));
        assertThat(data("users").indexedKeys()).isEqualTo(3);
    }

    @Test
    void primaryInsertThenDeleteInOneBatch()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "old"), row(2, "kept"));

        WriteResult result = write("users", "id", "name")
                .upsert(1, "changed").delete(1, null)
                .upsert(7, "short-lived").delete(7, null)
                .apply();

        assertThat(result).isEqualTo(new WriteResult(2, 2, 0, 0, Optional.empty()));
        assertRowsEverywhere("users", row(2, "kept"));
        assertThat(data("users").indexedKeys()).isEqualTo(1);
    }

    @Test
    void primaryAlternatingUpsertsAndDeletesOfOneKey()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "v0"));

        write("users", "id", "name").upsert(1, "v1").delete(1, null).upsert(1, "v2").delete(1, null).upsert(1, "v3").apply();
        assertRows("users", row(1, "v3"));
        write("users", "id", "name").delete(1, null).upsert(1, "v4").delete(1, null).apply();
        assertRows("users");
        write("users", "id", "name").delete(1, null).apply();
        write("users", "id", "name").upsert(1, "v5").apply();

        assertRowsEverywhere("users", row(1, "v5"));
    }

    @Test
    void primaryKeyDeletedInOneBatchCanComeBackInALaterOne()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR));
        for (int batch = 0; batch < 6; batch++) {
            insert("users", row(1, "v" + batch), row(batch + 10, "other"));
            write("users", "id", "name").delete(1, null).apply();
        }
        assertRows("users", row(10, "other"), row(11, "other"), row(12, "other"), row(13, "other"), row(14, "other"), row(15, "other"));
        insert("users", row(1, "back"));

        assertRowsEverywhere("users",
                row(1, "back"), row(10, "other"), row(11, "other"), row(12, "other"), row(13, "other"), row(14, "other"), row(15, "other"));
    }

    @Test
    void primaryCompositeKeyOfBigintAndVarchar()
    {
        createTable("orders", KeyModel.PRIMARY, 8, key("customer", BIGINT), key("code", VARCHAR), value("amount", DOUBLE));
        insert("orders", row(1, "a", 1.0), row(1, "b", 2.0), row(2, "a", 3.0), row(1, "", 4.0));
        write("orders", "customer", "code", "amount")
                .upsert(1, "a", 10.0)
                .delete(1, "b", null)
                .delete(2, "b", null)
                .upsert(2, "b", 5.0)
                .apply();
        insert("orders", row(1, "", 40.0), row(3, "a", 6.0));

        assertRowsEverywhere("orders", row(1, "", 40.0), row(1, "a", 10.0), row(2, "a", 3.0), row(2, "b", 5.0), row(3, "a", 6.0));
        assertThat(data("orders").indexedKeys()).isEqualTo(5);
    }

    @Test
    void primaryStringKey()
    {
        createTable("tags", KeyModel.PRIMARY, 8, key("tag", VARCHAR), value("uses", BIGINT));
        insert("tags", row("", 1), row("java", 2), row("Java", 3), row("日本", 4));
        write("tags", "tag", "uses").delete("", null).upsert("java", 20).delete("nothing", null).apply();
        write("tags", "tag", "uses").partial("uses").upsert("日本", 40).apply();

        assertRowsEverywhere("tags", row("Java", 3), row("java", 20), row("日本", 40));
    }

    @Test
    void doubleDateAndDatetimeValuesSurviveEverything()
    {
        createTable("measurements", KeyModel.PRIMARY, 2, key("id", BIGINT), value("reading", DOUBLE), value("day", DATE), value("at", DATETIME));
        List<List<Object>> rows = List.of(
                row(1, 0.1, date("1970-01-01"), dateTime("1970-01-01 00:00:00")),
                row(2, -123456.789, date("1969-12-31"), dateTime("1969-12-31 23:59:59.999999")),
                row(3, Double.MAX_VALUE, date("9999-12-31"), dateTime("9999-12-31 23:59:59.999999")),
                row(4, Double.MIN_VALUE, date("0001-01-01"), dateTime("0001-01-01 00:00:00")),
                row(5, 1e-300, date("2024-02-29"), dateTime("2024-02-29 12:34:56.000001")),
                row(6, null, null, null));
        insert("measurements", rows);

        assertRowsEverywhere("measurements", rows);
    }

    // ---- PRIMARY KEY: partial updates

    @Test
    void partialUpdateChangesOnlyTheListedColumns()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR), value("score", BIGINT), value("seen", DATETIME));
        insert("users", row(1, "a", 10, dateTime("2024-01-01 00:00:00")), row(2, "b", 20, dateTime("2024-01-02 00:00:00")));

        WriteResult byColumnList = write("users", "id", "score").partial("score").upsert(1, 11).upsert(2, null).apply();
        // The write carries every column, but only the listed one may change.
        WriteResult byPartialSet = write("users", "id", "name", "score", "seen").partial("name")
                .upsert(1, "a2", 999, dateTime("2030-01-01 00:00:00"))
                .apply();

        assertThat(byColumnList).isEqualTo(new WriteResult(2, 0, 0, 0, Optional.empty()));
        assertThat(byPartialSet).isEqualTo(new WriteResult(1, 0, 0, 0, Optional.empty()));
        assertRowsEverywhere("users",
                row(1, "a2", 11, dateTime("2024-01-01 00:00:00")),
                row(2, "b", null, dateTime("2024-01-02 00:00:00")));
    }

    @Test
    void partialUpdateOfANewKeyTakesDefaults()
    {
        createTable("users", KeyModel.PRIMARY, 1,
                key("id", BIGINT),
                withDefault("name", VARCHAR, true, "none"),
                withDefault("score", BIGINT, false, "7"),
                withDefault("ratio", DOUBLE, true, "1.5"),
                withDefault("day", DATE, false, "2024-01-01"),
                withDefault("at", DATETIME, true, "2024-01-01 12:00:00"),
                value("note", VARCHAR),
                withDefault("explicit_null", INT, true, "NULL"));
        insert("users", row(1, "a", 1, 0.5, date("2023-01-01"), dateTime("2023-01-01 00:00:00"), "n", 1));

        WriteResult result = write("users", "id", "note").partial("note").upsert(1, "changed").upsert(2, "new").apply();

        assertThat(result).isEqualTo(new WriteResult(2, 0, 0, 0, Optional.empty()));
        assertRowsEverywhere("users",
                row(1, "a", 1, 0.5, date("2023-01-01"), dateTime("2023-01-01 00:00:00"), "changed", 1),
                row(2, "none", 7, 1.5, date("2024-01-01"), dateTime("2024-01-01 12:00:00"), "new", null));
    }

    @Test
    void partialUpdateOfANewKeyWithoutDefaultForANotNullColumnIsRejected()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), required("name", VARCHAR), value("score", BIGINT));
        insert("users", row(1, "a", 1));

        WriteResult result = write("users", "id", "score").partial("score").upsert(1, 10).upsert(2, 20).upsert(3, 30).apply();

        assertThat(result.writtenRows()).isEqualTo(1);
        assertThat(result.rejectedRows()).isEqualTo(2);
        assertThat(result.firstRejection()).hasValueSatisfying(reason -> assertThat(reason).contains("'name'"));
        assertRowsEverywhere("users", row(1, "a", 10));
        assertThat(data("users").indexedKeys()).isEqualTo(1);
    }

    @Test
    void partialUpdatesWithinOneBatch()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), withDefault("name", VARCHAR, true, "dflt"), value("score", BIGINT));
        insert("users", row(1, "a", 1));

        // Key 1: deleted, then a partial row makes it a new key again (defaults). Key 2: a new key, then updated.
        write("users", "id", "score").partial("score")
                .delete(1, null).upsert(1, 100)
                .upsert(2, 5).upsert(2, 6)
                .apply();
        assertRows("users", row(1, "dflt", 100), row(2, "dflt", 6));

        // Values the write carries for unlisted columns are ignored, for existing and for new keys.
        insert("users", row(3, "c", 3));
        write("users", "id", "name", "score").partial("name").upsert(3, "c2", 999).upsert(4, "d", 999).apply();

        assertRowsEverywhere("users", row(1, "dflt", 100), row(2, "dflt", 6), row(3, "c2", 3), row(4, "d", null));
    }

    // ---- PRIMARY KEY: merge condition

    @Test
    void mergeConditionSkipsSmallerAndAppliesEqualOrLarger()
    {
        createTable("versions", KeyModel.PRIMARY, 8, key("id", BIGINT), required("version", BIGINT), value("payload", VARCHAR));
        insert("versions", row(1, 5, "a"), row(2, 5, "a"), row(3, 5, "a"));

        WriteResult result = write("versions", "id", "version", "payload").mergeCondition("version")
                .upsert(1, 4, "smaller")
                .upsert(2, 5, "equal")
                .upsert(3, 6, "larger")
                .upsert(4, -100, "new key")
                .apply();

        assertThat(result).isEqualTo(new WriteResult(3, 0, 1, 0, Optional.empty()));
        assertRowsEverywhere("versions", row(1, 5, "a"), row(2, 5, "equal"), row(3, 6, "larger"), row(4, -100, "new key"));
    }

    @Test
    void mergeConditionWithinOneBatch()
    {
        createTable("versions", KeyModel.PRIMARY, 1, key("id", BIGINT), required("version", BIGINT), value("payload", VARCHAR));

        WriteResult result = write("versions", "id", "version", "payload").mergeCondition("version")
                .upsert(1, 10, "first")
                .upsert(1, 9, "older")
                .upsert(1, 10, "same")
                .upsert(1, 11, "newer")
                .upsert(1, 3, "stale")
                .apply();

        assertThat(result).isEqualTo(new WriteResult(3, 0, 2, 0, Optional.empty()));
        assertRowsEverywhere("versions", row(1, 11, "newer"));
    }

    @Test
    void mergeConditionAcrossBatchesAndAfterDeletes()
    {
        createTable("versions", KeyModel.PRIMARY, 1, key("id", BIGINT), required("updated", DATETIME), value("payload", VARCHAR));
        insert("versions", row(1, dateTime("2024-05-01 00:00:00"), "a"), row(2, dateTime("2024-05-01 00:00:00"), "b"));
        for (int hour = 0; hour < 5; hour++) {
            write("versions", "id", "updated", "payload").mergeCondition("updated")
                    .upsert(1, dateTime("2024-04-30 0" + hour + ":00:00"), "older " + hour)
                    .upsert(2, dateTime("2024-05-01 0" + hour + ":00:00"), "newer " + hour)
                    .apply();
        }
        assertRows("versions", row(1, dateTime("2024-05-01 00:00:00"), "a"), row(2, dateTime("2024-05-01 04:00:00"), "newer 4"));

        // A delete is not subject to the condition, and after it any row is a new key.
        WriteResult result = write("versions", "id", "updated", "payload").mergeCondition("updated")
                .delete(1, dateTime("2000-01-01 00:00:00"), null)
                .upsert(1, dateTime("2000-01-01 00:00:00"), "after delete")
                .apply();

        assertThat(result).isEqualTo(new WriteResult(1, 1, 0, 0, Optional.empty()));
        assertRowsEverywhere("versions", row(1, dateTime("2000-01-01 00:00:00"), "after delete"), row(2, dateTime("2024-05-01 04:00:00"), "newer 4"));
    }

    // ---- writes a model does not support, bad names

    @ParameterizedTest
    @EnumSource(value = KeyModel.class, names = {"DUPLICATE", "AGGREGATE", "UNIQUE"})
    void deletesPartialUpdatesAndMergeConditionsNeedAPrimaryKeyTable(KeyModel model)
    {
        AggregationFunction aggregation = model == KeyModel.AGGREGATE ? REPLACE : NONE;
        createTable("t", model, 1, key("id", BIGINT), value("name", VARCHAR, aggregation), value("score", BIGINT, aggregation));
        insert("t", row(1, "a", 1));

        assertNotSupported(write("t", "id", "name", "score").delete(1, null, null).upsert(2, "b", 2));
        assertNotSupported(write("t", "id", "score").partial("score").upsert(1, 5));
        assertNotSupported(write("t", "id", "name", "score").mergeCondition("score").upsert(1, "c", 3));

        assertRowsEverywhere("t", row(1, "a", 1));
    }

    @Test
    void unknownPartialOrMergeColumnIsAnError()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("score", BIGINT));
        insert("users", row(1, 1));

        assertThatThrownBy(() -> write("users", "id", "score").partial("nope").upsert(1, 2).apply())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));
        assertThatThrownBy(() -> write("users", "id", "score").mergeCondition("nope").upsert(1, 2).apply())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));

        assertRowsEverywhere("users", row(1, 1));
    }

    // ---- ALTER TABLE and TRUNCATE

    @ParameterizedTest
    @EnumSource(value = KeyModel.class, names = {"DUPLICATE", "UNIQUE", "PRIMARY"})
    void addedColumnReadsItsDefaultAndWritesWithTheOldColumnListStillLand(KeyModel model)
    {
        createTable("users", model, 8, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "a"), row(2, "b"));
        TableInfo before = table("users");

        storage.addColumn(DATABASE, "users", withDefault("score", BIGINT, false, "42"), Optional.empty());
        assertRows("users", row(1, "a", 42), row(2, "b", 42));

        write("users", "id", "name", "score").upsert(3, "c", 3).apply();
        // A load prepared before the ALTER: the new column takes its default (a full-row upsert replaces the row).
        write(before, "id", "name").upsert(3, "c2").upsert(4, "d").apply();

        List<List<Object>> expected = model == KeyModel.DUPLICATE
                ? List.of(row(1, "a", 42), row(2, "b", 42), row(3, "c", 3), row(3, "c2", 42), row(4, "d", 42))
                : List.of(row(1, "a", 42), row(2, "b", 42), row(3, "c2", 42), row(4, "d", 42));
        assertRowsEverywhere("users", expected);
    }

    @Test
    void addedColumnAfterAnotherOneOfAnAggregateTable()
    {
        createTable("stats", KeyModel.AGGREGATE, 1, key("k", BIGINT), value("total", BIGINT, SUM));
        insert("stats", row(1, 1), row(2, 2));
        TableInfo before = table("stats");

        storage.addColumn(DATABASE, "stats", value("note", VARCHAR, REPLACE_IF_NOT_NULL), Optional.of("k"));
        assertRows("stats", row(1, null, 1), row(2, null, 2));
        write("stats", "k", "note", "total").upsert(1, "noted", 10).apply();
        // The old column list leaves the new column NULL, which REPLACE_IF_NOT_NULL ignores.
        write(before, "k", "total").upsert(1, 100).upsert(3, 3).apply();

        assertRowsEverywhere("stats", row(1, "noted", 111), row(2, null, 2), row(3, null, 3));
    }

    @Test
    void addingANotNullColumnWithoutDefaultIsRejected()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("name", VARCHAR));

        assertThatThrownBy(() -> storage.addColumn(DATABASE, "users", required("score", BIGINT), Optional.empty()))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TABLE_DEFINITION));
    }

    @ParameterizedTest
    @EnumSource(value = KeyModel.class, names = {"DUPLICATE", "PRIMARY"})
    void droppedColumnDisappearsAndWritesWithTheOldColumnListStillLand(KeyModel model)
    {
        createTable("users", model, 8, key("id", BIGINT), value("name", VARCHAR), value("score", BIGINT));
        insert("users", row(1, "a", 1), row(2, "b", 2));
        TableInfo before = table("users");

        storage.dropColumn(DATABASE, "users", "name");
        assertRows("users", row(1, 1), row(2, 2));
        write(before, "id", "name", "score").upsert(3, "ignored", 3).apply();

        assertRowsEverywhere("users", row(1, 1), row(2, 2), row(3, 3));
    }

    @Test
    void columnDroppedAndAddedAgainShowsOnlyDefaults()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR), value("score", BIGINT));
        for (int batch = 0; batch < 5; batch++) {
            insert("users", row(batch, "old" + batch, batch));
        }
        storage.dropColumn(DATABASE, "users", "name");
        storage.addColumn(DATABASE, "users", withDefault("name", VARCHAR, true, "fresh"), Optional.empty());
        assertRows("users", row(0, 0, "fresh"), row(1, 1, "fresh"), row(2, 2, "fresh"), row(3, 3, "fresh"), row(4, 4, "fresh"));
        write("users", "id", "score").partial("score").upsert(0, 100).apply();

        assertRowsEverywhere("users", row(0, 100, "fresh"), row(1, 1, "fresh"), row(2, 2, "fresh"), row(3, 3, "fresh"), row(4, 4, "fresh"));
    }

    @Test
    void droppingAColumnBeforeTheDistributionColumnOfADuplicateTable()
    {
        TableSchema schema = new TableSchema(
                List.of(key("id", BIGINT), value("name", VARCHAR), value("city", VARCHAR)),
                KeyModel.DUPLICATE, List.of("city"), 4, Map.of());
        storage.createTable(DATABASE, "visits", schema, false);
        insert("visits", row(1, "a", "paris"), row(2, "b", "rome"));

        storage.dropColumn(DATABASE, "visits", "name");
        insert("visits", row(3, "oslo"));

        assertRowsEverywhere("visits", row(1, "paris"), row(2, "rome"), row(3, "oslo"));
    }

    @Test
    void modifyingTheDefaultOfAnAddedColumnDoesNotChangeExistingRows()
    {
        createTable("users", KeyModel.PRIMARY, 1, key("id", BIGINT), value("name", VARCHAR));
        insert("users", row(1, "a"));
        storage.addColumn(DATABASE, "users", withDefault("score", BIGINT, false, "1"), Optional.empty());

        storage.modifyColumn(DATABASE, "users", withDefault("score", BIGINT, false, "2"));
        write("users", "id", "name").partial("name").upsert(2, "b").apply();

        assertRowsEverywhere("users", row(1, "a", 1), row(2, "b", 2));
    }

    @Test
    void truncateRemovesEveryRowAndKeysStartOver()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), withDefault("name", VARCHAR, true, "dflt"), required("version", BIGINT));
        for (int batch = 0; batch < 5; batch++) {
            insert("users", row(batch, "n" + batch, 10));
        }

        storage.truncateTable(DATABASE, "users");
        assertRows("users");
        assertThat(data("users").indexedKeys()).isZero();

        // Key 1 existed before the truncate: now a partial row is a new key, and a smaller version is not skipped.
        write("users", "id", "version").partial("version").upsert(1, 1).apply();
        WriteResult merged = write("users", "id", "name", "version").mergeCondition("version").upsert(2, "b", 1).apply();

        assertThat(merged.skippedRows()).isZero();
        assertRowsEverywhere("users", row(1, "dflt", 1), row(2, "b", 1));
        assertThat(data("users").indexedKeys()).isEqualTo(2);
    }

    @Test
    void truncateOfAnAggregateTableRestartsTheSums()
    {
        createTable("sums", KeyModel.AGGREGATE, 1, key("k", BIGINT), value("total", BIGINT, SUM));
        insert("sums", row(1, 5));
        storage.truncateTable(DATABASE, "sums");
        insert("sums", row(1, 1));

        assertRowsEverywhere("sums", row(1, 1));
    }

    // ---- primary index

    @Test
    void indexFollowsDeletesCompactionAndRestarts()
    {
        createTable("users", KeyModel.PRIMARY, 8, key("id", BIGINT), value("name", VARCHAR));
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 0; id < 1000; id++) {
            rows.add(row(id, "n" + id));
        }
        insert("users", rows);
        WriteBuilder deletes = write("users", "id", "name");
        for (long id = 0; id < 1000; id += 3) {
            deletes.delete(id, null);
        }
        deletes.apply();
        List<List<Object>> expected = new ArrayList<>();
        for (long id = 0; id < 1000; id++) {
            if (id % 3 != 0) {
                expected.add(row(id, "n" + id));
            }
        }

        assertRowsEverywhere("users", expected);
        assertThat(data("users").indexedKeys()).isEqualTo(666);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000, 65_536, 100_000, 1_000_000})
    void bigintKeyIndexNeedsAtMost24BytesPerKey(int keys)
    {
        createTable("wide", KeyModel.PRIMARY, 8, key("id", BIGINT), value("value", BIGINT));
        insertSequentialKeys("wide", keys);

        TableData data = data("wide");
        assertThat(data.indexedKeys()).isEqualTo(keys);
        assertThat((double) data.indexMemoryBytes() / data.indexedKeys()).isLessThanOrEqualTo(24.0);
    }

    @Test
    void bigintKeyIndexNeedsAtMost24BytesPerKeyRightAfterGrowing()
    {
        createTable("wide", KeyModel.PRIMARY, 1, key("id", BIGINT), value("value", BIGINT));
        insertSequentialKeys("wide", 9_241);

        TableData data = data("wide");
        assertThat((double) data.indexMemoryBytes() / data.indexedKeys()).isLessThanOrEqualTo(24.0);
    }

    @Test
    void compositeAndStringKeysAreIndexed()
    {
        createTable("pairs", KeyModel.PRIMARY, 8, key("id", BIGINT), key("name", VARCHAR), value("value", BIGINT));
        createTable("names", KeyModel.PRIMARY, 8, key("name", VARCHAR), value("value", BIGINT));
        List<List<Object>> pairs = new ArrayList<>();
        List<List<Object>> names = new ArrayList<>();
        for (long id = 0; id < 20_000; id++) {
            pairs.add(row(id / 4, "n" + id % 4, id));
            names.add(row("name-" + id, id));
        }
        insert("pairs", pairs);
        insert("names", names);
        insert("pairs", row(0, "n0", -1));
        insert("names", row("name-0", -1));

        assertThat(data("pairs").indexedKeys()).isEqualTo(20_000);
        assertThat(data("names").indexedKeys()).isEqualTo(20_000);
        assertThat(Rows.sortedRows(data("pairs").snapshot())).first().isEqualTo(row(0, "n0", -1));
        assertThat(Rows.sortedRows(data("names").snapshot())).first().isEqualTo(row("name-0", -1));
    }

    @Test
    void pointLookupsSeeEveryKeyWhileCommitsAndCompactionsRun()
            throws Exception
    {
        createTable("users", KeyModel.PRIMARY, 2, key("id", BIGINT), value("score", BIGINT));
        int keys = 500;
        TableData data = data("users");
        int rounds = 60;
        Thread writer = new Thread(() -> {
            for (int round = 0; round < rounds; round++) {
                upsertAll("users", keys, round);
                data.compact();
            }
        });
        upsertAll("users", keys, -1);
        writer.start();
        long[] lastSeen = new long[keys];
        Arrays.fill(lastSeen, -1);
        int id = 0;
        while (writer.isAlive()) {
            id = (id + 7) % keys;
            Optional<Object[]> found = data.lookup(List.of((long) id));
            assertThat(found).as("key %s", id).isPresent();
            long score = (long) found.get()[1];
            // commits publish in order: a key's value never goes back
            assertThat(score).isGreaterThanOrEqualTo(lastSeen[id]);
            lastSeen[id] = score;
        }
        writer.join();
        assertThat(data.lookup(List.of(0L))).hasValueSatisfying(values -> assertThat(values[1]).isEqualTo((long) rounds - 1));
    }

    // ---- helpers

    private void upsertAll(String tableName, int keys, long score)
    {
        List<List<Object>> rows = new ArrayList<>(keys);
        for (long id = 0; id < keys; id++) {
            rows.add(row(id, score));
        }
        insert(tableName, rows);
    }

    private void insertSequentialKeys(String tableName, int keys)
    {
        TableInfo table = table(tableName);
        ColumnBatchBuilder builder = new ColumnBatchBuilder(data(tableName).physicalTypes());
        for (int id = 0; id < keys; id++) {
            builder.setLong(0, id);
            builder.setLong(1, id);
            builder.commitRow();
        }
        storage.insert(table.id(), builder.build());
    }

    private void assertNotSupported(WriteBuilder write)
    {
        assertThatThrownBy(write::apply)
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }

    private TableInfo createTable(String name, KeyModel model, int buckets, ColumnSchema... columns)
    {
        List<String> keys = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (column.key()) {
                keys.add(column.name());
            }
        }
        return storage.createTable(DATABASE, name, new TableSchema(List.of(columns), model, keys, buckets, Map.of()), false);
    }

    private TableInfo table(String name)
    {
        return storage.table(DATABASE, name).orElseThrow();
    }

    private TableData data(String name)
    {
        return storage.tableData(table(name).id()).orElseThrow();
    }

    @SafeVarargs
    private WriteResult insert(String tableName, List<Object>... rows)
    {
        return insert(tableName, List.of(rows));
    }

    private WriteResult insert(String tableName, List<List<Object>> rows)
    {
        TableData data = data(tableName);
        ColumnBatch batch = Rows.batch(data.physicalTypes(), rows);
        return storage.insert(data.table().id(), batch);
    }

    private WriteBuilder write(String tableName, String... columns)
    {
        return new WriteBuilder(tableName, table(tableName), List.of(columns));
    }

    /** A write whose column types come from an older version of the table (a load prepared before an ALTER). */
    private WriteBuilder write(TableInfo oldTable, String... columns)
    {
        return new WriteBuilder(oldTable.name(), oldTable, List.of(columns));
    }

    @SafeVarargs
    private void assertRows(String tableName, List<Object>... expected)
    {
        assertRows(tableName, List.of(expected));
    }

    private void assertRows(String tableName, List<List<Object>> expected)
    {
        TableData data = data(tableName);
        List<List<Object>> actual = Rows.sortedRows(data.snapshot());
        assertThat(actual).containsExactlyElementsOf(Rows.sorted(expected));
        assertThat(TableRows.rowCount(data.snapshot())).isEqualTo(expected.size());
    }

    @SafeVarargs
    private void assertRowsEverywhere(String tableName, List<Object>... expected)
    {
        assertRowsEverywhere(tableName, List.of(expected));
    }

    /** The rows as committed, after compaction has merged whatever it wants to, and after a restart. */
    private void assertRowsEverywhere(String tableName, List<List<Object>> expected)
    {
        assertRows(tableName, expected);
        int indexedKeys = data(tableName).indexedKeys();
        while (storage.compactNow()) {
            // Each pass merges one group per tablet; keep going until nothing is left to merge.
        }
        assertRows(tableName, expected);
        assertThat(data(tableName).indexedKeys()).isEqualTo(indexedKeys);
        storage.close();
        storage = Storage.open(directory);
        assertRows(tableName, expected);
        assertThat(data(tableName).indexedKeys()).isEqualTo(indexedKeys);
    }

    private static ColumnSchema key(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, length(type), 0, false, true, NONE, Optional.empty(), "");
    }

    private static ColumnSchema value(String name, ColumnType type)
    {
        return value(name, type, NONE);
    }

    private static ColumnSchema value(String name, ColumnType type, AggregationFunction aggregation)
    {
        return new ColumnSchema(name, type, length(type), 0, true, false, aggregation, Optional.empty(), "");
    }

    private static ColumnSchema required(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, length(type), 0, false, false, NONE, Optional.empty(), "");
    }

    private static ColumnSchema withDefault(String name, ColumnType type, boolean nullable, String defaultValue)
    {
        return new ColumnSchema(name, type, length(type), 0, nullable, false, NONE, Optional.of(defaultValue), "");
    }

    private static int length(ColumnType type)
    {
        return type == VARCHAR ? 64 : 0;
    }

    /** Rows of a write named by column, each an upsert or a delete, with the PRIMARY KEY options. */
    private final class WriteBuilder
    {
        private final String tableName;
        private final TableInfo typesFrom;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();
        private final List<Boolean> deletes = new ArrayList<>();
        private Optional<Set<String>> partialColumns = Optional.empty();
        private Optional<String> mergeCondition = Optional.empty();

        WriteBuilder(String tableName, TableInfo typesFrom, List<String> columns)
        {
            this.tableName = tableName;
            this.typesFrom = typesFrom;
            this.columns = List.copyOf(columns);
        }

        WriteBuilder upsert(Object... values)
        {
            rows.add(row(values));
            deletes.add(false);
            return this;
        }

        WriteBuilder delete(Object... values)
        {
            rows.add(row(values));
            deletes.add(true);
            return this;
        }

        WriteBuilder partial(String... updatedColumns)
        {
            partialColumns = Optional.of(Set.of(updatedColumns));
            return this;
        }

        WriteBuilder mergeCondition(String column)
        {
            mergeCondition = Optional.of(column);
            return this;
        }

        WriteResult apply()
        {
            List<PhysicalType> types = new ArrayList<>();
            for (String column : columns) {
                types.add(typesFrom.schema().column(typesFrom.schema().columnIndex(column)).type().physicalType());
            }
            boolean[] deleteFlags = null;
            if (deletes.contains(true)) {
                deleteFlags = new boolean[deletes.size()];
                for (int row = 0; row < deleteFlags.length; row++) {
                    deleteFlags[row] = deletes.get(row);
                }
            }
            TableWrite write = new TableWrite(columns, Rows.batch(types, rows), deleteFlags, partialColumns, mergeCondition);
            return storage.write(table(tableName).id(), write);
        }
    }
}
