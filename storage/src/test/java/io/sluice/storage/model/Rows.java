package io.sluice.storage.model;

import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.table.TableRows;
import io.sluice.storage.table.TableSnapshot;
import io.sluice.storage.type.PhysicalType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Rows in the physical form {@link TableRows} returns (Long, Double, String or null per column), with a total
 * order so that tables can be compared as sorted lists regardless of the order segments hold them in.
 */
final class Rows
{
    /** NULL first, then by value; rows compare column by column. */
    static final Comparator<Object> VALUE_ORDER = Rows::compareValues;
    static final Comparator<List<Object>> ROW_ORDER = Rows::compareRows;

    private Rows() {}

    /** A row for expectations: Integer becomes Long so that literals like {@code 1} match what storage returns. */
    static List<Object> row(Object... values)
    {
        Object[] normalized = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            normalized[i] = values[i] instanceof Integer integer ? Long.valueOf(integer) : values[i];
        }
        return Arrays.asList(normalized);
    }

    static List<List<Object>> sorted(List<List<Object>> rows)
    {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(ROW_ORDER);
        return copy;
    }

    /** Every live row of the snapshot, sorted. */
    static List<List<Object>> sortedRows(TableSnapshot snapshot)
    {
        List<List<Object>> rows = new ArrayList<>();
        Iterator<Object[]> iterator = TableRows.rows(snapshot);
        while (iterator.hasNext()) {
            rows.add(Arrays.asList(iterator.next()));
        }
        rows.sort(ROW_ORDER);
        return rows;
    }

    /** A batch of the given physical column types; values are Long (or Integer), Double, String or null. */
    static ColumnBatch batch(List<PhysicalType> types, List<List<Object>> rows)
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(types);
        for (List<Object> row : rows) {
            if (row.size() != types.size()) {
                throw new IllegalArgumentException("row " + row + " does not have " + types.size() + " values");
            }
            for (int column = 0; column < types.size(); column++) {
                Object value = row.get(column);
                if (value == null) {
                    builder.setNull(column);
                    continue;
                }
                switch (types.get(column)) {
                    case LONG -> builder.setLong(column, ((Number) value).longValue());
                    case DOUBLE -> builder.setDouble(column, (Double) value);
                    case STRING -> builder.setString(column, (String) value);
                }
            }
            builder.commitRow();
        }
        return builder.build();
    }

    /** DATE in physical form: days since 1970-01-01. */
    static long date(String text)
    {
        return LocalDate.parse(text).toEpochDay();
    }

    /** DATETIME in physical form: microseconds since 1970-01-01 00:00:00 (no time zone). */
    static long dateTime(String text)
    {
        return micros(LocalDateTime.parse(text.replace(' ', 'T')));
    }

    static long micros(LocalDateTime dateTime)
    {
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dateTime.getNano() / 1_000;
    }

    static LocalDateTime dateTimeOfMicros(long micros)
    {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }

    private static int compareRows(List<Object> left, List<Object> right)
    {
        int columns = Math.min(left.size(), right.size());
        for (int column = 0; column < columns; column++) {
            int comparison = compareValues(left.get(column), right.get(column));
            if (comparison != 0) {
                return comparison;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareValues(Object left, Object right)
    {
        if (left == null || right == null) {
            return Boolean.compare(left != null, right != null);
        }
        if (left instanceof Long leftLong && right instanceof Long rightLong) {
            return Long.compare(leftLong, rightLong);
        }
        if (left instanceof Double leftDouble && right instanceof Double rightDouble) {
            return Double.compare(leftDouble, rightDouble);
        }
        if (left instanceof String leftString && right instanceof String rightString) {
            return leftString.compareTo(rightString);
        }
        // Values of different kinds never share a column; order them by kind so that sorting still terminates.
        return left.getClass().getName().compareTo(right.getClass().getName());
    }
}
