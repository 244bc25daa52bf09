package io.sluice.storage.model;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized sequences of writes applied to Sluice and to the {@link H2Reference}, with compactions and restarts
 * at random points; the whole table, the write counts, the primary index size and a corpus of queries must match
 * exactly. Each case prints its seed; {@code -Dsluice.differential.seed=N} reruns every model with that seed only.
 */
class DifferentialTest
{
    private static final String DATABASE = "db";
    private static final String TABLE = "t";
    private static final int BATCHES = 25;
    private static final List<Long> SEEDS = List.of(1L, 42L, 20240611L);

    @TempDir
    Path directory;

    private Storage storage;

    static Stream<Arguments> cases()
    {
        String property = System.getProperty("sluice.differential.seed");
        List<Long> seeds = property == null ? SEEDS : List.of(Long.parseLong(property.trim()));
        List<Arguments> cases = new ArrayList<>();
        for (KeyModel model : KeyModel.values()) {
            for (long seed : seeds) {
                cases.add(Arguments.of(model, seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} KEY, seed {1}")
    @MethodSource("cases")
    void sluiceMatchesTheReference(KeyModel model, long seed)
            throws Exception
    {
        Random random = new Random(seed);
        RandomTables generator = new RandomTables(random);
        TableSchema schema = generator.table(model);
        String context = model + " KEY, seed " + seed + ", " + describe(schema);
        System.out.printf("DifferentialTest: %s (rerun with -Dsluice.differential.seed=%d)%n", context, seed);

        storage = Storage.open(directory);
        try (H2Reference reference = new H2Reference(schema)) {
            storage.createDatabase(DATABASE, false);
            storage.createTable(DATABASE, TABLE, schema, false);
            for (int batch = 0; batch < BATCHES; batch++) {
                String step = context + ", batch " + batch;
                RandomWrite write = randomWrite(random, generator, schema);
                WriteResult result = storage.write(tableData().table().id(), write.toTableWrite(schema));
                H2Reference.Counts expected = reference.apply(write.columns(), write.rows(), write.deletes(), write.updatedColumns(), write.mergeColumn());
                assertThat(List.of(result.writtenRows(), result.deletedRows(), result.skippedRows(), result.rejectedRows()))
                        .as("written, deleted, skipped, rejected rows of %s in %s", write, step)
                        .containsExactly(expected.written(), expected.deleted(), expected.skipped(), expected.rejected());
                assertThat(result.firstRejection().isPresent()).as("rejection reason in %s", step).isEqualTo(expected.rejected() > 0);

                int action = random.nextInt(100);
                if (action < 12) {
                    compactFully();
                }
                else if (action < 18) {
                    reopen();
                }
                if (random.nextInt(3) == 0) {
                    assertTablesMatch(reference, step);
                }
            }
            assertEverythingMatches(reference, schema, context + ", at the end");
            compactFully();
            assertEverythingMatches(reference, schema, context + ", after compaction");
            reopen();
            assertEverythingMatches(reference, schema, context + ", after a restart");
        }
        finally {
            storage.close();
        }
    }

    private static RandomWrite randomWrite(Random random, RandomTables generator, TableSchema schema)
    {
        int size = switch (random.nextInt(20)) {
            case 0, 1, 2 -> 0;
            case 3, 4, 5 -> 1;
            case 6 -> 100 + random.nextInt(200);
            default -> 2 + random.nextInt(40);
        };
        List<String> allColumns = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>();
        List<String> valueColumns = new ArrayList<>();
        List<String> mergeCandidates = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            allColumns.add(column.name());
            (column.key() ? keyColumns : valueColumns).add(column.name());
            if (!column.key() && !column.nullable()) {
                mergeCandidates.add(column.name());
            }
        }

        List<String> columns = allColumns;
        Set<String> updatedColumns = null;
        String mergeColumn = null;
        boolean[] deletes = null;
        if (schema.keyModel() == KeyModel.PRIMARY) {
            if (random.nextInt(3) == 0) {
                updatedColumns = new HashSet<>();
                for (String column : valueColumns) {
                    if (random.nextBoolean()) {
                        updatedColumns.add(column);
                    }
                }
                if (updatedColumns.isEmpty()) {
                    updatedColumns.add(valueColumns.get(random.nextInt(valueColumns.size())));
                }
            }
            if (random.nextInt(4) == 0) {
                mergeColumn = mergeCandidates.get(random.nextInt(mergeCandidates.size()));
                if (updatedColumns != null) {
                    updatedColumns.add(mergeColumn);
                }
            }
            if (updatedColumns != null && random.nextBoolean()) {
                // The write carries only the keys and the updated columns; otherwise it carries values it must ignore.
                columns = new ArrayList<>(keyColumns);
                for (String column : valueColumns) {
                    if (updatedColumns.contains(column)) {
                        columns.add(column);
                    }
                }
            }
            if (random.nextInt(3) == 0) {
                deletes = new boolean[size];
                for (int row = 0; row < size; row++) {
                    deletes[row] = random.nextInt(10) < 3;
                }
            }
        }

        List<List<Object>> rows = new ArrayList<>(size);
        for (int row = 0; row < size; row++) {
            List<Object> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(generator.value(schema.column(schema.columnIndex(column))));
            }
            rows.add(values);
        }
        return new RandomWrite(columns, rows, deletes, updatedColumns, mergeColumn);
    }

    private void assertTablesMatch(H2Reference reference, String step)
            throws Exception
    {
        TableData data = tableData();
        List<List<Object>> expected = reference.rows();
        assertThat(Rows.sortedRows(data.snapshot())).as("table content in %s", step).containsExactlyElementsOf(expected);
        if (data.table().schema().keyModel() != KeyModel.DUPLICATE) {
            assertThat(data.indexedKeys()).as("primary index size in %s", step).isEqualTo(expected.size());
        }
    }

    private void assertEverythingMatches(H2Reference reference, TableSchema schema, String step)
            throws Exception
    {
        assertTablesMatch(reference, step);
        List<List<Object>> rows = Rows.sortedRows(tableData().snapshot());
        for (QueryCorpus.Query query : QueryCorpus.queries(schema)) {
            List<List<Object>> actual = Rows.sorted(query.evaluation().evaluate(rows));
            List<List<Object>> expected = Rows.sorted(reference.query(query.sql(), query.resultTypes()));
            assertThat(actual).as("%s in %s", query.sql(), step).containsExactlyElementsOf(expected);
        }
    }

    private void compactFully()
    {
        while (storage.compactNow()) {
            // Each pass merges one group per tablet; keep going until nothing is left to merge.
        }
    }

    private void reopen()
    {
        storage.close();
        storage = Storage.open(directory);
    }

    private TableData tableData()
    {
        return storage.tableData(storage.table(DATABASE, TABLE).orElseThrow().id()).orElseThrow();
    }

    private static String describe(TableSchema schema)
    {
        List<String> columns = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            columns.add(column.name() + " " + column.type()
                    + (column.key() ? " KEY" : "")
                    + (column.nullable() ? "" : " NOT NULL")
                    + column.defaultValue().map(value -> " DEFAULT " + value).orElse("")
                    + (column.aggregation() == AggregationFunction.NONE ? "" : " " + column.aggregation()));
        }
        return "table (" + String.join(", ", columns) + ") HASH" + schema.distributionColumns() + " BUCKETS " + schema.buckets();
    }

    /** One random write: rows named by column, with the PRIMARY KEY options (null when not used). */
    private record RandomWrite(List<String> columns, List<List<Object>> rows, boolean[] deletes, Set<String> updatedColumns, String mergeColumn)
    {
        RandomWrite
        {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(rows, "rows is null");
        }

        TableWrite toTableWrite(TableSchema schema)
        {
            List<PhysicalType> types = new ArrayList<>(columns.size());
            for (String column : columns) {
                types.add(schema.column(schema.columnIndex(column)).type().physicalType());
            }
            return new TableWrite(columns, Rows.batch(types, rows), deletes, Optional.ofNullable(updatedColumns), Optional.ofNullable(mergeColumn));
        }

        @Override
        public String toString()
        {
            return rows.size() + " rows of " + columns
                    + (deletes == null ? "" : " with deletes")
                    + (updatedColumns == null ? "" : " updating only " + updatedColumns)
                    + (mergeColumn == null ? "" : " if " + mergeColumn + " >= current");
        }
    }
}
