package io.sluice.storage.model;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.type.ColumnType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.DOUBLE;
import static io.sluice.storage.type.ColumnType.INT;
import static java.util.Objects.requireNonNull;

/**
 * Queries run on both sides: as SQL on the H2 reference, and computed here from the rows Sluice returns.
 * Results are compared as sorted lists of physical values.
 */
final class QueryCorpus
{
    /** One query: its SQL over the reference table, its result column types, and its evaluation over rows. */
    record Query(String sql, List<ColumnType> resultTypes, Evaluation evaluation)
    {
        Query
        {
            requireNonNull(sql, "sql is null");
            resultTypes = List.copyOf(resultTypes);
            requireNonNull(evaluation, "evaluation is null");
        }
    }

    interface Evaluation
    {
        List<List<Object>> evaluate(List<List<Object>> rows);
    }

    private QueryCorpus() {}

    static List<Query> queries(TableSchema schema)
    {
        String table = H2Reference.tableName();
        List<Query> queries = new ArrayList<>();
        queries.add(new Query("SELECT COUNT(*) FROM " + table, List.of(BIGINT), rows -> List.of(Rows.row((long) rows.size()))));
        int firstNumber = -1;
        for (int index = 0; index < schema.columns().size(); index++) {
            ColumnSchema column = schema.column(index);
            String name = column.name();
            int position = index;
            queries.add(new Query("SELECT COUNT(" + name + "), MIN(" + name + "), MAX(" + name + ") FROM " + table,
                    List.of(BIGINT, column.type(), column.type()),
                    rows -> List.of(Rows.row(countNonNull(rows, position), minimum(rows, position), maximum(rows, position)))));
            // Not over keys: their domains include the extreme BIGINT values, whose sum does not fit.
            if (isNumber(column.type()) && !column.key()) {
                ColumnType sumType = column.type() == DOUBLE ? DOUBLE : BIGINT;
                queries.add(new Query("SELECT SUM(" + name + ") FROM " + table, List.of(sumType), rows -> List.of(Rows.row(sum(rows, position)))));
                if (firstNumber < 0) {
                    firstNumber = index;
                }
            }
        }
        for (int key = 0; key < schema.keyColumnCount(); key++) {
            queries.add(groupBy(schema, key, firstNumber));
        }
        return List.copyOf(queries);
    }

    /** {@code SELECT k, COUNT(*)[, SUM(v), MIN(v), MAX(v)] ... GROUP BY k} for a key column and a numeric value column. */
    private static Query groupBy(TableSchema schema, int keyIndex, int numberIndex)
    {
        ColumnSchema key = schema.column(keyIndex);
        List<ColumnType> types = new ArrayList<>(List.of(key.type(), BIGINT));
        StringBuilder sql = new StringBuilder("SELECT ").append(key.name()).append(", COUNT(*)");
        if (numberIndex >= 0) {
            ColumnSchema number = schema.column(numberIndex);
            sql.append(", SUM(").append(number.name()).append("), MIN(").append(number.name()).append("), MAX(").append(number.name()).append(")");
            types.addAll(List.of(number.type() == DOUBLE ? DOUBLE : BIGINT, number.type(), number.type()));
        }
        sql.append(" FROM ").append(H2Reference.tableName()).append(" GROUP BY ").append(key.name());
        return new Query(sql.toString(), types, rows -> {
            Map<Object, List<List<Object>>> groups = new TreeMap<>(Rows.VALUE_ORDER);
            for (List<Object> row : rows) {
                groups.computeIfAbsent(row.get(keyIndex), ignored -> new ArrayList<>()).add(row);
            }
            List<List<Object>> result = new ArrayList<>();
            for (Map.Entry<Object, List<List<Object>>> group : groups.entrySet()) {
                List<Object> output = new ArrayList<>(Arrays.asList(group.getKey(), (long) group.getValue().size()));
                if (numberIndex >= 0) {
                    output.add(sum(group.getValue(), numberIndex));
                    output.add(minimum(group.getValue(), numberIndex));
                    output.add(maximum(group.getValue(), numberIndex));
                }
                result.add(output);
            }
            return result;
        });
    }

    private static boolean isNumber(ColumnType type)
    {
        return type == BIGINT || type == INT || type == DOUBLE;
    }

    private static long countNonNull(List<List<Object>> rows, int column)
    {
        long count = 0;
        for (List<Object> row : rows) {
            if (row.get(column) != null) {
                count++;
            }
        }
        return count;
    }

    private static Object minimum(List<List<Object>> rows, int column)
    {
        Object minimum = null;
        for (List<Object> row : rows) {
            Object value = row.get(column);
            if (value != null && (minimum == null || Rows.VALUE_ORDER.compare(value, minimum) < 0)) {
                minimum = value;
            }
        }
        return minimum;
    }

    private static Object maximum(List<List<Object>> rows, int column)
    {
        Object maximum = null;
        for (List<Object> row : rows) {
            Object value = row.get(column);
            if (value != null && (maximum == null || Rows.VALUE_ORDER.compare(value, maximum) > 0)) {
                maximum = value;
            }
        }
        return maximum;
    }

    /** SQL SUM: NULL over no values; exact for integers (an overflow fails loudly). */
    private static Object sum(List<List<Object>> rows, int column)
    {
        Object sum = null;
        for (List<Object> row : rows) {
            Object value = row.get(column);
            if (value instanceof Long number) {
                sum = sum == null ? number : (Object) Math.addExact((Long) sum, number);
            }
            else if (value instanceof Double number) {
                sum = sum == null ? number : (Object) ((Double) sum + number);
            }
        }
        return sum;
    }
}
