package io.sluice.storage.model;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.type.ColumnType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The reference implementation of the key models: one H2 table with the same columns, NOT NULL constraints and
 * defaults, and each written row applied on its own, in order, as plain SQL expressing the model. Values go in and
 * come out in Sluice's physical form (DATE as epoch days, DATETIME as epoch microseconds).
 */
final class H2Reference
        implements AutoCloseable
{
    /** H2's error code for a NULL written into a NOT NULL column. */
    private static final int NULL_NOT_ALLOWED = 23502;
    private static final String TABLE = "reference";

    private final Connection connection;
    private final TableSchema schema;
    private final int keyCount;

    H2Reference(TableSchema schema)
            throws SQLException
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.keyCount = schema.keyColumnCount();
        // An unnamed in-memory database belongs to this connection alone and disappears with it.
        this.connection = DriverManager.getConnection("jdbc:h2:mem:");
        try (Statement statement = connection.createStatement()) {
            statement.execute(createTableSql());
        }
    }

    /** What applying one write changed, counted the way {@code WriteResult} counts it. */
    record Counts(long written, long deleted, long skipped, long rejected) {}

    /**
     * Applies the rows of one write in order.
     *
     * @param columns the write's column names; a full-row write names every column
     * @param deletes per row whether it deletes its key (PRIMARY KEY only)
     * @param updatedColumns for a partial update the value columns it changes, else null
     * @param mergeColumn for a conditional update the condition column, else null
     */
    Counts apply(List<String> columns, List<List<Object>> rows, boolean[] deletes, Set<String> updatedColumns, String mergeColumn)
            throws SQLException
    {
        long written = 0;
        long deleted = 0;
        long skipped = 0;
        long rejected = 0;
        for (int row = 0; row < rows.size(); row++) {
            List<Object> values = rows.get(row);
            if (deletes != null && deletes[row]) {
                deleted += delete(columns, values);
                continue;
            }
            Outcome outcome = switch (schema.keyModel()) {
                case DUPLICATE -> insert(columns, values);
                case AGGREGATE -> aggregate(columns, values);
                case UNIQUE -> upsert(columns, values);
                case PRIMARY -> updatedColumns == null && mergeColumn == null
                        ? upsert(columns, values)
                        : conditionalOrPartialUpsert(columns, values, updatedColumns, mergeColumn);
            };
            switch (outcome) {
                case WRITTEN -> written++;
                case SKIPPED -> skipped++;
                case REJECTED -> rejected++;
            }
        }
        return new Counts(written, deleted, skipped, rejected);
    }

    private enum Outcome
    {
        WRITTEN, SKIPPED, REJECTED
    }

    private Outcome insert(List<String> columns, List<Object> values)
            throws SQLException
    {
        String sql = "INSERT INTO " + TABLE + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, columns, values);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    /** UNIQUE KEY, and a PRIMARY KEY full-row upsert: the row replaces whatever the key had. */
    private Outcome upsert(List<String> columns, List<Object> values)
            throws SQLException
    {
        String sql = "MERGE INTO " + TABLE + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keyNames()) + ") VALUES (" + placeholders(columns.size()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, columns, values);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    /** AGGREGATE KEY: a new key is inserted as is; an existing one folds each value column with its function. */
    private Outcome aggregate(List<String> columns, List<Object> values)
            throws SQLException
    {
        List<String> source = new ArrayList<>();
        List<String> matches = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        for (String name : columns) {
            ColumnSchema column = column(name);
            source.add("CAST(? AS " + sqlType(column.type()) + ") AS " + name);
            inserted.add("s." + name);
            if (column.key()) {
                matches.add("t." + name + " = s." + name);
                continue;
            }
            String current = "t." + name;
            String incoming = "s." + name;
            String merged = switch (column.aggregation()) {
                case SUM -> "COALESCE(" + current + " + " + incoming + ", " + current + ", " + incoming + ")";
                case MAX -> "CASE WHEN " + incoming + " IS NULL THEN " + current + " WHEN " + current + " IS NULL OR " + incoming + " > " + current
                        + " THEN " + incoming + " ELSE " + current + " END";
                case MIN -> "CASE WHEN " + incoming + " IS NULL THEN " + current + " WHEN " + current + " IS NULL OR " + incoming + " < " + current
                        + " THEN " + incoming + " ELSE " + current + " END";
                case REPLACE -> incoming;
                case REPLACE_IF_NOT_NULL -> "COALESCE(" + incoming + ", " + current + ")";
                case NONE -> throw new IllegalStateException("value column " + name + " of an AGGREGATE KEY table has no function");
            };
            updates.add(name + " = " + merged);
        }
        String sql = "MERGE INTO " + TABLE + " t USING (SELECT " + String.join(", ", source) + ") s ON (" + String.join(" AND ", matches) + ")"
                + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", updates)
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", inserted) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, columns, values);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    /**
     * PRIMARY KEY partial update and/or merge condition: an existing key changes only the updated columns, and only
     * if the new condition value is at least the current one; a new key is inserted with defaults for the columns
     * the write does not update, which fails for a NOT NULL column without a default.
     */
    private Outcome conditionalOrPartialUpsert(List<String> columns, List<Object> values, Set<String> updatedColumns, String mergeColumn)
            throws SQLException
    {
        List<String> changed = new ArrayList<>();
        for (String name : columns) {
            if (!column(name).key() && (updatedColumns == null || updatedColumns.contains(name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            throw new IllegalArgumentException("a partial update needs a value column to change");
        }
        List<String> assignments = new ArrayList<>();
        for (String name : changed) {
            assignments.add(name + " = ?");
        }
        String update = "UPDATE " + TABLE + " SET " + String.join(", ", assignments) + " WHERE " + keyCondition()
                + (mergeColumn == null ? "" : " AND CAST(? AS " + sqlType(column(mergeColumn).type()) + ") >= " + mergeColumn);
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            int parameter = bindAll(statement, 1, changed, select(columns, values, changed));
            parameter = bindAll(statement, parameter, keyNames(), select(columns, values, keyNames()));
            if (mergeColumn != null) {
                bind(statement, parameter, column(mergeColumn).type(), values.get(columns.indexOf(mergeColumn)));
            }
            if (statement.executeUpdate() == 1) {
                return Outcome.WRITTEN;
            }
        }

        List<String> insertedColumns = new ArrayList<>(keyNames());
        insertedColumns.addAll(changed);
        List<String> casts = new ArrayList<>();
        for (String name : insertedColumns) {
            casts.add("CAST(? AS " + sqlType(column(name).type()) + ")");
        }
        // Inserts only when the key is absent: an existing key that the UPDATE left alone failed the condition.
        String insert = "INSERT INTO " + TABLE + " (" + String.join(", ", insertedColumns) + ") SELECT " + String.join(", ", casts)
                + " WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE " + keyCondition() + ")";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int parameter = bindAll(statement, 1, insertedColumns, select(columns, values, insertedColumns));
            bindAll(statement, parameter, keyNames(), select(columns, values, keyNames()));
            return statement.executeUpdate() == 1 ? Outcome.WRITTEN : Outcome.SKIPPED;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == NULL_NOT_ALLOWED) {
                return Outcome.REJECTED;
            }
            throw e;
        }
    }

    private long delete(List<String> columns, List<Object> values)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE " + keyCondition())) {
            bindAll(statement, 1, keyNames(), select(columns, values, keyNames()));
            return statement.executeUpdate();
        }
    }

    /** Every row, in the table's column order, sorted. */
    List<List<Object>> rows()
            throws SQLException
    {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            names.add(column.name());
            types.add(column.type());
        }
        return Rows.sorted(query("SELECT " + String.join(", ", names) + " FROM " + TABLE, types));
    }

    /** Runs a query over the table (named {@link #tableName()}), reading each result column as the given type. */
    List<List<Object>> query(String sql, List<ColumnType> resultTypes)
            throws SQLException
    {
        List<List<Object>> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            if (resultSet.getMetaData().getColumnCount() != resultTypes.size()) {
                throw new IllegalArgumentException(sql + " does not return " + resultTypes.size() + " columns");
            }
            while (resultSet.next()) {
                Object[] row = new Object[resultTypes.size()];
                for (int column = 0; column < row.length; column++) {
                    row[column] = read(resultSet, column + 1, resultTypes.get(column));
                }
                result.add(Arrays.asList(row));
            }
        }
        return result;
    }

    static String tableName()
    {
        return TABLE;
    }

    @Override
    public void close()
            throws SQLException
    {
        connection.close();
    }

    private String createTableSql()
    {
        List<String> definitions = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            StringBuilder definition = new StringBuilder(column.name()).append(' ').append(sqlType(column.type()));
            column.defaultValue().ifPresent(value -> definition.append(" DEFAULT ").append(literal(column.type(), value)));
            if (!column.nullable()) {
                definition.append(" NOT NULL");
            }
            definitions.add(definition.toString());
        }
        if (schema.keyModel() != KeyModel.DUPLICATE) {
            definitions.add("PRIMARY KEY (" + String.join(", ", keyNames()) + ")");
        }
        return "CREATE TABLE " + TABLE + " (" + String.join(", ", definitions) + ")";
    }

    private List<String> keyNames()
    {
        List<String> names = new ArrayList<>(keyCount);
        for (int key = 0; key < keyCount; key++) {
            names.add(schema.column(key).name());
        }
        return names;
    }

    private String keyCondition()
    {
        List<String> conditions = new ArrayList<>();
        for (String name : keyNames()) {
            conditions.add(name + " = ?");
        }
        return String.join(" AND ", conditions);
    }

    private static String placeholders(int count)
    {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private ColumnSchema column(String name)
    {
        int index = schema.columnIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return schema.column(index);
    }

    private static List<Object> select(List<String> columns, List<Object> values, List<String> wanted)
    {
        List<Object> selected = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            selected.add(values.get(columns.indexOf(name)));
        }
        return selected;
    }

    private int bindAll(PreparedStatement statement, int firstParameter, List<String> columns, List<Object> values)
            throws SQLException
    {
        int parameter = firstParameter;
        for (int i = 0; i < columns.size(); i++) {
            bind(statement, parameter++, column(columns.get(i)).type(), values.get(i));
        }
        return parameter;
    }

    private static void bind(PreparedStatement statement, int parameter, ColumnType type, Object value)
            throws SQLException
    {
        if (value == null) {
            statement.setNull(parameter, jdbcType(type));
            return;
        }
        switch (type) {
            case BIGINT -> statement.setLong(parameter, (Long) value);
            case INT -> statement.setInt(parameter, Math.toIntExact((Long) value));
            case DOUBLE -> statement.setDouble(parameter, (Double) value);
            case VARCHAR -> statement.setString(parameter, (String) value);
            case DATE -> statement.setObject(parameter, LocalDate.ofEpochDay((Long) value));
            case DATETIME -> statement.setObject(parameter, Rows.dateTimeOfMicros((Long) value));
            default -> throw new IllegalArgumentException("unsupported type " + type);
        }
    }

    /** Reads a result column in physical form; BIGINT also reads H2's exact SUM results. */
    private static Object read(ResultSet resultSet, int column, ColumnType type)
            throws SQLException
    {
        Object value = switch (type) {
            case BIGINT, INT -> resultSet.getLong(column);
            case DOUBLE -> resultSet.getDouble(column);
            case VARCHAR -> resultSet.getString(column);
            case DATE -> {
                LocalDate date = resultSet.getObject(column, LocalDate.class);
                yield date == null ? null : date.toEpochDay();
            }
            case DATETIME -> {
                LocalDateTime dateTime = resultSet.getObject(column, LocalDateTime.class);
                yield dateTime == null ? null : Rows.micros(dateTime);
            }
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
        return resultSet.wasNull() ? null : value;
    }

    private static String sqlType(ColumnType type)
    {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case INT -> "INTEGER";
            case DOUBLE -> "DOUBLE PRECISION";
            case VARCHAR -> "VARCHAR(64)";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP(6)";
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    private static int jdbcType(ColumnType type)
    {
        return switch (type) {
            case BIGINT -> Types.BIGINT;
            case INT -> Types.INTEGER;
            case DOUBLE -> Types.DOUBLE;
            case VARCHAR -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP;
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    /** A DEFAULT given as Sluice's SQL literal text, as H2 DDL. */
    private static String literal(ColumnType type, String value)
    {
        if (value.equalsIgnoreCase("NULL")) {
            return "NULL";
        }
        return switch (type) {
            case BIGINT, INT, DOUBLE -> value;
            case VARCHAR -> "'" + value.replace("'", "''") + "'";
            case DATE -> "DATE '" + value + "'";
            case DATETIME -> "TIMESTAMP '" + value + "'";
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }
}
