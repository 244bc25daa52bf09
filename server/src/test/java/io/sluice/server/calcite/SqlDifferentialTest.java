package io.sluice.server.calcite;

import io.sluice.loader.decode.ConversionException;
import io.sluice.loader.decode.ValueConverter;
import io.sluice.server.calcite.DifferentialSchema.Column;
import io.sluice.server.calcite.SelectCorpus.Query;
import io.sluice.server.statement.TestSession;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static io.sluice.server.calcite.DifferentialSchema.TABLE;
import static io.sluice.server.calcite.DifferentialSchema.pick;
import static io.sluice.server.calcite.DifferentialSchema.sluiceLiteral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test through SQL: random sequences of writes go to Sluice (SQL INSERT, INSERT ... SELECT, UPDATE and
 * DELETE through a real session; loads, deletes, partial updates and merge conditions through
 * {@code Storage.write}, as the loader commits them), interleaved with compactions and restarts, and the same
 * semantics go to H2 as plain SQL ({@link H2Model}). Then the {@link SelectCorpus} runs as SQL text through Sluice's
 * whole front end and through H2: the answers must match, in order where the query orders them. Every key model,
 * every column type.
 *
 * <p>Each case prints its seed. A default run is short (each key model asks the essential queries and a quarter of the
 * others); any of these system properties makes a long run, in which every model asks every query:
 * {@code sluice.sql-differential.seed=N} reruns one seed, {@code sluice.sql-differential.runs=N} runs N seeds per
 * model, {@code sluice.sql-differential.steps=N} makes each run N writes long (20 by default).
 */
class SqlDifferentialTest
{
    private static final String DATABASE = "db";
    private static final long FIRST_SEED = 20240611L;
    private static final int DEFAULT_STEPS = 20;
    /** Queries of the corpus asked after each step, besides the whole table (all of them at the end). */
    private static final int QUERIES_PER_STEP = 1;
    private static final String DIMENSION_DDL = "CREATE TABLE dim (id INT NOT NULL, grp VARCHAR(8), weight DECIMAL(6, 2), label STRING) "
            + "PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2";
    private static final List<String> GROUPS = List.of("g1", "g2", "g3");

    @TempDir
    Path directory;

    private Storage storage;
    private TestSession session;

    static Stream<Arguments> cases()
    {
        List<Long> seeds = new ArrayList<>();
        String seed = System.getProperty("sluice.sql-differential.seed");
        if (seed != null) {
            seeds.add(Long.parseLong(seed.trim()));
        }
        else {
            int runs = Integer.getInteger("sluice.sql-differential.runs", 1);
            for (int run = 0; run < runs; run++) {
                seeds.add(FIRST_SEED + run);
            }
        }
        List<Arguments> cases = new ArrayList<>();
        for (KeyModel model : KeyModel.values()) {
            for (long value : seeds) {
                cases.add(Arguments.of(model, value));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} KEY, seed {1}")
    @MethodSource("cases")
    void sluiceAnswersLikeTheReference(KeyModel model, long seed)
            throws Exception
    {
        Random random = new Random(seed);
        DifferentialSchema schema = new DifferentialSchema(model, 1 + random.nextInt(3));
        String context = model + " KEY, seed " + seed;
        System.out.printf("SqlDifferentialTest: %s (rerun with -Dsluice.sql-differential.seed=%d)%n", context, seed);
        int steps = Integer.getInteger("sluice.sql-differential.steps", DEFAULT_STEPS);
        List<Query> corpus = corpus(model);

        storage = Storage.open(directory);
        storage.createDatabase(DATABASE, false);
        session = new TestSession(storage, DATABASE);
        try (H2Model reference = new H2Model(schema)) {
            session.execute(schema.sluiceCreateTable());
            session.execute(DIMENSION_DDL);
            upsertDimension(random, reference, 30);
            insertAnchor(schema, reference);
            for (int step = 0; step < steps; step++) {
                String done = step(random, schema, reference);
                String where = context + ", step " + step + ": " + done;
                int action = random.nextInt(100);
                if (action < 12) {
                    compactFully();
                    where += ", then compaction";
                }
                else if (action < 16) {
                    reopen();
                    where += ", then a restart";
                }
                assertAnswer(reference, corpus.get(0), where);
                for (int i = 0; i < QUERIES_PER_STEP; i++) {
                    assertAnswer(reference, corpus.get(random.nextInt(corpus.size())), where);
                }
            }
            assertCorpus(reference, corpus, context + ", at the end");
            compactFully();
            assertCorpus(reference, corpus, context + ", after compaction");
            // a restart is a new session, which plans every query again: fewer of them
            reopen();
            assertCorpus(reference, SelectCorpus.afterRestart(), context + ", after a restart");
        }
        finally {
            session.close();
            storage.close();
        }
    }

    /**
     * The queries a run asks. Planning a query costs far more than running it, so a default run asks the essential
     * queries and a quarter of the others, each key model its own quarter; a longer run asks every query.
     */
    private static List<Query> corpus(KeyModel model)
    {
        boolean longRun = System.getProperty("sluice.sql-differential.seed") != null
                || System.getProperty("sluice.sql-differential.runs") != null
                || System.getProperty("sluice.sql-differential.steps") != null;
        if (longRun) {
            return SelectCorpus.queries();
        }
        List<Query> queries = new ArrayList<>(SelectCorpus.essentials());
        List<Query> features = SelectCorpus.features();
        for (int i = model.ordinal(); i < features.size(); i += KeyModel.values().length) {
            queries.add(features.get(i));
        }
        return queries;
    }

    // ---- writes

    /** One random write, to Sluice and to the reference; returns what it was. */
    private String step(Random random, DifferentialSchema schema, H2Model reference)
            throws SQLException
    {
        boolean primary = schema.model() == KeyModel.PRIMARY;
        int choice = random.nextInt(primary ? 14 : 10);
        if (choice < 4) {
            return sqlInsert(random, schema, reference);
        }
        if (choice < 8) {
            return load(random, schema, reference);
        }
        if (choice < 9) {
            return insertSelect(random, schema, reference);
        }
        if (choice < 10) {
            if (random.nextBoolean()) {
                return upsertDimension(random, reference, 1 + random.nextInt(5));
            }
            int id = random.nextInt(50);
            return sameStatement(reference, "DELETE FROM dim WHERE id = " + id + " OR grp IS NULL AND id < " + (id / 4));
        }
        if (choice < 13) {
            return sameStatement(reference, randomUpdate(random));
        }
        return sameStatement(reference, randomDelete(random));
    }

    /** INSERT ... VALUES, with every column or a shuffled subset of them (the others take their defaults). */
    private String sqlInsert(Random random, DifferentialSchema schema, H2Model reference)
            throws SQLException
    {
        List<String> columns = new ArrayList<>(schema.names());
        boolean columnList = random.nextInt(5) < 2;
        if (columnList) {
            columns.removeIf(name -> {
                Column column = schema.column(name);
                boolean required = column.key() || (!column.nullable() && !column.hasDefault());
                return !required && random.nextInt(3) == 0;
            });
            Collections.shuffle(columns, random);
        }
        int count = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 6);
        List<Object[]> rows = new ArrayList<>(count);
        List<String> tuples = new ArrayList<>(count);
        for (int row = 0; row < count; row++) {
            Object[] values = new Object[columns.size()];
            List<String> literals = new ArrayList<>(columns.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = DifferentialSchema.randomValue(random, schema.column(columns.get(i)));
                literals.add(sluiceLiteral(values[i]));
            }
            rows.add(values);
            tuples.add("(" + String.join(", ", literals) + ")");
        }
        String sql = "INSERT INTO " + TABLE + (columnList ? " (" + String.join(", ", columns) + ")" : "") + " VALUES " + String.join(", ", tuples);
        long affected = session.execute(sql);
        H2Model.Counts expected = reference.apply(RowWrite.wholeRows(columns, rows));
        assertThat(affected).as("rows written by %s", abbreviate(sql)).isEqualTo(expected.written());
        return abbreviate(sql);
    }

    /** A row of known values, which the corpus's equality filters on every type find (until a write changes it). */
    private void insertAnchor(DifferentialSchema schema, H2Model reference)
            throws SQLException
    {
        Object[] row = {99L, "zz", true, 12L, 34L, 56L, 78L, BigDecimal.ONE, 0.5, -1.125, new BigDecimal("12.300"), "x", "alpha", "abc",
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 12, 34, 56)};
        List<String> literals = new ArrayList<>();
        for (Object value : row) {
            literals.add(sluiceLiteral(value));
        }
        session.execute("INSERT INTO " + TABLE + " VALUES (" + String.join(", ", literals) + ")");
        reference.apply(RowWrite.wholeRows(schema.names(), List.<Object[]>of(row)));
    }

    /** A commit as the loader makes it: rows, and on PRIMARY KEY tables deletes, partial updates, merge conditions. */
    private String load(Random random, DifferentialSchema schema, H2Model reference)
            throws SQLException
    {
        RowWrite write = randomLoad(random, schema);
        TableInfo table = storage.table(DATABASE, TABLE).orElseThrow();
        WriteResult result = storage.write(table.id(), tableWrite(table, write));
        H2Model.Counts expected = reference.apply(write);
        assertThat(List.of(result.writtenRows(), result.deletedRows(), result.skippedRows(), result.rejectedRows()))
                .as("written, deleted, skipped, rejected rows of a load of %s", write)
                .containsExactly(expected.written(), expected.deleted(), expected.skipped(), expected.rejected());
        return "load of " + write;
    }

    private static RowWrite randomLoad(Random random, DifferentialSchema schema)
    {
        int size = switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1, 2, 3 -> 1;
            case 4, 5 -> 100 + random.nextInt(200);
            default -> 2 + random.nextInt(40);
        };
        List<String> columns = schema.names();
        Set<String> partial = null;
        String merge = null;
        boolean[] deletes = null;
        if (schema.model() == KeyModel.PRIMARY) {
            if (random.nextInt(3) == 0) {
                partial = new HashSet<>();
                for (String name : schema.valueNames()) {
                    if (random.nextInt(3) == 0) {
                        partial.add(name);
                    }
                }
                if (partial.isEmpty()) {
                    partial.add(pick(random, schema.valueNames()));
                }
            }
            if (random.nextInt(4) == 0) {
                merge = pick(random, schema.mergeCandidates());
                if (partial != null) {
                    partial.add(merge);
                }
            }
            if (partial != null && random.nextBoolean()) {
                // only the keys and the updated columns; otherwise the row also carries values the update ignores
                List<String> named = new ArrayList<>(schema.keyNames());
                for (String name : schema.valueNames()) {
                    if (partial.contains(name)) {
                        named.add(name);
                    }
                }
                columns = named;
            }
            if (random.nextInt(3) == 0) {
                deletes = new boolean[size];
                for (int row = 0; row < size; row++) {
                    deletes[row] = random.nextInt(10) < 3;
                }
            }
        }
        List<Object[]> rows = new ArrayList<>(size);
        for (int row = 0; row < size; row++) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = DifferentialSchema.randomValue(random, schema.column(columns.get(i)));
            }
            rows.add(values);
        }
        return new RowWrite(columns, rows, deletes, partial, merge);
    }

    /** The rows as the loader builds a batch: each value through the loader's converter. */
    private static TableWrite tableWrite(TableInfo table, RowWrite write)
    {
        List<ColumnSchema> targets = new ArrayList<>();
        List<PhysicalType> types = new ArrayList<>();
        for (String name : write.columns()) {
            ColumnSchema column = table.schema().column(table.schema().columnIndex(name));
            targets.add(column);
            types.add(column.type().physicalType());
        }
        ColumnBatchBuilder builder = new ColumnBatchBuilder(types);
        for (Object[] row : write.rows()) {
            for (int i = 0; i < row.length; i++) {
                try {
                    ValueConverter.storeObject(builder, i, targets.get(i), DifferentialSchema.loaderValue(row[i]));
                }
                catch (ConversionException e) {
                    throw new AssertionError("the test made a value that does not fit " + targets.get(i).name() + ": " + row[i], e);
                }
            }
            builder.commitRow();
        }
        return new TableWrite(write.columns(), builder.build(), write.deletes(), Optional.ofNullable(write.partialColumns()),
                Optional.ofNullable(write.mergeColumn()));
    }

    /** INSERT INTO t SELECT * FROM t WHERE ...: rows read back through the query engine and written again. */
    private String insertSelect(Random random, DifferentialSchema schema, H2Model reference)
            throws SQLException
    {
        String condition = "k1 = " + random.nextInt(DifferentialSchema.KEY_RANGE) + (random.nextBoolean() ? "" : " AND k2 <> 'a'");
        String sql = "INSERT INTO " + TABLE + " SELECT * FROM " + TABLE + " WHERE " + condition;
        long affected = session.execute(sql);
        H2Model.Counts expected = reference.apply(RowWrite.wholeRows(schema.names(), reference.selectRows(condition)));
        assertThat(affected).as("rows written by %s", sql).isEqualTo(expected.written());
        return sql;
    }

    /** An UPDATE or DELETE whose text both databases run as it is; they must also agree on how many rows it changed. */
    private String sameStatement(H2Model reference, String sql)
            throws SQLException
    {
        long affected = session.execute(sql);
        long expected = reference.execute(SelectCorpus.h2Text(sql));
        assertThat(affected).as("rows changed by %s", sql).isEqualTo(expected);
        return sql;
    }

    private static String randomUpdate(Random random)
    {
        int k = random.nextInt(DifferentialSchema.KEY_RANGE);
        String key = pick(random, DifferentialSchema.SECOND_KEYS);
        return switch (random.nextInt(8)) {
            case 0 -> "UPDATE t SET bi = bi + " + (random.nextInt(1000) - 500) + " WHERE k1 < " + k;
            case 1 -> "UPDATE t SET v = 'upd', c = NULL WHERE k2 = '" + key + "' AND i > " + (random.nextInt(20_000) - 10_000);
            case 2 -> "UPDATE t SET dc = dc + 1.5, d = d * 2 WHERE dt >= DATE '2024-01-" + (10 + random.nextInt(19)) + "'";
            case 3 -> "UPDATE t SET i = i - 1, ti = NULL WHERE b";
            case 4 -> "UPDATE t SET s = NULL, f = f + 0.25 WHERE s LIKE 'a%' OR si BETWEEN -50 AND 50";
            case 5 -> "UPDATE t SET ts = TIMESTAMP '2024-03-01 10:00:00', b = NOT b WHERE k1 = " + k;
            case 6 -> "UPDATE t SET li = li * 2, si = si - k1 WHERE li < 0 AND k1 > " + k;
            default -> "UPDATE t SET v = CONCAT(k2, '-', v) WHERE v IN ('alpha', 'beta') AND k1 <> " + k;
        };
    }

    private static String randomDelete(Random random)
    {
        int k = random.nextInt(DifferentialSchema.KEY_RANGE);
        return switch (random.nextInt(4)) {
            case 0 -> "DELETE FROM t WHERE k1 = " + k;
            case 1 -> "DELETE FROM t WHERE v IS NULL AND k1 > " + k;
            case 2 -> "DELETE FROM t WHERE bi < " + (-random.nextInt(1_000_000) * 1_000_000L);
            default -> "DELETE FROM t WHERE k2 IN ('a', 'eee') AND dt < DATE '2024-01-" + (10 + random.nextInt(19)) + "'";
        };
    }

    /** Upserts rows into dim (PRIMARY KEY) with SQL; H2 merges the same rows. */
    private String upsertDimension(Random random, H2Model reference, int count)
            throws SQLException
    {
        List<String> sluiceTuples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = random.nextInt(50);
            Object group = random.nextInt(6) == 0 ? null : pick(random, GROUPS);
            Object weight = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(19_999) - 9_999, 2);
            Object label = random.nextInt(6) == 0 ? null : pick(random, DifferentialSchema.WORDS);
            sluiceTuples.add("(" + id + ", " + sluiceLiteral(group) + ", " + sluiceLiteral(weight) + ", " + sluiceLiteral(label) + ")");
        }
        String sql = "INSERT INTO dim VALUES " + String.join(", ", sluiceTuples);
        session.execute(sql);
        // later rows of one statement win, as in one commit
        for (String tuple : sluiceTuples) {
            reference.execute("MERGE INTO dim KEY (id) VALUES " + SelectCorpus.h2Text(tuple));
        }
        return abbreviate(sql);
    }

    // ---- maintenance

    private void compactFully()
    {
        while (storage.compactNow()) {
            // each pass merges one group per tablet
        }
    }

    private void reopen()
    {
        session.close();
        storage.close();
        storage = Storage.open(directory);
        session = new TestSession(storage, DATABASE);
    }

    // ---- answers

    private void assertCorpus(H2Model reference, List<Query> corpus, String where)
            throws SQLException
    {
        for (Query query : corpus) {
            assertAnswer(reference, query, where);
        }
    }

    private void assertAnswer(H2Model reference, Query query, String where)
            throws SQLException
    {
        TestSession.Result actual;
        try {
            actual = session.query(query.sluice());
        }
        catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " in " + where, e);
        }
        List<String[]> expected = reference.query(query.h2());
        List<List<String>> answers = Answers.normalize(actual.columns(), actual.rows(), expected, query.ordered());
        List<String> actualRows = answers.get(0);
        List<String> expectedRows = answers.get(1);
        if (actualRows.equals(expectedRows)) {
            return;
        }
        List<String> missing = difference(expectedRows, actualRows);
        List<String> unexpected = difference(actualRows, expectedRows);
        throw new AssertionError(String.format("%s%nin %s:%n%d rows, expected %d%nmissing: %s%nunexpected: %s%n%s",
                query.sluice(), where, actualRows.size(), expectedRows.size(), first(missing), first(unexpected),
                query.ordered() && missing.isEmpty() && unexpected.isEmpty() ? "same rows in another order: " + first(actualRows) : ""));
    }

    private static List<String> difference(List<String> rows, List<String> minus)
    {
        List<String> remaining = new ArrayList<>(rows);
        for (String row : minus) {
            remaining.remove(row);
        }
        return remaining;
    }

    private static String first(List<String> rows)
    {
        return rows.size() <= 10 ? rows.toString() : rows.subList(0, 10) + " and " + (rows.size() - 10) + " more";
    }

    private static String abbreviate(String sql)
    {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }
}
