package io.sluice.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A query result normalized so different engines' answers compare: numbers of any Java type as BigDecimal (equal
 * within a relative 1e-9, because engines sum doubles in different orders), dates as yyyy-MM-dd, column names
 * ignored.
 */
final class ResultRows
{
    static final double RELATIVE_TOLERANCE = 1e-9;

    private final List<List<Object>> rows;

    ResultRows(List<List<Object>> rows)
    {
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            // Arrays.asList keeps nulls (List.copyOf does not) and the wrapper keeps it unmodifiable.
            copy.add(Collections.unmodifiableList(Arrays.asList(row.toArray())));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    static ResultRows read(ResultSet resultSet)
            throws SQLException
    {
        ResultSetMetaData metadata = resultSet.getMetaData();
        int columns = metadata.getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            Object[] row = new Object[columns];
            for (int column = 0; column < columns; column++) {
                row[column] = normalize(resultSet.getObject(column + 1));
            }
            rows.add(Arrays.asList(row));
        }
        return new ResultRows(rows);
    }

    static Object normalize(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? BigDecimal.valueOf(number) : value.toString();
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value.toString();
    }

    List<List<Object>> rows()
    {
        return rows;
    }

    int rowCount()
    {
        return rows.size();
    }

    boolean matches(ResultRows other)
    {
        if (rows.size() != other.rows.size()) {
            return false;
        }
        for (int row = 0; row < rows.size(); row++) {
            List<Object> left = rows.get(row);
            List<Object> right = other.rows.get(row);
            if (left.size() != right.size()) {
                return false;
            }
            for (int column = 0; column < left.size(); column++) {
                if (!valuesMatch(left.get(column), right.get(column))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean valuesMatch(Object left, Object right)
    {
        if (left instanceof BigDecimal leftNumber && right instanceof BigDecimal rightNumber) {
            if (leftNumber.compareTo(rightNumber) == 0) {
                return true;
            }
            double difference = Math.abs(leftNumber.subtract(rightNumber).doubleValue());
            double scale = Math.max(Math.abs(leftNumber.doubleValue()), Math.abs(rightNumber.doubleValue()));
            return difference <= RELATIVE_TOLERANCE * scale;
        }
        return left == null ? right == null : left.equals(right);
    }

    /** Row count and first row, short enough for a table cell. */
    String describe()
    {
        if (rows.isEmpty()) {
            return "0 rows";
        }
        StringBuilder text = new StringBuilder().append(rows.size()).append(rows.size() == 1 ? " row " : " rows, first ").append('(');
        List<Object> first = rows.get(0);
        for (int column = 0; column < first.size(); column++) {
            Object value = first.get(column);
            text.append(column == 0 ? "" : ", ").append(value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : value);
        }
        return text.append(')').toString();
    }

    @Override
    public String toString()
    {
        return describe();
    }
}
