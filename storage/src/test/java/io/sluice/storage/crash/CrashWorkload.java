package io.sluice.storage.crash;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableRows;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.type.ColumnType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deterministic workload of the crash test, in three tables: batch b appends {@link #ROWS} rows to a DUPLICATE
 * KEY table, adds to every key of an AGGREGATE KEY table, and upserts and deletes keys of a PRIMARY KEY table (whose
 * key -1 records the last batch). From any table's content one can tell exactly which batches it holds.
 */
final class CrashWorkload
{
    static final int ROWS = 200;
    static final int AGGREGATE_KEYS = 10;
    static final int PRIMARY_KEYS = 700;
    static final String DATABASE = "crash";

    private CrashWorkload() {}

    static void createTables(Storage storage)
    {
        storage.createDatabase(DATABASE, true);
        storage.createTable(DATABASE, "dup", new TableSchema(
                List.of(column("batch", ColumnType.BIGINT, true, AggregationFunction.NONE), column("row_number", ColumnType.BIGINT, false, AggregationFunction.NONE),
                        column("label", ColumnType.VARCHAR, false, AggregationFunction.NONE)),
                KeyModel.DUPLICATE, List.of("batch"), 3, Map.of()), true);
        storage.createTable(DATABASE, "agg", new TableSchema(
                List.of(column("k", ColumnType.BIGINT, true, AggregationFunction.NONE), column("batches", ColumnType.BIGINT, false, AggregationFunction.SUM),
                        column("total", ColumnType.BIGINT, false, AggregationFunction.SUM), column("latest", ColumnType.BIGINT, false, AggregationFunction.MAX)),
                KeyModel.AGGREGATE, List.of("k"), 2, Map.of()), true);
        storage.createTable(DATABASE, "pk", new TableSchema(
                List.of(column("id", ColumnType.BIGINT, true, AggregationFunction.NONE), column("batch", ColumnType.BIGINT, false, AggregationFunction.NONE),
                        column("name", ColumnType.VARCHAR, false, AggregationFunction.NONE)),
                KeyModel.PRIMARY, List.of("id"), 4, Map.of()), true);
    }

    private static ColumnSchema column(String name, ColumnType type, boolean key, AggregationFunction aggregation)
    {
        return new ColumnSchema(name, type, type == ColumnType.VARCHAR ? 32 : 0, 0, !key, key, aggregation, Optional.empty(), "");
    }

    static TableData table(Storage storage, String name)
    {
        TableInfo info = storage.table(DATABASE, name).orElseThrow();
        return storage.tableData(info.id()).orElseThrow();
    }

    static void writeDuplicate(Storage storage, long batch)
    {
        TableData table = table(storage, "dup");
        ColumnBatchBuilder builder = new ColumnBatchBuilder(table.physicalTypes());
        for (int row = 0; row < ROWS; row++) {
            builder.setLong(0, batch);
            builder.setLong(1, row);
            builder.setString(2, "b" + batch + "-" + (row % 5));
            builder.commitRow();
        }
        storage.insert(table.table().id(), builder.build());
    }

    static void writeAggregate(Storage storage, long batch)
    {
        TableData table = table(storage, "agg");
        ColumnBatchBuilder builder = new ColumnBatchBuilder(table.physicalTypes());
        for (int key = 0; key < AGGREGATE_KEYS; key++) {
            builder.setLong(0, key);
            builder.setLong(1, 1);
            builder.setLong(2, batch * 1000 + key);
            builder.setLong(3, batch);
            builder.commitRow();
        }
        storage.insert(table.table().id(), builder.build());
    }

    static void writePrimary(Storage storage, long batch)
    {
        TableData table = table(storage, "pk");
        ColumnBatchBuilder builder = new ColumnBatchBuilder(table.physicalTypes());
        boolean[] deletes = new boolean[ROWS + 1];
        for (int row = 0; row < ROWS; row++) {
            builder.setLong(0, primaryKey(batch, row));
            builder.setLong(1, batch);
            builder.setString(2, "n" + batch);
            builder.commitRow();
            deletes[row] = isDelete(batch, row);
        }
        builder.setLong(0, -1);
        builder.setLong(1, batch);
        builder.setString(2, "marker");
        builder.commitRow();
        storage.write(table.table().id(), TableWrite.rows(table.table().schema(), builder.build()).withDeletes(deletes));
    }

    private static long primaryKey(long batch, int row)
    {
        return (batch * 131 + row * 7L) % PRIMARY_KEYS;
    }

    private static boolean isDelete(long batch, int row)
    {
        return (batch + row) % 9 == 0;
    }

    /** The PRIMARY KEY table's expected content after batches 1..last: id -> "batch,name". */
    static Map<Long, String> expectedPrimary(long last)
    {
        Map<Long, String> rows = new TreeMap<>();
        for (long batch = 1; batch <= last; batch++) {
            for (int row = 0; row < ROWS; row++) {
                long key = primaryKey(batch, row);
                if (isDelete(batch, row)) {
                    rows.remove(key);
                }
                else {
                    rows.put(key, batch + ",n" + batch);
                }
            }
            rows.put(-1L, batch + ",marker");
        }
        return rows;
    }

    static Map<Long, String> primaryContent(Storage storage)
    {
        Map<Long, String> rows = new TreeMap<>();
        for (Iterator<Object[]> iterator = TableRows.rows(table(storage, "pk").snapshot()); iterator.hasNext(); ) {
            Object[] row = iterator.next();
            if (rows.put((Long) row[0], row[1] + "," + row[2]) != null) {
                throw new AssertionError("key " + row[0] + " is live twice");
            }
        }
        return rows;
    }

    /** Batches the DUPLICATE KEY table holds: batch -> row count. */
    static Map<Long, Integer> duplicateBatches(Storage storage)
    {
        Map<Long, Integer> batches = new TreeMap<>();
        for (Iterator<Object[]> iterator = TableRows.rows(table(storage, "dup").snapshot()); iterator.hasNext(); ) {
            batches.merge((Long) iterator.next()[0], 1, Integer::sum);
        }
        return batches;
    }

    /** The AGGREGATE KEY table: key -> [batches, total, latest]. */
    static Map<Long, long[]> aggregateContent(Storage storage)
    {
        Map<Long, long[]> rows = new HashMap<>();
        for (Iterator<Object[]> iterator = TableRows.rows(table(storage, "agg").snapshot()); iterator.hasNext(); ) {
            Object[] row = iterator.next();
            if (rows.put((Long) row[0], new long[] {(Long) row[1], (Long) row[2], (Long) row[3]}) != null) {
                throw new AssertionError("aggregate key " + row[0] + " is live twice");
            }
        }
        return rows;
    }

    static long lastDuplicateBatch(Storage storage)
    {
        long last = 0;
        for (long batch : duplicateBatches(storage).keySet()) {
            last = Math.max(last, batch);
        }
        return last;
    }

    static long lastAggregateBatch(Storage storage)
    {
        long[] row = aggregateContent(storage).get(0L);
        return row == null ? 0 : row[0];
    }

    static long lastPrimaryBatch(Storage storage)
    {
        String marker = primaryContent(storage).get(-1L);
        return marker == null ? 0 : Long.parseLong(marker.substring(0, marker.indexOf(',')));
    }

    static List<String> describe(Map<Long, long[]> aggregate)
    {
        List<String> text = new ArrayList<>();
        aggregate.forEach((key, values) -> text.add(key + "=" + values[0] + "/" + values[1] + "/" + values[2]));
        return text;
    }
}
