package io.sluice.server.calcite;

import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlType;
import io.sluice.sql.parser.CalciteDefaults;
import io.sluice.sql.parser.IntegerCastTypes;
import io.sluice.sql.parser.SqlSyntaxException;
import io.sluice.storage.Storage;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.util.TryThreadLocal;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Runs SELECT statements through Calcite over the Sluice catalog, one Calcite connection per session.
 * Calcite parses with our grammar and MySQL-like lexical rules (backticks, single- or double-quoted strings); rules
 * push filters, projections, aggregations, sorts and limits into the storage executor (see {@link SluiceTableScan}).
 * A statement is planned and compiled once per (current database, SQL text, catalog version) and then re-executed,
 * reading the data current at each execution: one version of each table for the whole execution
 * ({@link StatementSnapshots}), and the session's time zone as it is then (NOW(), FROM_UNIXTIME()...).
 */
public final class CalciteQueryEngine
        implements AutoCloseable
{
    static {
        CalciteDefaults.apply();
    }

    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found(?: within '([^']*)')?");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found in (?:any table|table '[^']*')");
    private static final Pattern FUNCTION_NOT_FOUND = Pattern.compile("No match found for function signature ([A-Za-z0-9_]+)\\(");

    /**
     * MySQL's semantics where Calcite's connection properties set them: AVG/SUM result types and DECIMAL rounding
     * ({@link SluiceTypeSystem}), and NULLs sorting first in ascending order.
     */
    private static final String CONNECT_URL = "jdbc:calcite:typeSystem=" + SluiceTypeSystem.class.getName() + "#INSTANCE;defaultNullCollation=LOW";
    private static final int PLAN_CACHE_CAPACITY = 256;
    /** The connection property Calcite reads the time zone of each execution's DataContext from. */
    private static final String TIME_ZONE_PROPERTY = "timeZone";

    private final Storage storage;
    private final Supplier<ZoneId> timeZone;
    private final StatementSnapshots snapshots;
    private final CalciteConnection connection;
    private final Set<String> registeredDatabases = new HashSet<>();
    private final PlanCache plans = new PlanCache(PLAN_CACHE_CAPACITY);
    private long syncedCatalogVersion = Long.MIN_VALUE;
    private String connectionTimeZone;

    /** An engine whose queries use the JVM's time zone. */
    public CalciteQueryEngine(Storage storage)
    {
        this(storage, ZoneId::systemDefault);
    }

    /**
     * @param timeZone the session's time zone, read at each execution (a SET time_zone applies to cached plans too)
     */
    public CalciteQueryEngine(Storage storage, Supplier<ZoneId> timeZone)
    {
        this(storage, timeZone, () -> false);
    }

    /**
     * @param cancelled read while a statement runs (per page scanned and per row read from a table): once true, the
     * statement fails with error 1317 (KILL QUERY)
     */
    public CalciteQueryEngine(Storage storage, Supplier<ZoneId> timeZone, BooleanSupplier cancelled)
    {
        this(storage, timeZone, StatementSnapshots.Source.of(storage), cancelled);
    }

    /** With the source of table snapshots given (tests use it to commit between two scans of a statement). */
    CalciteQueryEngine(Storage storage, Supplier<ZoneId> timeZone, StatementSnapshots.Source snapshotSource)
    {
        this(storage, timeZone, snapshotSource, () -> false);
    }

    private CalciteQueryEngine(Storage storage, Supplier<ZoneId> timeZone, StatementSnapshots.Source snapshotSource, BooleanSupplier cancelled)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.timeZone = requireNonNull(timeZone, "timeZone is null");
        this.snapshots = new StatementSnapshots(snapshotSource, cancelled);
        Properties properties = new Properties();
        properties.setProperty("lex", "BIG_QUERY");
        properties.setProperty("parserFactory", "io.sluice.server.calcite.SluiceFunctions#PARSER_FACTORY");
        properties.setProperty("conformance", "MYSQL_5");
        properties.setProperty("fun", "standard,mysql");
        properties.setProperty("caseSensitive", "false");
        try {
            Connection jdbc = DriverManager.getConnection(CONNECT_URL, properties);
            this.connection = jdbc.unwrap(CalciteConnection.class);
        }
        catch (SQLException e) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Cannot start the query engine: " + e.getMessage(), e);
        }
    }

    public QueryResult execute(String sql, String currentDatabase)
    {
        try {
            long catalogVersion = storage.catalogVersion();
            if (catalogVersion != syncedCatalogVersion) {
                // a new database is a catalog change: no need to list them for every statement
                syncDatabases();
                syncedCatalogVersion = catalogVersion;
            }
            useTimeZone(timeZone.get());
            Optional<PreparedQuery> cached = plans.get(currentDatabase, sql, catalogVersion);
            if (cached.isPresent()) {
                return execute(cached.get());
            }
            PreparedQuery query = prepare(sql, currentDatabase);
            QueryResult result;
            try {
                result = execute(query);
            }
            catch (SQLException | RuntimeException | LinkageError e) {
                // only plans that ran are cached: one whose generated class failed to initialize would fail forever
                query.close();
                throw e;
            }
            if (!plans.put(currentDatabase, sql, catalogVersion, query)) {
                query.close();
            }
            return result;
        }
        catch (SQLException | RuntimeException e) {
            throw translate(e, currentDatabase);
        }
        catch (ExceptionInInitializerError | StackOverflowError e) {
            // Calcite folds constants into a static initializer of the generated code, so a conversion that fails
            // there ('none' > 1) surfaces as an Error; it is the statement's error, as when it fails row by row. A
            // statement nested deeper than the stack (in a shuttle of ours, not wrapped by Calcite) is one too.
            throw translate(e, currentDatabase);
        }
    }

    private QueryResult execute(PreparedQuery query)
            throws SQLException
    {
        // the whole result is read here, so every scan of the statement runs between begin and end
        snapshots.begin();
        try (ResultSet resultSet = query.statement().executeQuery()) {
            return materialize(query, resultSet);
        }
        finally {
            snapshots.end();
        }
    }

    /**
     * Calcite builds each execution's DataContext (its clock and TIME_ZONE, which {@link SluiceFunctions} read) from the
     * connection's properties at that moment, so changing the property changes the zone of every later execution,
     * cached plans included.
     */
    private void useTimeZone(ZoneId zone)
    {
        // TimeZone, not ZoneId, ids: "GMT+08:00" for an offset, which TimeZone.getTimeZone(String) reads back
        String id = TimeZone.getTimeZone(zone).getID();
        if (!id.equals(connectionTimeZone)) {
            connection.getProperties().setProperty(TIME_ZONE_PROPERTY, id);
            connectionTimeZone = id;
        }
    }

    /** Parses, validates, plans and compiles a statement once, for execution any number of times. */
    private PreparedQuery prepare(String sql, String currentDatabase)
            throws SQLException
    {
        connection.setSchema(currentDatabase);
        PreparedStatement statement;
        // An IN list of any length stays one predicate (a SEARCH the scan evaluates), never a join with generated
        // VALUES: 20,000 values would not fit the 64 KB of a generated method.
        try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
            statement = connection.prepareStatement(withoutTrailingSemicolons(IntegerCastTypes.normalize(sql)));
        }
        try {
            return describe(statement);
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Our parser accepts {@code select 1;} as one statement; Calcite's statement parser does not. */
    static String withoutTrailingSemicolons(String sql)
    {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        return sql.substring(0, end);
    }

    /** Plans cached for this session (for tests). */
    int cachedPlanCount()
    {
        return plans.size();
    }

    /** Adds a schema beside the databases (information_schema); a database of the same name never replaces it. */
    public void addSchema(String name, Schema schema)
    {
        registeredDatabases.add(name);
        connection.getRootSchema().add(name, schema);
    }

    private void syncDatabases()
    {
        SchemaPlus root = connection.getRootSchema();
        for (String database : storage.databaseNames()) {
            if (registeredDatabases.add(database)) {
                SchemaPlus schema = root.add(database, new DatabaseSchema(storage, snapshots, database));
                schema.setCacheEnabled(false);
            }
        }
    }

    private static PreparedQuery describe(PreparedStatement statement)
            throws SQLException
    {
        ResultSetMetaData metadata = statement.getMetaData();
        int columnCount = metadata.getColumnCount();
        List<MysqlColumn> columns = new ArrayList<>(columnCount);
        int[] types = new int[columnCount];
        for (int i = 0; i < columnCount; i++) {
            types[i] = metadata.getColumnType(i + 1);
            MysqlColumn column = MysqlColumn.of(metadata.getColumnLabel(i + 1), mysqlType(types[i]));
            String table = metadata.getTableName(i + 1);
            String schema = metadata.getSchemaName(i + 1);
            if (table != null && !table.isEmpty()) {
                column = column.withTable(schema == null ? "" : schema, table);
            }
            if (metadata.isNullable(i + 1) == ResultSetMetaData.columnNoNulls) {
                column = column.notNull();
            }
            columns.add(column);
        }
        return new PreparedQuery(statement, columns, types);
    }

    private static QueryResult materialize(PreparedQuery query, ResultSet resultSet)
            throws SQLException
    {
        int columnCount = query.columns().size();
        List<String[]> rows = new ArrayList<>();
        while (resultSet.next()) {
            String[] row = new String[columnCount];
            for (int i = 0; i < columnCount; i++) {
                row[i] = text(resultSet, i + 1, query.jdbcType(i));
            }
            rows.add(row);
        }
        return new QueryResult(query.columns(), rows);
    }

    private static String text(ResultSet resultSet, int index, int type)
            throws SQLException
    {
        switch (type) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                double value = resultSet.getDouble(index);
                return resultSet.wasNull() ? null : formatDouble(value);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = resultSet.getBigDecimal(index);
                return value == null ? null : value.toPlainString();
            }
            case Types.BOOLEAN -> {
                boolean value = resultSet.getBoolean(index);
                return resultSet.wasNull() ? null : value ? "1" : "0";
            }
            default -> {
                return resultSet.getString(index);
            }
        }
    }

    /** MySQL prints doubles without a trailing ".0": 875, 3.5, 1e20. */
    public static String formatDouble(double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static MysqlType mysqlType(int jdbcType)
    {
        return switch (jdbcType) {
            case Types.BIGINT -> MysqlType.LONGLONG;
            case Types.INTEGER -> MysqlType.LONG;
            case Types.SMALLINT -> MysqlType.SHORT;
            case Types.TINYINT, Types.BOOLEAN -> MysqlType.TINY;
            case Types.DOUBLE -> MysqlType.DOUBLE;
            case Types.FLOAT, Types.REAL -> MysqlType.FLOAT;
            case Types.DECIMAL, Types.NUMERIC -> MysqlType.NEWDECIMAL;
            case Types.DATE -> MysqlType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> MysqlType.DATETIME;
            default -> MysqlType.VAR_STRING;
        };
    }

    /** Calcite's errors as MySQL errors: missing table 1146, missing column 1054, unknown function 1305. */
    private static SluiceException translate(Throwable failure, String currentDatabase)
    {
        // Calcite's parser and shuttles recurse per nesting level; a deep enough statement overflows the stack on the
        // way, and its message is null (seen as "parse failed: null" before)
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return new SluiceException(ErrorCode.SYNTAX_ERROR, new SqlSyntaxException(1, 1, "", "statement is nested too deeply", null).getMessage());
            }
        }
        // an error of ours raised while executing (the storage executor's overflow, a conversion) keeps its code
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SluiceException sluiceException) {
                return sluiceException;
            }
        }
        String message = rootMessage(failure);
        Matcher matcher = OBJECT_NOT_FOUND.matcher(message);
        if (!matcher.find()) {
            matcher = TABLE_NOT_FOUND.matcher(message);
        }
        else if (currentDatabase == null && matcher.group(2) == null) {
            return new SluiceException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        if (matcher.reset().find()) {
            String name = matcher.group(1);
            String qualified = name.contains(".") || currentDatabase == null ? name : currentDatabase + "." + name;
            return new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + qualified + "' doesn't exist");
        }
        matcher = COLUMN_NOT_FOUND.matcher(message);
        if (matcher.find()) {
            return new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + matcher.group(1) + "' in 'field list'");
        }
        matcher = FUNCTION_NOT_FOUND.matcher(message);
        if (matcher.find()) {
            return new SluiceException(ErrorCode.UNKNOWN_FUNCTION, "FUNCTION " + matcher.group(1).toLowerCase() + " does not exist");
        }
        return new SluiceException(ErrorCode.INTERNAL_ERROR, message, failure);
    }

    private static String rootMessage(Throwable failure)
    {
        String message = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !(cause instanceof CalciteContextException)) {
                message = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close()
    {
        plans.close();
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // closing an in-process connection cannot lose anything
        }
    }
}
