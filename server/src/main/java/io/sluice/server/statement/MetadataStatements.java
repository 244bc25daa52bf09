package io.sluice.server.statement;

import io.sluice.server.information.CatalogTables;
import io.sluice.server.information.ColumnDescription;
import io.sluice.server.information.InformationSchema;
import io.sluice.server.information.Visibility;
import io.sluice.server.information.TableStatistics;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlType;
import io.sluice.server.session.SystemVariables;
import io.sluice.sql.ast.SqlShowErrors;
import io.sluice.sql.ast.SqlShowMetadata;
import io.sluice.sql.ast.SqlShowTables;
import io.sluice.sql.ast.SqlShowVariables;
import io.sluice.sql.ast.SqlShowWarnings;
import io.sluice.sql.function.ExpressionException;
import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.sql.function.ScalarExpression;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * MySQL's SHOW statements about the catalog and the session, with MySQL's result columns, as JDBC drivers, the mysql
 * client and BI tools read them: SHOW [FULL] COLUMNS, SHOW [FULL] TABLES, SHOW TABLE STATUS, SHOW INDEX, SHOW CREATE
 * DATABASE, SHOW VARIABLES, SHOW COUNT(*) WARNINGS, SHOW CHARSET / COLLATION / ENGINES. LIKE matches the first column,
 * WHERE is evaluated over the result columns by name.
 */
final class MetadataStatements
{
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Storage storage;
    private final Supplier<String> currentDatabase;
    private final SystemVariables variables;
    private final Visibility visibility;

    /** @param visibility the tables SHOW TABLES and SHOW TABLE STATUS list: those the session's account may see */
    MetadataStatements(Storage storage, Supplier<String> currentDatabase, SystemVariables variables, Visibility visibility)
    {
        this.visibility = requireNonNull(visibility, "visibility is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.currentDatabase = requireNonNull(currentDatabase, "currentDatabase is null");
        this.variables = requireNonNull(variables, "variables is null");
    }

    /** The response, or empty when the statement is not one of these. */
    Optional<MysqlResponse> execute(SqlNode statement)
    {
        if (statement instanceof SqlShowMetadata show) {
            return Optional.of(switch (show.kind()) {
                case COLUMNS -> showColumns(show);
                case TABLE_STATUS -> showTableStatus(show);
                case CREATE_DATABASE -> showCreateDatabase(show);
                case INDEX -> showIndex(show);
                case COUNT_WARNINGS -> count("@@session.warning_count");
                case COUNT_ERRORS -> count("@@session.error_count");
                case CHARSET -> listing(show, List.of("Charset", "Description", "Default collation", "Maxlen"), CatalogTables.CHARACTER_SET_ROWS, 0, 2, 1, 3);
                case COLLATION -> listing(show, List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen", "Pad_attribute"),
                        CatalogTables.COLLATION_ROWS, 0, 1, 2, 3, 4, 5, 6);
                case ENGINES -> listing(show, List.of("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"),
                        CatalogTables.ENGINE_ROWS, 0, 1, 2, 3, 4, 5);
            });
        }
        if (statement instanceof SqlShowTables show) {
            return Optional.of(showTables(show));
        }
        if (statement instanceof SqlShowVariables show) {
            return Optional.of(showVariables(show));
        }
        if (statement instanceof SqlShowWarnings || statement instanceof SqlShowErrors) {
            // statements leave no warnings or notes: errors go to the client with the statement
            return Optional.of(new MysqlResponse.ResultSet(
                    List.of(MysqlColumn.varchar("Level"), MysqlColumn.of("Code", MysqlType.LONG), MysqlColumn.varchar("Message")), List.of()));
        }
        return Optional.empty();
    }

    private String database(String named)
    {
        if (named != null) {
            return named;
        }
        String current = currentDatabase.get();
        if (current == null) {
            throw new SluiceException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        return current;
    }

    private String existingDatabase(String named)
    {
        String database = database(named);
        if (!InformationSchema.isName(database)) {
            storage.requireDatabase(database);
        }
        return database;
    }

    private TableInfo requireTable(String database, String table)
    {
        return storage.table(database, table)
                .orElseThrow(() -> noSuchTable(database, table));
    }

    private static SluiceException noSuchTable(String database, String table)
    {
        return new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + database + "." + table + "' doesn't exist");
    }

    private MysqlResponse showColumns(SqlShowMetadata show)
    {
        String database = existingDatabase(show.databaseName());
        List<Object[]> columns = InformationSchema.isName(database)
                ? CatalogTables.informationColumns(show.objectName())
                : CatalogTables.columns(requireTable(database, show.objectName()));
        if (columns.isEmpty()) {
            throw noSuchTable(database, show.objectName());
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object[] column : columns) {
            // information_schema.COLUMNS positions: 3 name, 5 default, 6 nullable, 14 collation, 15 type, 16 key, 17 extra,
            // 18 privileges, 19 comment
            rows.add(show.full()
                    ? new Object[] {column[3], column[15], column[14], column[6], column[16], column[5], column[17], column[18], column[19]}
                    : new Object[] {column[3], column[15], column[6], column[16], column[5], column[17]});
        }
        List<String> names = show.full()
                ? List.of("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment")
                : List.of("Field", "Type", "Null", "Key", "Default", "Extra");
        return result(names, 0, rows, show.likePattern(), show.where());
    }

    private MysqlResponse showTables(SqlShowTables show)
    {
        String database = existingDatabase(show.databaseName());
        List<Object[]> rows = new ArrayList<>();
        if (InformationSchema.isName(database)) {
            for (String name : InformationSchema.tableNames()) {
                rows.add(new Object[] {name, "SYSTEM VIEW"});
            }
        }
        else {
            for (TableInfo table : storage.tables(database)) {
                if (visibility.seesTable(database, table.name())) {
                    rows.add(new Object[] {table.name(), "BASE TABLE"});
                }
            }
        }
        String first = "Tables_in_" + database;
        if (!show.full()) {
            List<Object[]> names = new ArrayList<>();
            rows.forEach(row -> names.add(new Object[] {row[0]}));
            return result(List.of(first), 0, names, show.likePattern(), show.where());
        }
        return result(List.of(first, "Table_type"), 0, rows, show.likePattern(), show.where());
    }

    private MysqlResponse showTableStatus(SqlShowMetadata show)
    {
        String database = existingDatabase(show.databaseName());
        List<Object[]> rows = new ArrayList<>();
        if (InformationSchema.isName(database)) {
            for (String name : InformationSchema.tableNames()) {
                rows.add(new Object[] {name, null, 10L, null, null, null, null, null, null, null, null, null, null, null,
                        ColumnDescription.COLLATION, null, "", ""});
            }
        }
        else {
            ZoneId zone = variables.timeZone();
            for (TableInfo table : storage.tables(database)) {
                if (!visibility.seesTable(database, table.name())) {
                    continue;
                }
                TableStatistics statistics = TableStatistics.of(storage, table);
                rows.add(new Object[] {table.name(), CatalogTables.ENGINE, 10L, "Dynamic", statistics.rows(), statistics.averageRowLength(),
                        statistics.dataBytes(), 0L, statistics.indexBytes(), 0L, null,
                        DATE_TIME.format(Instant.ofEpochMilli(table.createTimeMillis()).atZone(zone)), null, null,
                        ColumnDescription.COLLATION, null, CatalogTables.createOptions(table), ""});
            }
        }
        List<String> names = List.of("Name", "Engine", "Version", "Row_format", "Rows", "Avg_row_length", "Data_length", "Max_data_length",
                "Index_length", "Data_free", "Auto_increment", "Create_time", "Update_time", "Check_time", "Collation", "Checksum",
                "Create_options", "Comment");
        return result(names, 0, rows, show.likePattern(), show.where());
    }

    private MysqlResponse showCreateDatabase(SqlShowMetadata show)
    {
        String database = show.objectName();
        if (!InformationSchema.isName(database)) {
            storage.requireDatabase(database);
        }
        String text = "CREATE DATABASE " + (show.full() ? "IF NOT EXISTS " : "") + "`" + database.replace("`", "``") + "`";
        return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("Database").notNull(), MysqlColumn.varchar("Create Database").notNull()),
                List.<String[]>of(new String[] {database, text}));
    }

    private MysqlResponse showIndex(SqlShowMetadata show)
    {
        String database = existingDatabase(show.databaseName());
        List<Object[]> rows = new ArrayList<>();
        if (!InformationSchema.isName(database)) {
            for (Object[] statistic : CatalogTables.statistics(storage, requireTable(database, show.objectName()))) {
                // information_schema.STATISTICS from TABLE_NAME on, less INDEX_SCHEMA
                rows.add(new Object[] {statistic[2], statistic[3], statistic[5], statistic[6], statistic[7], statistic[8], statistic[9],
                        statistic[10], statistic[11], statistic[12], statistic[13], statistic[14], statistic[15], statistic[16], statistic[17]});
            }
        }
        else if (CatalogTables.informationColumns(show.objectName()).isEmpty()) {
            throw noSuchTable(database, show.objectName());
        }
        List<String> names = List.of("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation", "Cardinality", "Sub_part",
                "Packed", "Null", "Index_type", "Comment", "Index_comment", "Visible", "Expression");
        return result(names, 0, rows, null, show.where());
    }

    private static MysqlResponse count(String name)
    {
        return new MysqlResponse.ResultSet(List.of(MysqlColumn.bigint(name).notNull()), List.<String[]>of(new String[] {"0"}));
    }

    /** A fixed listing whose columns are the given positions of the information_schema rows. */
    private MysqlResponse listing(SqlShowMetadata show, List<String> names, List<Object[]> source, int... positions)
    {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : source) {
            Object[] shown = new Object[positions.length];
            for (int i = 0; i < positions.length; i++) {
                shown[i] = row[positions[i]];
            }
            rows.add(shown);
        }
        return result(names, 0, rows, show.likePattern(), show.where());
    }

    private MysqlResponse showVariables(SqlShowVariables show)
    {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Object> entry : new TreeMap<>(variables.all()).entrySet()) {
            rows.add(new Object[] {entry.getKey(), ConstantExpressions.text(entry.getValue())});
        }
        return result(List.of("Variable_name", "Value"), 0, rows, show.likePattern(), show.where());
    }

    /**
     * The rows that match LIKE (on the column at {@code likeColumn}) and WHERE (over every column by name); Long values
     * make BIGINT columns, everything else VARCHAR.
     */
    private MysqlResponse result(List<String> names, int likeColumn, List<Object[]> rows, String likePattern, SqlNode where)
    {
        Pattern like = likePattern == null ? null : SluiceSession.likePattern(likePattern);
        ScalarExpression filter = where == null ? null : compileFilter(where, names);
        List<String[]> shown = new ArrayList<>();
        boolean[] numeric = new boolean[names.size()];
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                numeric[i] |= row[i] instanceof Long;
            }
        }
        for (Object[] row : rows) {
            if (like != null && (row[likeColumn] == null || !like.matcher(row[likeColumn].toString()).matches())) {
                continue;
            }
            if (filter != null && !Boolean.TRUE.equals(filter.evaluate(row))) {
                continue;
            }
            String[] text = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                text[i] = ConstantExpressions.text(row[i]);
            }
            shown.add(text);
        }
        List<MysqlColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(numeric[i] ? MysqlColumn.bigint(names.get(i)) : MysqlColumn.varchar(names.get(i)));
        }
        return new MysqlResponse.ResultSet(columns, shown);
    }

    private static int indexOfIgnoreCase(List<String> names, String name)
    {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private ScalarExpression compileFilter(SqlNode where, List<String> names)
    {
        // `column [NOT] LIKE 'pattern'`, the WHERE tools write most, is matched here: the interpreter has no LIKE
        if (where instanceof SqlBasicCall call && call.getKind() == SqlKind.LIKE && call.operandCount() == 2
                && call.operand(0) instanceof SqlIdentifier identifier && identifier.isSimple()
                && call.operand(1) instanceof SqlCharStringLiteral literal) {
            int column = indexOfIgnoreCase(names, identifier.getSimple());
            if (column < 0) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + identifier.getSimple() + "' in 'where clause'");
            }
            Pattern pattern = SluiceSession.likePattern(literal.getValueAs(String.class));
            boolean negated = call.getOperator().getName().toUpperCase(Locale.ROOT).startsWith("NOT");
            return row -> row[column] != null && pattern.matcher(row[column].toString()).matches() != negated;
        }
        try {
            return ExpressionInterpreter.compile(where, names, variables.timeZone());
        }
        catch (ExpressionException e) {
            if (e.kind() == ExpressionException.Kind.UNKNOWN_COLUMN) {
                throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column in 'where clause': " + where);
            }
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "This WHERE condition of SHOW is not supported: " + where);
        }
    }
}
