package io.sluice.server.calcite;

import io.sluice.server.calcite.DifferentialSchema.Column;
import io.sluice.storage.catalog.KeyModel;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The reference: H2 holding the same tables, with every write expressed as plain SQL of the key model's semantics,
 * applied one row at a time in order (so "last" is commit order, then row order): INSERT for DUPLICATE KEY, MERGE for
 * UNIQUE and PRIMARY KEY upserts, MERGE ... WHEN MATCHED with each value column's function for AGGREGATE KEY, DELETE
 * for deletes, and UPDATE ... WHERE (then INSERT of a missing key) for partial and conditional updates.
 */
final class H2Model
        implements AutoCloseable
{
    /** H2's error code for a NULL written into a NOT NULL column. */
    private static final int NULL_NOT_ALLOWED = 23502;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String DIMENSION_DDL = "CREATE TABLE dim (id INTEGER NOT NULL, grp VARCHAR(8), weight NUMERIC(6, 2), label VARCHAR(65533), PRIMARY KEY (id))";

    private final DifferentialSchema schema;
    private final Connection connection;

    /** What applying one write changed, counted the way Sluice's {@code WriteResult} counts it. */
    record Counts(long written, long deleted, long skipped, long rejected) {}

    private enum Outcome
    {
        WRITTEN, SKIPPED, REJECTED
    }

    H2Model(DifferentialSchema schema)
            throws SQLException
    {
        this.schema = requireNonNull(schema, "schema is null");
        // private to this connection; NULLs sort first ascending and last descending, as in MySQL
        connection = DriverManager.getConnection("jdbc:h2:mem:;DEFAULT_NULL_ORDERING=LOW");
        try (Statement statement = connection.createStatement()) {
            statement.execute(schema.h2CreateTable());
            statement.execute(DIMENSION_DDL);
        }
    }

    // ---- writes

    /** Applies the rows of one commit to {@code t}, in order. */
    Counts apply(RowWrite write)
            throws SQLException
    {
        long written = 0;
        long deleted = 0;
        long skipped = 0;
        long rejected = 0;
        for (int row = 0; row < write.rows().size(); row++) {
            Object[] values = write.rows().get(row);
            if (write.isDelete(row)) {
                deleted += delete(write.columns(), values);
                continue;
            }
            Outcome outcome;
            if (schema.model() == KeyModel.PRIMARY && write.isConditionalOrPartial()) {
                outcome = conditionalOrPartialUpsert(write, values);
            }
            else {
                Object[] whole = wholeRow(write.columns(), values);
                outcome = switch (schema.model()) {
                    case DUPLICATE -> insert(whole);
                    case AGGREGATE -> aggregate(whole);
                    case UNIQUE, PRIMARY -> upsert(whole);
                };
            }
            switch (outcome) {
                case WRITTEN -> written++;
                case SKIPPED -> skipped++;
                case REJECTED -> rejected++;
            }
        }
        return new Counts(written, deleted, skipped, rejected);
    }

    /** A row of every column: the written values, and the default (or NULL) of every column the write does not name. */
    private Object[] wholeRow(List<String> columns, Object[] values)
    {
        List<Column> all = schema.columns();
        Object[] whole = new Object[all.size()];
        for (int i = 0; i < all.size(); i++) {
            int position = columns.indexOf(all.get(i).name());
            whole[i] = position >= 0 ? values[position] : all.get(i).fillValue();
        }
        return whole;
    }

    private Outcome insert(Object[] row)
            throws SQLException
    {
        String sql = "INSERT INTO t (" + String.join(", ", schema.names()) + ") VALUES (" + placeholders(row.length) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, schema.names(), row);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    private Outcome upsert(Object[] row)
            throws SQLException
    {
        String sql = "MERGE INTO t (" + String.join(", ", schema.names()) + ") KEY (k1, k2) VALUES (" + placeholders(row.length) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, schema.names(), row);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    /** AGGREGATE KEY: a new key goes in as it is; an existing one folds each value column in with its function. */
    private Outcome aggregate(Object[] row)
            throws SQLException
    {
        List<String> source = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        for (Column column : schema.columns()) {
            String name = column.name();
            source.add("CAST(? AS " + column.h2Type() + ") AS " + name);
            inserted.add("s." + name);
            if (column.key()) {
                continue;
            }
            String current = "t." + name;
            String incoming = "s." + name;
            String merged = switch (column.aggregation()) {
                case SUM -> "CASE WHEN " + incoming + " IS NULL THEN " + current + " WHEN " + current + " IS NULL THEN " + incoming
                        + " ELSE " + current + " + " + incoming + " END";
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
        String sql = "MERGE INTO t USING (SELECT " + String.join(", ", source) + ") s ON (t.k1 = s.k1 AND t.k2 = s.k2)"
                + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", updates)
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", schema.names()) + ") VALUES (" + String.join(", ", inserted) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, 1, schema.names(), row);
            statement.executeUpdate();
        }
        return Outcome.WRITTEN;
    }

    /**
     * PRIMARY KEY partial and/or conditional update: an existing key changes only the updated columns, and only when
     * the new merge column value is at least the current one; a missing key is inserted with the updated columns and
     * defaults for the rest, which fails (a rejected row) for a NOT NULL column without a default.
     */
    private Outcome conditionalOrPartialUpsert(RowWrite write, Object[] values)
            throws SQLException
    {
        List<String> changed = new ArrayList<>();
        List<Object> changedValues = new ArrayList<>();
        for (int i = 0; i < write.columns().size(); i++) {
            String name = write.columns().get(i);
            if (!schema.column(name).key() && (write.partialColumns() == null || write.partialColumns().contains(name))) {
                changed.add(name);
                changedValues.add(values[i]);
            }
        }
        Object[] keys = {values[write.columns().indexOf("k1")], values[write.columns().indexOf("k2")]};
        List<String> assignments = new ArrayList<>();
        for (String name : changed) {
            assignments.add(name + " = ?");
        }
        String mergeColumn = write.mergeColumn();
        String update = "UPDATE t SET " + String.join(", ", assignments) + " WHERE k1 = ? AND k2 = ?"
                + (mergeColumn == null ? "" : " AND CAST(? AS " + schema.column(mergeColumn).h2Type() + ") >= " + mergeColumn);
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            int parameter = bindAll(statement, 1, changed, changedValues.toArray());
            parameter = bindAll(statement, parameter, schema.keyNames(), keys);
            if (mergeColumn != null) {
                bind(statement, parameter, schema.column(mergeColumn), values[write.columns().indexOf(mergeColumn)]);
            }
            if (statement.executeUpdate() == 1) {
                return Outcome.WRITTEN;
            }
        }
        List<String> insertedColumns = new ArrayList<>(schema.keyNames());
        insertedColumns.addAll(changed);
        List<Object> insertedValues = new ArrayList<>(List.of(keys));
        insertedValues.addAll(changedValues);
        List<String> casts = new ArrayList<>();
        for (String name : insertedColumns) {
            casts.add("CAST(? AS " + schema.column(name).h2Type() + ")");
        }
        // only for a missing key: an existing key the UPDATE left alone failed the condition
        String insert = "INSERT INTO t (" + String.join(", ", insertedColumns) + ") SELECT " + String.join(", ", casts)
                + " WHERE NOT EXISTS (SELECT 1 FROM t WHERE k1 = ? AND k2 = ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int parameter = bindAll(statement, 1, insertedColumns, insertedValues.toArray());
            bindAll(statement, parameter, schema.keyNames(), keys);
            return statement.executeUpdate() == 1 ? Outcome.WRITTEN : Outcome.SKIPPED;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == NULL_NOT_ALLOWED) {
                return Outcome.REJECTED;
            }
            throw e;
        }
    }

    private long delete(List<String> columns, Object[] values)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM t WHERE k1 = ? AND k2 = ?")) {
            bindAll(statement, 1, schema.keyNames(), new Object[] {values[columns.indexOf("k1")], values[columns.indexOf("k2")]});
            return statement.executeUpdate();
        }
    }

    /** Runs an UPDATE, DELETE or MERGE as it is; returns the rows it matched. */
    long execute(String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /** The rows of {@code t} a query selects (every column, in order), as values to write again. */
    List<Object[]> selectRows(String whereClause)
            throws SQLException
    {
        String sql = "SELECT " + String.join(", ", schema.names()) + " FROM t WHERE " + whereClause;
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                Object[] row = new Object[schema.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = read(resultSet, i + 1, schema.columns().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    // ---- queries

    /** A query's rows, each value as MySQL text (NULL as null), numbers as they come (normalized when compared). */
    List<String[]> query(String sql)
            throws SQLException
    {
        List<String[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            int count = metadata.getColumnCount();
            while (resultSet.next()) {
                String[] row = new String[count];
                for (int i = 0; i < count; i++) {
                    row[i] = text(resultSet, i + 1, metadata.getColumnType(i + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String text(ResultSet resultSet, int index, int type)
            throws SQLException
    {
        switch (type) {
            case Types.BOOLEAN -> {
                boolean value = resultSet.getBoolean(index);
                return resultSet.wasNull() ? null : value ? "1" : "0";
            }
            case Types.DATE -> {
                LocalDate value = resultSet.getObject(index, LocalDate.class);
                return value == null ? null : value.toString();
            }
            case Types.TIMESTAMP -> {
                LocalDateTime value = resultSet.getObject(index, LocalDateTime.class);
                return value == null ? null : value.format(DATE_TIME);
            }
            default -> {
                return resultSet.getString(index);
            }
        }
    }

    @Override
    public void close()
            throws SQLException
    {
        connection.close();
    }

    // ---- values

    private static String placeholders(int count)
    {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private int bindAll(PreparedStatement statement, int firstParameter, List<String> columns, Object[] values)
            throws SQLException
    {
        int parameter = firstParameter;
        for (int i = 0; i < columns.size(); i++) {
            bind(statement, parameter++, schema.column(columns.get(i)), values[i]);
        }
        return parameter;
    }

    private static void bind(PreparedStatement statement, int parameter, Column column, Object value)
            throws SQLException
    {
        if (value == null) {
            statement.setNull(parameter, jdbcType(column));
            return;
        }
        switch (column.type()) {
            case BOOLEAN -> statement.setBoolean(parameter, (Boolean) value);
            case TINYINT, SMALLINT, INT, BIGINT -> statement.setLong(parameter, (Long) value);
            case LARGEINT, DECIMAL -> statement.setBigDecimal(parameter, (BigDecimal) value);
            case FLOAT, DOUBLE -> statement.setDouble(parameter, (Double) value);
            case CHAR, VARCHAR, STRING -> statement.setString(parameter, (String) value);
            case DATE, DATETIME -> statement.setObject(parameter, value);
            default -> throw new IllegalArgumentException("unsupported type " + column.type());
        }
    }

    private static int jdbcType(Column column)
    {
        return switch (column.type()) {
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT, SMALLINT, INT, BIGINT -> Types.BIGINT;
            case LARGEINT, DECIMAL -> Types.NUMERIC;
            case FLOAT, DOUBLE -> Types.DOUBLE;
            case CHAR, VARCHAR, STRING -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP;
            default -> throw new IllegalArgumentException("unsupported type " + column.type());
        };
    }

    private static Object read(ResultSet resultSet, int index, Column column)
            throws SQLException
    {
        Object value = switch (column.type()) {
            case BOOLEAN -> resultSet.getBoolean(index);
            case TINYINT, SMALLINT, INT, BIGINT -> resultSet.getLong(index);
            case LARGEINT, DECIMAL -> resultSet.getBigDecimal(index);
            case FLOAT, DOUBLE -> resultSet.getDouble(index);
            case CHAR, VARCHAR, STRING -> resultSet.getString(index);
            case DATE -> resultSet.getObject(index, LocalDate.class);
            case DATETIME -> resultSet.getObject(index, LocalDateTime.class);
            default -> throw new IllegalArgumentException("unsupported type " + column.type());
        };
        return resultSet.wasNull() ? null : value;
    }
}
