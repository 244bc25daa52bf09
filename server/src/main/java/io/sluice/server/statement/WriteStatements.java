package io.sluice.server.statement;

import io.sluice.loader.decode.ConversionException;
import io.sluice.loader.decode.ValueConverter;
import io.sluice.server.calcite.QueryResult;
import io.sluice.sql.function.ExpressionException;
import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.ColumnDefaults;
import io.sluice.storage.table.TableWrite;
import io.sluice.storage.table.WriteResult;
import io.sluice.storage.type.PhysicalType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * INSERT, UPDATE and DELETE: each statement becomes one {@link TableWrite} published by storage's single atomic
 * commit, like a load batch. Values are checked like loaded ones (range, length, NOT NULL), but a bad value fails
 * the statement with MySQL's error instead of becoming a rejected row. UPDATE and DELETE read the rows they change
 * through the query engine, then write them back (PRIMARY KEY tables only).
 */
final class WriteStatements
{
    private final Storage storage;
    private final BiFunction<String, String, QueryResult> query;
    private final ZoneId timeZone;

    /**
     * @param query runs a SELECT in a database and returns its rows as text
     * @param timeZone the session's, for NOW(), FROM_UNIXTIME()... in VALUES
     */
    WriteStatements(Storage storage, BiFunction<String, String, QueryResult> query, ZoneId timeZone)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.query = requireNonNull(query, "query is null");
        this.timeZone = requireNonNull(timeZone, "timeZone is null");
    }

    long insert(SqlInsert insert, TableInfo table, String database)
    {
        TableSchema schema = table.schema();
        List<ColumnSchema> targets = targetColumns(schema, insert.getTargetColumnList(), table.name());
        Set<String> named = new HashSet<>();
        targets.forEach(column -> named.add(column.name().toLowerCase(Locale.ROOT)));
        for (ColumnSchema column : schema.columns()) {
            if (!named.contains(column.name().toLowerCase(Locale.ROOT)) && !ColumnDefaults.hasDefault(column)) {
                throw new SluiceException(ErrorCode.NO_DEFAULT_VALUE, "Field '" + column.name() + "' doesn't have a default value");
            }
        }
        ColumnBatchBuilder builder = builder(targets);
        SqlNode source = insert.getSource();
        if (source.getKind() == SqlKind.VALUES) {
            int rowNumber = 0;
            for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
                rowNumber++;
                List<SqlNode> values = rowNode instanceof SqlCall row && row.getKind() == SqlKind.ROW ? row.getOperandList() : List.of(rowNode);
                if (values.size() != targets.size()) {
                    throw new SluiceException(ErrorCode.WRONG_VALUE_COUNT, "Column count doesn't match value count at row " + rowNumber);
                }
                for (int column = 0; column < values.size(); column++) {
                    store(builder, column, targets.get(column), constant(values.get(column)), rowNumber);
                }
                builder.commitRow();
            }
        }
        else {
            QueryResult rows = query.apply(sqlText(source), database);
            if (rows.columns().size() != targets.size()) {
                throw new SluiceException(ErrorCode.WRONG_VALUE_COUNT, "Column count doesn't match value count at row 1");
            }
            storeRows(builder, targets, rows);
        }
        WriteResult result = storage.write(table.id(), new TableWrite(names(targets), builder.build(), null, Optional.empty(), Optional.empty()));
        return result.writtenRows();
    }

    long update(SqlUpdate update, TableInfo table, String database)
    {
        TableSchema schema = requirePrimaryKey(table, "UPDATE");
        List<ColumnSchema> targets = new ArrayList<>();
        List<String> selectList = new ArrayList<>();
        for (int i = 0; i < schema.keyColumnCount(); i++) {
            targets.add(schema.column(i));
            selectList.add(quote(schema.column(i).name()));
        }
        Set<String> updated = new HashSet<>();
        SqlNodeList expressions = update.getSourceExpressionList();
        for (int i = 0; i < update.getTargetColumnList().size(); i++) {
            String name = ((SqlIdentifier) update.getTargetColumnList().get(i)).getSimple();
            int index = schema.columnIndex(name);
            if (index < 0) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "' in 'field list'");
            }
            if (schema.column(index).key()) {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "Key column '" + name + "' cannot be updated");
            }
            if (!updated.add(schema.column(index).name())) {
                throw new SluiceException(ErrorCode.DUPLICATE_COLUMN, "Column '" + name + "' is assigned twice");
            }
            targets.add(schema.column(index));
            selectList.add(sqlText(expressions.get(i)));
        }
        String select = "SELECT " + String.join(", ", selectList) + " FROM " + quote(table.databaseName()) + "." + quote(table.name())
                + (update.getCondition() == null ? "" : " WHERE " + sqlText(update.getCondition()));
        ColumnBatchBuilder builder = builder(targets);
        storeRows(builder, targets, query.apply(select, database));
        WriteResult result = storage.write(table.id(), new TableWrite(names(targets), builder.build(), null, Optional.of(updated), Optional.empty()));
        return result.writtenRows();
    }

    long delete(SqlDelete delete, TableInfo table, String database)
    {
        TableSchema schema = requirePrimaryKey(table, "DELETE");
        List<ColumnSchema> targets = schema.columns().subList(0, schema.keyColumnCount());
        List<String> keys = new ArrayList<>();
        targets.forEach(column -> keys.add(quote(column.name())));
        String select = "SELECT " + String.join(", ", keys) + " FROM " + quote(table.databaseName()) + "." + quote(table.name())
                + (delete.getCondition() == null ? "" : " WHERE " + sqlText(delete.getCondition()));
        ColumnBatchBuilder builder = builder(targets);
        storeRows(builder, targets, query.apply(select, database));
        int rowCount = builder.rowCount();
        boolean[] deletes = new boolean[rowCount];
        Arrays.fill(deletes, true);
        WriteResult result = storage.write(table.id(), new TableWrite(names(targets), builder.build(), deletes, Optional.empty(), Optional.empty()));
        return result.deletedRows();
    }

    private static TableSchema requirePrimaryKey(TableInfo table, String statement)
    {
        if (table.schema().keyModel() != KeyModel.PRIMARY) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, statement + " is only supported on PRIMARY KEY tables; '" + table.name()
                    + "' is a " + table.schema().keyModel().name() + " KEY table");
        }
        return table.schema();
    }

    private static List<ColumnSchema> targetColumns(TableSchema schema, SqlNodeList columnList, String tableName)
    {
        if (columnList == null || columnList.isEmpty()) {
            return schema.columns();
        }
        List<ColumnSchema> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SqlNode node : columnList) {
            SqlIdentifier identifier = (SqlIdentifier) node;
            // a qualified name ("id.s", "t.id") is no column of the table; getSimple() would fail an assertion on it
            String name = identifier.isSimple() ? identifier.getSimple() : String.join(".", identifier.names);
            int index = identifier.isSimple() ? schema.columnIndex(name) : -1;
            if (index < 0) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "' in 'field list'");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new SluiceException(ErrorCode.DUPLICATE_COLUMN, "Column '" + name + "' specified twice");
            }
            targets.add(schema.column(index));
        }
        return targets;
    }

    private static ColumnBatchBuilder builder(List<ColumnSchema> targets)
    {
        List<PhysicalType> types = new ArrayList<>();
        targets.forEach(column -> types.add(column.type().physicalType()));
        return new ColumnBatchBuilder(types);
    }

    private static List<String> names(List<ColumnSchema> columns)
    {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.name()));
        return names;
    }

    private static void storeRows(ColumnBatchBuilder builder, List<ColumnSchema> targets, QueryResult rows)
    {
        int rowNumber = 0;
        for (String[] row : rows.rows()) {
            rowNumber++;
            for (int column = 0; column < targets.size(); column++) {
                store(builder, column, targets.get(column), row[column], rowNumber);
            }
            builder.commitRow();
        }
    }

    private static void store(ColumnBatchBuilder builder, int column, ColumnSchema schema, Object value, int rowNumber)
    {
        if (value == null && !schema.nullable()) {
            throw new SluiceException(ErrorCode.COLUMN_CANNOT_BE_NULL, "Column '" + schema.name() + "' cannot be null");
        }
        try {
            ValueConverter.storeObject(builder, column, schema, value);
        }
        catch (ConversionException e) {
            // MySQL's messages for a value that does not fit; the converter's reason follows for the rest.
            String message = e.getMessage();
            String where = " for column '" + schema.name() + "' at row " + rowNumber;
            if (message.contains("out of range")) {
                throw new SluiceException(ErrorCode.OUT_OF_RANGE_VALUE, "Out of range value" + where);
            }
            if (message.contains("longer than")) {
                throw new SluiceException(ErrorCode.DATA_TOO_LONG, "Data too long" + where);
            }
            throw new SluiceException(ErrorCode.INCORRECT_VALUE, "Incorrect " + schema.typeText() + " value" + where + ": " + message);
        }
    }

    /** A VALUES item: a constant expression evaluated with the shared function library. */
    private Object constant(SqlNode expression)
    {
        try {
            Object value = ExpressionInterpreter.compile(expression, List.of(), timeZone).evaluate(new Object[0]);
            return value instanceof Boolean bool ? (bool ? 1L : 0L) : value;
        }
        catch (ExpressionException e) {
            throw new SluiceException(ErrorCode.INCORRECT_VALUE, e.getMessage());
        }
    }

    private static String sqlText(SqlNode node)
    {
        return node.toSqlString(MysqlSqlDialect.DEFAULT).getSql();
    }

    private static String quote(String name)
    {
        return "`" + name.replace("`", "``") + "`";
    }
}
