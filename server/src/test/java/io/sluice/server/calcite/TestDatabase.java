package io.sluice.server.calcite;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.table.TableData;
import io.sluice.storage.type.ColumnType;
import io.sluice.storage.type.PhysicalType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storage in a temporary directory with one database, tables made from column lists, rows inserted from plain Java
 * values (Long/Integer, Double, String, BigDecimal, Boolean, LocalDate, LocalDateTime, null), and a query engine.
 */
final class TestDatabase
        implements AutoCloseable
{
    static final String DATABASE = "shop";

    private final Storage storage;
    private final CalciteQueryEngine engine;

    TestDatabase(Path directory)
    {
        storage = Storage.open(directory);
        storage.createDatabase(DATABASE, false);
        engine = new CalciteQueryEngine(storage);
    }

    Storage storage()
    {
        return storage;
    }

    CalciteQueryEngine engine()
    {
        return engine;
    }

    static ColumnSchema key(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), "");
    }

    static ColumnSchema column(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, type == ColumnType.VARCHAR ? 64 : 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "");
    }

    static ColumnSchema notNull(String name, ColumnType type)
    {
        return new ColumnSchema(name, type, type == ColumnType.VARCHAR ? 64 : 0, 0, false, false, AggregationFunction.NONE, Optional.empty(), "");
    }

    static ColumnSchema decimal(String name, int precision, int scale)
    {
        return new ColumnSchema(name, ColumnType.DECIMAL, precision, scale, true, false, AggregationFunction.NONE, Optional.empty(), "");
    }

    TableInfo createTable(String name, KeyModel model, ColumnSchema... columns)
    {
        List<String> distribution = List.of(columns[0].name());
        return storage.createTable(DATABASE, name, new TableSchema(List.of(columns), model, distribution, 1, Map.of()), false);
    }

    /** Inserts rows, one Object[] per row in column order. */
    void insert(TableInfo table, List<Object[]> rows)
    {
        List<PhysicalType> types = TableData.physicalTypes(table.schema());
        ColumnBatchBuilder builder = new ColumnBatchBuilder(types);
        for (Object[] row : rows) {
            if (row.length != types.size()) {
                throw new IllegalArgumentException("row " + Arrays.toString(row) + " has " + row.length + " values for " + types.size() + " columns");
            }
            for (int column = 0; column < row.length; column++) {
                set(builder, column, types.get(column), row[column]);
            }
            builder.commitRow();
        }
        storage.insert(table.id(), builder.build());
    }

    void insert(TableInfo table, Object[]... rows)
    {
        insert(table, List.of(rows));
    }

    static Object[] row(Object... values)
    {
        return values;
    }

    private static void set(ColumnBatchBuilder builder, int column, PhysicalType type, Object value)
    {
        if (value == null) {
            builder.setNull(column);
            return;
        }
        switch (type) {
            case LONG -> builder.setLong(column, storageLong(value));
            case DOUBLE -> builder.setDouble(column, ((Number) value).doubleValue());
            case STRING -> builder.setString(column, value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
    }

    private static long storageLong(Object value)
    {
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        if (value instanceof LocalDateTime dateTime) {
            return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), dateTime);
        }
        return ((Number) value).longValue();
    }

    QueryResult query(String sql)
    {
        return engine.execute(sql, DATABASE);
    }

    /** The result rows, each as its columns' text joined by " | " (NULL as "NULL"). */
    List<String> rows(String sql)
    {
        List<String> rows = new ArrayList<>();
        for (String[] row : query(sql).rows()) {
            List<String> values = new ArrayList<>(row.length);
            for (String value : row) {
                values.add(value == null ? "NULL" : value);
            }
            rows.add(String.join(" | ", values));
        }
        return rows;
    }

    String explain(String sql)
    {
        return query("explain plan for " + sql).rows().get(0)[0];
    }

    @Override
    public void close()
    {
        engine.close();
        storage.close();
    }
}
