package io.sluice.server.statement;

import io.sluice.server.calcite.CalciteQueryEngine;
import io.sluice.server.calcite.QueryResult;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlRowSource;
import io.sluice.server.mysql.MysqlRowWriter;
import io.sluice.server.mysql.MysqlType;
import io.sluice.server.statement.PointSelectStatement.Name;
import io.sluice.server.statement.PointSelectStatement.Shape;
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
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SELECT cols FROM t WHERE key = literal} on a table with a one-column key, resolved against one version of the
 * table: goes straight to the primary index, no planning, no scan. A shape it cannot answer exactly as the planner would
 * (a literal that needs conversion, an unknown or duplicated column, a FLOAT column...) does not resolve, and the
 * statement takes the planner's path, which gives the answer, or the error.
 */
final class PointLookup
{
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TableData data;
    private final TableInfo table;
    private final ColumnType keyType;
    private final int[] outputs;
    private final ColumnType[] outputTypes;
    private final List<MysqlColumn> columns;

    private PointLookup(TableData data, TableInfo table, int[] outputs, List<MysqlColumn> columns)
    {
        this.data = data;
        this.table = table;
        this.keyType = table.schema().column(0).type();
        this.outputs = outputs;
        this.outputTypes = new ColumnType[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            outputTypes[i] = table.schema().column(outputs[i]).type();
        }
        this.columns = List.copyOf(columns);
    }

    /**
     * The lookup a shape resolves to in the current catalog, or empty when the planner must answer. Resolution reads the
     * catalog only in memory: no metadata query per statement.
     */
    static Optional<PointLookup> resolve(Storage storage, Shape shape, String currentDatabase)
    {
        String database = shape.database().map(Name::text).orElse(currentDatabase);
        if (database == null) {
            return Optional.empty();
        }
        TableInfo table = null;
        for (TableInfo candidate : storage.tables(database)) {
            if (candidate.name().equalsIgnoreCase(shape.table().text())) {
                if (table != null) {
                    // names differing only in case: let the planner decide which one is meant
                    return Optional.empty();
                }
                table = candidate;
            }
        }
        if (table == null) {
            return Optional.empty();
        }
        Optional<TableData> data = storage.tableData(table.id());
        if (data.isEmpty() || data.get().table() != table) {
            return Optional.empty();
        }
        TableSchema schema = table.schema();
        if (schema.keyModel() == KeyModel.DUPLICATE || schema.keyColumnCount() != 1
                || !shape.keyColumn().text().equalsIgnoreCase(schema.column(0).name())) {
            return Optional.empty();
        }
        int outputCount = shape.selectsAllColumns() ? schema.columns().size() : shape.selectList().size();
        int[] outputs = new int[outputCount];
        List<String> names = new ArrayList<>(outputCount);
        Set<String> distinctNames = new HashSet<>();
        for (int i = 0; i < outputCount; i++) {
            String name = shape.selectsAllColumns() ? schema.column(i).name() : shape.selectList().get(i).text();
            outputs[i] = schema.columnIndex(name);
            // the planner renames a repeated column (id, id0): leave that to it
            if (outputs[i] < 0 || !distinctNames.add(name.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            // FLOAT text goes through Calcite's widening; let the planner format it
            if (schema.column(outputs[i]).type() == ColumnType.FLOAT) {
                return Optional.empty();
            }
            names.add(name);
        }
        List<MysqlColumn> columns = new ArrayList<>(outputCount);
        for (int i = 0; i < outputCount; i++) {
            ColumnSchema column = schema.column(outputs[i]);
            MysqlColumn mysqlColumn = MysqlColumn.of(names.get(i), mysqlType(column.type())).withTable(table.databaseName(), table.name());
            columns.add(column.nullable() ? mysqlColumn : mysqlColumn.notNull());
        }
        return Optional.of(new PointLookup(data.get(), table, outputs, columns));
    }

    /** Whether this lookup still describes the table: its schema was not altered since. */
    boolean isCurrent()
    {
        return data.table() == table;
    }

    List<MysqlColumn> columns()
    {
        return columns;
    }

    /** The key to look up for a literal (a Long or a String), or empty when comparing them needs a conversion. */
    Optional<Object> keyValue(Object literal)
    {
        if (literal instanceof Long value && keyType.isInteger() && keyType != ColumnType.BOOLEAN) {
            return keyType.fits(value) ? Optional.of(value) : Optional.empty();
        }
        if (literal instanceof String && (keyType == ColumnType.VARCHAR || keyType == ColumnType.CHAR || keyType == ColumnType.STRING)) {
            return Optional.of(literal);
        }
        return Optional.empty();
    }

    /** The live row with this key from the primary index: all the table's columns, physical values. */
    Optional<Object[]> lookup(Object key)
    {
        return data.lookup(List.of(key));
    }

    /** The answer's rows, written straight into the packet: numbers without intermediate text. */
    MysqlRowSource rows(Optional<Object[]> row)
    {
        return new OneRow(row.orElse(null));
    }

    /** The answer's rows as text, the form the planner's results take. */
    List<String[]> textRows(Optional<Object[]> row)
    {
        if (row.isEmpty()) {
            return List.of();
        }
        String[] text = new String[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            text[i] = text(outputTypes[i], row.get()[outputs[i]]);
        }
        List<String[]> rows = new ArrayList<>(1);
        rows.add(text);
        return rows;
    }

    /** The shortcut after a full parse: for statements the recognizer leaves alone but the parse tree shows simple. */
    static Optional<QueryResult> tryAnswer(SqlNode statement, Storage storage, String currentDatabase)
    {
        Optional<PointSelectStatement> point = fromTree(statement);
        if (point.isEmpty()) {
            return Optional.empty();
        }
        Optional<PointLookup> lookup = resolve(storage, point.get().shape(), currentDatabase);
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object> key = lookup.get().keyValue(point.get().key());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QueryResult(lookup.get().columns(), lookup.get().textRows(lookup.get().lookup(key.get()))));
    }

    /** The point select a parse tree holds, in the recognizer's terms, or empty for any other statement. */
    static Optional<PointSelectStatement> fromTree(SqlNode statement)
    {
        SqlNode query = statement;
        if (statement instanceof SqlOrderBy orderBy) {
            // LIMIT n: at most one row matches, so any positive limit changes nothing
            if (!orderBy.orderList.isEmpty() || orderBy.offset != null || !(orderBy.fetch instanceof SqlNumericLiteral fetch)
                    || !fetch.isInteger() || fetch.getValueAs(BigDecimal.class).signum() <= 0) {
                return Optional.empty();
            }
            query = orderBy.query;
        }
        if (!(query instanceof SqlSelect select) || select.getGroup() != null || select.getHaving() != null || select.getOrderList() != null
                || select.getFetch() != null || select.getOffset() != null || select.isDistinct() || select.getWindowList().size() > 0
                || select.getQualify() != null || select.hasHints() || !(select.getFrom() instanceof SqlIdentifier from) || from.names.size() > 2
                || !(select.getWhere() instanceof SqlBasicCall where) || where.getKind() != SqlKind.EQUALS) {
            return Optional.empty();
        }
        List<Name> selectList = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            if (item instanceof SqlIdentifier identifier && identifier.isStar() && identifier.names.size() == 1 && select.getSelectList().size() == 1) {
                break;
            }
            Optional<Name> column = columnName(item);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            selectList.add(column.get());
        }
        Optional<Name> database = from.names.size() == 2 ? Optional.of(new Name(from.names.get(0), from.isComponentQuoted(0))) : Optional.empty();
        Name table = new Name(from.names.get(from.names.size() - 1), from.isComponentQuoted(from.names.size() - 1));
        SqlNode left = where.operand(0);
        SqlNode right = where.operand(1);
        Optional<Name> keyColumn = columnName(left);
        Optional<Object> key = literal(right);
        if (keyColumn.isEmpty()) {
            keyColumn = columnName(right);
            key = literal(left);
        }
        if (keyColumn.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PointSelectStatement(new PointSelectStatement.Shape(selectList, database, table, keyColumn.get()), key.get()));
    }

    private static Optional<Name> columnName(SqlNode node)
    {
        if (!(node instanceof SqlIdentifier identifier) || !identifier.isSimple() || identifier.getSimple().isEmpty()) {
            return Optional.empty();
        }
        boolean quoted = identifier.isComponentQuoted(0);
        if (!quoted && SqlWords.isNiladicFunction(identifier.getSimple())) {
            // the validator calls current_date and its kind even when a column has the name
            return Optional.empty();
        }
        return Optional.of(new Name(identifier.getSimple(), quoted));
    }

    private static Optional<Object> literal(SqlNode node)
    {
        if (node instanceof SqlNumericLiteral number && number.isInteger()) {
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return Optional.empty();
            }
            return Optional.of(value.longValueExact());
        }
        if (node instanceof SqlCharStringLiteral string) {
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

    /** The one row found, or none. */
    private final class OneRow
            implements MysqlRowSource
    {
        private Object[] row;

        private OneRow(Object[] row)
        {
            this.row = row;
        }

        @Override
        public boolean nextRow(MysqlRowWriter writer)
        {
            Object[] values = row;
            if (values == null) {
                return false;
            }
            row = null;
            for (int i = 0; i < outputs.length; i++) {
                Object value = values[outputs[i]];
                if (value == null) {
                    writer.writeNull();
                }
                else if (value instanceof Long number && outputTypes[i].isInteger()) {
                    writer.writeLong(number);
                }
                else {
                    writer.writeString(text(outputTypes[i], value));
                }
            }
            return true;
        }
    }
}
