package io.sluice.server.statement;

import io.sluice.server.calcite.CalciteQueryEngine;
import io.sluice.server.calcite.QueryResult;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlType;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.table.TableData;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SELECT cols FROM t WHERE key = literal} on a table with a one-column key goes straight to the primary index:
 * no planning, no scan. Anything else (or a literal that needs conversion) returns empty and takes the planner's path,
 * which gives the same answer.
 */
final class PointLookup
{
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PointLookup() {}

    static Optional<QueryResult> tryAnswer(SqlNode statement, Storage storage, String currentDatabase)
    {
        if (!(statement instanceof SqlSelect select) || select.getGroup() != null || select.getHaving() != null || select.getOrderList() != null
                || select.getFetch() != null || select.getOffset() != null || select.isDistinct() || select.getWindowList().size() > 0
                || !(select.getFrom() instanceof SqlIdentifier from) || !(select.getWhere() instanceof SqlBasicCall where)
                || where.getKind() != SqlKind.EQUALS) {
            return Optional.empty();
        }
        Optional<TableInfo> found = table(storage, from, currentDatabase);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TableInfo table = found.get();
        TableSchema schema = table.schema();
        if (schema.keyModel() == KeyModel.DUPLICATE || schema.keyColumnCount() != 1) {
            return Optional.empty();
        }
        SqlNode left = where.operand(0);
        SqlNode right = where.operand(1);
        SqlIdentifier column = left instanceof SqlIdentifier identifier ? identifier : right instanceof SqlIdentifier identifier ? identifier : null;
        SqlNode literal = column == left ? right : left;
        if (column == null || !column.isSimple() || !column.getSimple().equalsIgnoreCase(schema.column(0).name())) {
            return Optional.empty();
        }
        Optional<Object> key = keyValue(schema.column(0), literal);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> outputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            if (item instanceof SqlIdentifier identifier && identifier.isStar() && identifier.names.size() == 1) {
                for (int i = 0; i < schema.columns().size(); i++) {
                    outputs.add(i);
                    names.add(schema.column(i).name());
                }
                continue;
            }
            if (!(item instanceof SqlIdentifier identifier) || !identifier.isSimple() || schema.columnIndex(identifier.getSimple()) < 0) {
                return Optional.empty();
            }
            outputs.add(schema.columnIndex(identifier.getSimple()));
            names.add(identifier.getSimple());
        }
        for (int output : outputs) {
            if (schema.column(output).type() == ColumnType.FLOAT) {
                // FLOAT text goes through Calcite's widening; let the planner format it.
                return Optional.empty();
            }
        }
        Optional<TableData> data = storage.tableData(table.id());
        if (data.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object[]> row = data.get().lookup(List.of(key.get()));
        List<MysqlColumn> columns = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            ColumnSchema columnSchema = schema.column(outputs.get(i));
            MysqlColumn mysqlColumn = MysqlColumn.of(names.get(i), mysqlType(columnSchema.type())).withTable(table.databaseName(), table.name());
            columns.add(columnSchema.nullable() ? mysqlColumn : mysqlColumn.notNull());
        }
        List<String[]> rows = new ArrayList<>(1);
        if (row.isPresent()) {
            String[] text = new String[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                text[i] = text(schema.column(outputs.get(i)).type(), row.get()[outputs.get(i)]);
            }
            rows.add(text);
        }
        return Optional.of(new QueryResult(columns, rows));
    }

    private static Optional<TableInfo> table(Storage storage, SqlIdentifier from, String currentDatabase)
    {
        String database = from.names.size() == 2 ? from.names.get(0) : currentDatabase;
        if (database == null || from.names.size() > 2 || !storage.databaseExists(database)) {
            return Optional.empty();
        }
        String name = from.names.get(from.names.size() - 1);
        for (TableInfo table : storage.tables(database)) {
            if (table.name().equalsIgnoreCase(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    private static Optional<Object> keyValue(ColumnSchema key, SqlNode literal)
    {
        ColumnType type = key.type();
        if (type.isInteger() && type != ColumnType.BOOLEAN && literal instanceof SqlNumericLiteral number && number.isInteger()) {
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (value.compareTo(BigDecimal.valueOf(type.minimumValue())) < 0 || value.compareTo(BigDecimal.valueOf(type.maximumValue())) > 0) {
                return Optional.empty();
            }
            return Optional.of(value.longValueExact());
        }
        if ((type == ColumnType.VARCHAR || type == ColumnType.CHAR || type == ColumnType.STRING) && literal instanceof SqlCharStringLiteral string) {
            return Optional.of(string.getValueAs(String.class));
        }
        return Optional.empty();
    }

    private static MysqlType mysqlType(ColumnType type)
    {
        return switch (type) {
            case BOOLEAN, TINYINT -> MysqlType.TINY;
            case SMALLINT -> MysqlType.SHORT;
            case INT -> MysqlType.LONG;
            case BIGINT -> MysqlType.LONGLONG;
            case LARGEINT, DECIMAL -> MysqlType.NEWDECIMAL;
            case FLOAT -> MysqlType.FLOAT;
            case DOUBLE -> MysqlType.DOUBLE;
            case DATE -> MysqlType.DATE;
            case DATETIME -> MysqlType.DATETIME;
            case CHAR, VARCHAR, STRING, JSON -> MysqlType.VAR_STRING;
        };
    }

    /** The same text the planner's path produces for a stored value. */
    private static String text(ColumnType type, Object value)
    {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DOUBLE -> CalciteQueryEngine.formatDouble((Double) value);
            case DATE -> LocalDate.ofEpochDay((Long) value).toString();
            case DATETIME -> {
                long micros = (Long) value;
                yield LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC).format(DATETIME);
            }
            default -> value.toString();
        };
    }
}
