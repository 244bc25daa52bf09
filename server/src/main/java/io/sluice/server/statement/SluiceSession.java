package io.sluice.server.statement;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.kafka.KafkaOffsetResolver;
import io.sluice.server.access.AccessControl;
import io.sluice.server.calcite.CalciteQueryEngine;
import io.sluice.server.calcite.QueryResult;
import io.sluice.server.information.CatalogTables;
import io.sluice.server.information.InformationSchema;
import io.sluice.server.information.Visibility;
import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlSession;
import io.sluice.server.mysql.MysqlType;
import io.sluice.server.session.SystemVariables;
import io.sluice.sql.ast.ColumnPosition;
import io.sluice.sql.ast.SqlAccountStatement;
import io.sluice.sql.ast.UserAccount;
import io.sluice.sql.ast.SqlAddColumns;
import io.sluice.sql.ast.SqlAlterTable;
import io.sluice.sql.ast.SqlAlterTableClause;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlCreateDatabase;
import io.sluice.sql.ast.SqlCreateTable;
import io.sluice.sql.ast.SqlDescribeTable;
import io.sluice.sql.ast.SqlDropColumn;
import io.sluice.sql.ast.SqlDropDatabase;
import io.sluice.sql.ast.SqlDropTable;
import io.sluice.sql.ast.SqlModifyColumn;
import io.sluice.sql.ast.SqlSetVariables;
import io.sluice.sql.ast.SqlShowCreateTable;
import io.sluice.sql.ast.SqlShowDatabases;
import io.sluice.sql.ast.SqlShowTables;
import io.sluice.sql.ast.SqlShowVariables;
import io.sluice.sql.ast.SqlShowWarnings;
import io.sluice.sql.ast.SqlTruncateTable;
import io.sluice.sql.ast.SqlUseDatabase;
import io.sluice.sql.ast.SqlVariableAssignment;
import io.sluice.sql.ast.VariableScope;
import io.sluice.sql.function.ExpressionInterpreter;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.SqlSyntaxException;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * One client connection's session: parses each statement with our grammar and runs it against storage, the
 * routine load manager or Calcite. Errors become MySQL error packets with the right code and SQLSTATE.
 */
public final class SluiceSession
        implements MysqlSession
{
    private static final Logger log = LoggerFactory.getLogger(SluiceSession.class);

    private final Storage storage;
    private final RoutineLoadManager routineLoads;
    private final ConnectionInfo connection;
    private final SystemVariables variables = new SystemVariables();
    private final ConstantExpressions constants;
    private final PointSelectShortcut pointSelects;
    private String currentDatabase;
    private CalciteQueryEngine queryEngine;
    private final RoutineLoadStatements routineLoadStatements;
    // empty: a trusted session (tests, tools) that every statement is allowed to
    private final Optional<StatementPrivileges> privileges;
    private final ProcessStatements processStatements;
    // Set by KILL QUERY from another connection's thread; read by the running statement's scans.
    private volatile boolean cancelled;
    private final MetadataStatements metadataStatements;

    public SluiceSession(Storage storage, RoutineLoadManager routineLoads, ConnectionInfo connection)
    {
        this(storage, routineLoads, connection, Optional.empty());
    }

    /** A session of an authenticated connection: the statements run with the privileges of its account. */
    public SluiceSession(Storage storage, RoutineLoadManager routineLoads, ConnectionInfo connection, Optional<AccessControl> access)
    {
        this.privileges = access.map(control -> new StatementPrivileges(control,
                control.account(connection.user(), connection.clientAddress()).orElse(new UserAccount(connection.user(), "%")),
                routineLoads, this::database));
        this.storage = requireNonNull(storage, "storage is null");
        this.routineLoads = requireNonNull(routineLoads, "routineLoads is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.constants = new ConstantExpressions(variables, () -> currentDatabase, connection.user(), connection.clientAddress(), connection.connectionId());
        this.pointSelects = new PointSelectShortcut(storage);
        this.metadataStatements = new MetadataStatements(storage, () -> currentDatabase, variables, visibility());
        this.routineLoadStatements = new RoutineLoadStatements(storage, routineLoads, this::database, connection.user(),
                privileges.map(checks -> checks.account().user() + "@" + checks.account().host()).orElse(""),
                job -> visibility().seesJob(job),
                () -> "SYSTEM".equalsIgnoreCase(String.valueOf(variables.get("time_zone"))) ? Optional.empty() : Optional.of(variables.timeZone().getId()),
                new KafkaOffsetResolver());
        if (connection.database() != null && !connection.database().isEmpty()) {
            if (!InformationSchema.isName(connection.database())) {
                storage.requireDatabase(connection.database());
                privileges.ifPresent(checks -> checks.check(new SqlUseDatabase(SqlParserPos.ZERO, new SqlIdentifier(connection.database(), SqlParserPos.ZERO))));
            }
            currentDatabase = connection.database();
        }
        this.processStatements = new ProcessStatements(connection.server(),
                user -> privileges.isEmpty() || privileges.get().access().isAdministrator(privileges.get().account()) || user.equals(connection.user()));
        useServerGlobals();
    }

    /** The protocol's global variables (max_connections, wait_timeout...) as this session's initial values. */
    private void useServerGlobals()
    {
        connection.server().globalVariables().forEach(variables::set);
    }

    /**
     * SET of a variable the protocol layer enforces: GLOBAL goes to the server (later connections see it); the
     * global-only ones cannot be set for the session. Returns whether the assignment was handled here.
     */
    private boolean setServerVariable(SqlVariableAssignment assignment, Object value)
    {
        String name = SystemVariables.normalize(assignment.name());
        if (connection.server().globalVariable(name).isEmpty()) {
            return false;
        }
        // Like MySQL these have a session value too; the protocol layer enforces net_read_timeout's global value.
        boolean globalOnly = !name.equals("wait_timeout") && !name.equals("net_read_timeout");
        if (assignment.scope() != VariableScope.GLOBAL) {
            if (globalOnly) {
                throw new SluiceException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, name.equals("max_allowed_packet")
                        ? "SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value"
                        : "Variable '" + name + "' is a GLOBAL variable and should be set with SET GLOBAL");
            }
            return false;
        }
        long number;
        try {
            number = value == null ? connection.server().globalVariable(name).getAsLong() : Long.parseLong(String.valueOf(value).trim());
        }
        catch (NumberFormatException e) {
            throw new SluiceException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, "Variable '" + name + "' can't be set to the value of '" + value + "'");
        }
        try {
            connection.server().setGlobalVariable(name, number);
        }
        catch (io.sluice.server.mysql.MysqlException e) {
            throw new SluiceException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, e.getMessage());
        }
        if (globalOnly) {
            variables.set(name, number);
        }
        return true;
    }

    @Override
    public MysqlResponse query(String sql)
    {
        cancelled = false;
        try {
            Optional<MysqlResponse> process = processStatements.tryAnswer(sql);
            if (process.isPresent()) {
                return process.get();
            }
            // point selects skip the parser: they are the hot path of serving lookups
            // the shortcut does not know the tables: only for sessions that may read every table
            Optional<MysqlResponse> point = privileges.isEmpty() || privileges.get().unrestricted() ? pointSelects.tryAnswer(sql, currentDatabase) : Optional.empty();
            if (point.isPresent()) {
                return point.get();
            }
            SqlNode statement = SluiceSqlParser.parse(sql);
            return execute(statement, sql);
        }
        catch (SqlSyntaxException e) {
            return error(ErrorCode.SYNTAX_ERROR, SecretRedaction.syntaxErrorMessage(sql, e));
        }
        catch (SluiceException e) {
            if (e.errorCode() == ErrorCode.INTERNAL_ERROR || e.errorCode() == ErrorCode.STORAGE_IO_ERROR) {
                log.warn("Statement failed: {}", SecretRedaction.redact(sql), e);
            }
            return error(e.errorCode(), e.getMessage());
        }
    }

    private static MysqlResponse error(ErrorCode code, String message)
    {
        return MysqlResponse.error(code.mysqlCode(), code.sqlState(), message);
    }

    private MysqlResponse execute(SqlNode statement, String sql)
    {
        privileges.ifPresent(checks -> checks.check(statement));
        if (statement instanceof SqlAccountStatement account) {
            StatementPrivileges checks = privileges.orElseThrow(() -> new SluiceException(ErrorCode.NOT_SUPPORTED, "Accounts are managed only through the server's connections"));
            return new AccountStatements(checks.access(), checks.account()).execute(account, currentDatabase);
        }
        Optional<MysqlResponse> metadata = metadataStatements.execute(statement);
        if (metadata.isPresent()) {
            return metadata.get();
        }
        if (statement instanceof SqlCreateDatabase create) {
            if (InformationSchema.isName(create.databaseName())) {
                if (!create.ifNotExists()) {
                    throw new SluiceException(ErrorCode.DATABASE_CREATE_EXISTS, "Can't create database '" + create.databaseName() + "'; database exists");
                }
                return MysqlResponse.ok();
            }
            storage.createDatabase(create.databaseName(), create.ifNotExists());
            return MysqlResponse.ok(1);
        }
        if (statement instanceof SqlDropDatabase drop) {
            storage.dropDatabase(drop.databaseName(), drop.ifExists());
            routineLoads.databaseDropped(drop.databaseName());
            if (drop.databaseName().equals(currentDatabase)) {
                currentDatabase = null;
            }
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlUseDatabase use) {
            return initDatabase(use.databaseName());
        }
        if (statement instanceof SqlCreateTable create) {
            String database = database(create.databaseName());
            storage.createTable(database, create.tableName(), TableDefinitions.schema(create), create.ifNotExists());
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlDropTable drop) {
            storage.dropTable(database(drop.databaseName()), drop.tableName(), drop.ifExists())
                    .ifPresent(table -> routineLoads.tableDropped(table.id()));
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlAlterTable alter) {
            alterTable(alter);
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlTruncateTable truncate) {
            TableInfo table = requireTable(truncate.databaseName(), truncate.tableName());
            storage.truncateTable(table.databaseName(), table.name());
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlInsert insert) {
            TableInfo table = targetTable(insert.getTargetTable());
            return MysqlResponse.ok(writes().insert(insert, table, currentDatabase));
        }
        if (statement instanceof SqlUpdate update) {
            TableInfo table = targetTable(update.getTargetTable());
            return MysqlResponse.ok(writes().update(update, table, currentDatabase));
        }
        if (statement instanceof SqlDelete delete) {
            TableInfo table = targetTable(delete.getTargetTable());
            return MysqlResponse.ok(writes().delete(delete, table, currentDatabase));
        }
        if (statement instanceof SqlShowCreateTable show) {
            TableInfo table = requireTable(show.databaseName(), show.tableName());
            return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("Table"), MysqlColumn.varchar("Create Table")),
                    List.<String[]>of(new String[] {table.name(), ShowCreateTable.render(table)}));
        }
        if (statement instanceof SqlShowDatabases show) {
            List<String> visible = new ArrayList<>();
            // information_schema too, which every user sees, as in MySQL and StarRocks
            for (String name : CatalogTables.databaseNames(storage)) {
                if (privileges.isEmpty() || privileges.get().seesDatabase(name)) {
                    visible.add(name);
                }
            }
            return singleColumn("Database", filter(visible, show.likePattern()));
        }
        if (statement instanceof SqlShowTables show) {
            String database = database(show.databaseName());
            if (InformationSchema.isName(database)) {
                return singleColumn("Tables_in_" + database, filter(InformationSchema.tableNames(), show.likePattern()));
            }
            storage.requireDatabase(database);
            List<String> names = new ArrayList<>();
            for (TableInfo table : storage.tables(database)) {
                if (privileges.isEmpty() || privileges.get().seesTable(database, table.name())) {
                    names.add(table.name());
                }
            }
            return singleColumn("Tables_in_" + database, filter(names, show.likePattern()));
        }
        if (statement instanceof SqlDescribeTable describe) {
            return describe(requireTable(describe.databaseName(), describe.tableName()));
        }
        if (statement instanceof SqlShowVariables show) {
            return showVariables(show.likePattern());
        }
        if (statement instanceof SqlShowWarnings) {
            return new MysqlResponse.ResultSet(
                    List.of(MysqlColumn.varchar("Level"), MysqlColumn.of("Code", MysqlType.LONG), MysqlColumn.varchar("Message")), List.of());
        }
        if (statement instanceof SqlSetVariables set) {
            return setVariables(set);
        }
        Optional<MysqlResponse> routineLoad = routineLoadStatements.execute(statement, sql);
        if (routineLoad.isPresent()) {
            return routineLoad.get();
        }
        if (statement.getKind() == SqlKind.SELECT || statement.getKind() == SqlKind.ORDER_BY || statement.isA(SqlKind.QUERY)) {
            return select(statement, sql);
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "This statement is not supported yet: " + firstWords(sql));
    }

    private static String firstWords(String sql)
    {
        String trimmed = sql.strip();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "...";
    }

    /** The database a statement names, or the current one; error 1046 when there is neither. */
    private String database(String named)
    {
        if (named != null) {
            return named;
        }
        if (currentDatabase == null) {
            throw new SluiceException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        return currentDatabase;
    }

    private TableInfo targetTable(SqlNode target)
    {
        if (!(target instanceof SqlIdentifier identifier) || identifier.names.size() > 2) {
            throw new SluiceException(ErrorCode.NOT_SUPPORTED, "The target of a write must be a table name");
        }
        return identifier.names.size() == 2
                ? requireTable(identifier.names.get(0), identifier.names.get(1))
                : requireTable(null, identifier.getSimple());
    }

    private WriteStatements writes()
    {
        return new WriteStatements(storage, (sql, database) -> queryEngine().execute(sql, database), variables.timeZone());
    }

    private void alterTable(SqlAlterTable alter)
    {
        TableInfo table = requireTable(alter.databaseName(), alter.tableName());
        String database = table.databaseName();
        for (SqlAlterTableClause clause : alter.clauses()) {
            if (clause instanceof SqlAddColumns add) {
                Optional<String> after = switch (add.columnPosition().kind()) {
                    case DEFAULT -> Optional.empty();
                    case AFTER -> Optional.of(add.columnPosition().afterColumn());
                    case FIRST -> throw new SluiceException(ErrorCode.NOT_SUPPORTED, "A value column cannot come FIRST: key columns lead the table");
                };
                for (SqlColumnDefinition definition : add.columns()) {
                    ColumnSchema column = TableDefinitions.valueColumn(definition, table.schema().keyModel());
                    storage.addColumn(database, table.name(), column, after);
                    if (after.isPresent()) {
                        after = Optional.of(column.name());
                    }
                }
            }
            else if (clause instanceof SqlDropColumn drop) {
                storage.dropColumn(database, table.name(), drop.columnName());
            }
            else if (clause instanceof SqlModifyColumn modify) {
                if (modify.columnPosition().kind() != ColumnPosition.Kind.DEFAULT) {
                    throw new SluiceException(ErrorCode.NOT_SUPPORTED, "MODIFY COLUMN cannot move a column");
                }
                storage.modifyColumn(database, table.name(), TableDefinitions.valueColumn(modify.column(), table.schema().keyModel()));
            }
            else {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "This ALTER TABLE clause is not supported: " + clause);
            }
        }
    }

    private TableInfo requireTable(String databaseName, String tableName)
    {
        String database = database(databaseName);
        storage.requireDatabase(database);
        return storage.table(database, tableName)
                .orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table '" + database + "." + tableName + "' doesn't exist"));
    }

    private MysqlResponse select(SqlNode statement, String sql)
    {
        Optional<MysqlResponse> constant = constantSelect(statement, sql);
        if (constant.isPresent()) {
            return constant.get();
        }
        Optional<QueryResult> point = PointLookup.tryAnswer(statement, storage, currentDatabase);
        QueryResult result = point.isPresent() ? point.get() : queryEngine().execute(sql, currentDatabase);
        return new MysqlResponse.ResultSet(columnNamesAsWritten(statement, sql, result.columns()), result.rows());
    }

    /** MySQL names an unaliased select item by its text ("1+1"), a string literal by its value. */
    private static String unaliasedColumnName(String sql, SqlNode item)
    {
        if (item instanceof SqlCharStringLiteral literal) {
            return literal.getValueAs(String.class);
        }
        return ConstantExpressions.sourceText(sql, item);
    }

    /** Calcite names unaliased expressions EXPR$n; MySQL clients expect the names MySQL gives them. */
    private static List<MysqlColumn> columnNamesAsWritten(SqlNode statement, String sql, List<MysqlColumn> columns)
    {
        SqlNode query = statement instanceof SqlOrderBy orderBy ? orderBy.query : statement;
        if (!(query instanceof SqlSelect select) || select.getSelectList().size() != columns.size()) {
            return columns;
        }
        List<MysqlColumn> renamed = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            MysqlColumn column = columns.get(i);
            if (column.name().startsWith("EXPR$")) {
                String name = unaliasedColumnName(sql, select.getSelectList().get(i));
                column = new MysqlColumn(column.database(), column.table(), name, column.type(), column.length(), column.decimals(), column.flags(), column.charset());
            }
            renamed.add(column);
        }
        return renamed;
    }

    /** SELECTs without FROM made only of constants: answered without the planner (client connect queries). */
    /**
     * A FROM-less expression evaluated by the function library SELECT shares with loads (same results), so
     * {@code select 1000 + 1} costs microseconds instead of a Calcite plan; anything it cannot evaluate goes to Calcite.
     */
    private Object libraryConstant(SqlNode expression)
    {
        try {
            Object value = ExpressionInterpreter.compile(expression, List.of(), variables.timeZone()).evaluate(new Object[0]);
            return value instanceof Boolean bool ? (Long) (bool ? 1L : 0L) : value;
        }
        catch (RuntimeException e) {
            return ConstantExpressions.NOT_CONSTANT;
        }
    }

    private Optional<MysqlResponse> constantSelect(SqlNode statement, String sql)
    {
        SqlNode query = statement;
        long limit = Long.MAX_VALUE;
        if (statement instanceof SqlOrderBy orderBy) {
            if (!orderBy.orderList.isEmpty() || orderBy.offset != null || !(orderBy.fetch instanceof SqlNumericLiteral fetch)) {
                return Optional.empty();
            }
            limit = fetch.longValue(true);
            query = orderBy.query;
        }
        if (!(query instanceof SqlSelect select) || select.getFrom() != null || select.getWhere() != null || select.getGroup() != null) {
            return Optional.empty();
        }
        if (select.getFetch() instanceof SqlNumericLiteral fetch) {
            limit = fetch.longValue(true);
        }
        List<MysqlColumn> columns = new ArrayList<>();
        String[] row = new String[select.getSelectList().size()];
        int index = 0;
        for (SqlNode item : select.getSelectList()) {
            String name;
            SqlNode expression = item;
            if (item.getKind() == SqlKind.AS) {
                SqlBasicCall alias = (SqlBasicCall) item;
                expression = alias.operand(0);
                name = alias.operand(1).toString();
            }
            else {
                name = unaliasedColumnName(sql, item);
            }
            Object value = constants.evaluate(expression, false);
            if (value == ConstantExpressions.NOT_CONSTANT) {
                value = libraryConstant(expression);
            }
            if (value == ConstantExpressions.NOT_CONSTANT) {
                return Optional.empty();
            }
            // Typed like the planner types it: clients size and align columns by type and nullability.
            MysqlColumn column = value instanceof Long ? MysqlColumn.bigint(name)
                    : value instanceof BigDecimal ? MysqlColumn.of(name, MysqlType.NEWDECIMAL)
                    : value instanceof Double ? MysqlColumn.of(name, MysqlType.DOUBLE)
                    : MysqlColumn.varchar(name);
            columns.add(value == null ? column : column.notNull());
            row[index++] = ConstantExpressions.text(value);
        }
        List<String[]> rows = new ArrayList<>();
        if (limit > 0) {
            rows.add(row);
        }
        return Optional.of(new MysqlResponse.ResultSet(columns, rows));
    }

    private MysqlResponse setVariables(SqlSetVariables set)
    {
        for (SqlVariableAssignment assignment : set.assignments()) {
            if (assignment.scope() == VariableScope.USER) {
                // User variables are accepted and ignored until queries can read them.
                continue;
            }
            SqlNode value = assignment.value();
            Object evaluated;
            if (value == null || (value instanceof SqlIdentifier identifier && identifier.isSimple()
                    && identifier.getSimple().equalsIgnoreCase("DEFAULT"))) {
                evaluated = null;
            }
            else {
                evaluated = constants.evaluate(value, true);
                if (evaluated == ConstantExpressions.NOT_CONSTANT) {
                    throw new SluiceException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, "Variable '" + assignment.name() + "' can't be set to the value of '" + value + "'");
                }
            }
            if (setServerVariable(assignment, evaluated instanceof BigDecimal decimal ? decimal.toPlainString() : evaluated)) {
                continue;
            }
            variables.set(assignment.name(), evaluated instanceof BigDecimal decimal ? decimal.toPlainString() : evaluated);
        }
        return MysqlResponse.ok();
    }

    private MysqlResponse showVariables(String likePattern)
    {
        List<String[]> rows = new ArrayList<>();
        Pattern pattern = likePattern == null ? null : likePattern(likePattern);
        for (Map.Entry<String, Object> entry : new TreeMap<>(variables.all()).entrySet()) {
            if (pattern == null || pattern.matcher(entry.getKey()).matches()) {
                rows.add(new String[] {entry.getKey(), ConstantExpressions.text(entry.getValue())});
            }
        }
        return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("Variable_name"), MysqlColumn.varchar("Value")), rows);
    }

    private MysqlResponse describe(TableInfo table)
    {
        List<String[]> rows = new ArrayList<>();
        for (ColumnSchema column : table.schema().columns()) {
            rows.add(new String[] {
                    column.name(),
                    column.typeText(),
                    column.nullable() ? "YES" : "NO",
                    column.key() ? "true" : "false",
                    column.defaultValue().orElse(null),
                    column.aggregation() == AggregationFunction.NONE ? "" : column.aggregation().name()});
        }
        List<MysqlColumn> columns = new ArrayList<>();
        for (String name : List.of("Field", "Type", "Null", "Key", "Default", "Extra")) {
            columns.add(MysqlColumn.varchar(name));
        }
        return new MysqlResponse.ResultSet(columns, rows);
    }

    private static MysqlResponse singleColumn(String name, List<String> values)
    {
        List<String[]> rows = new ArrayList<>();
        values.forEach(value -> rows.add(new String[] {value}));
        return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar(name)), rows);
    }

    private static List<String> filter(List<String> names, String likePattern)
    {
        if (likePattern == null) {
            return names;
        }
        Pattern pattern = likePattern(likePattern);
        return names.stream().filter(name -> pattern.matcher(name).matches()).toList();
    }

    /** SQL LIKE (% and _, backslash escapes) as a case-insensitive regular expression. */
    static Pattern likePattern(String like)
    {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char character = like.charAt(i);
            if (character == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            }
            else if (character == '%') {
                regex.append(".*");
            }
            else if (character == '_') {
                regex.append('.');
            }
            else {
                regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private CalciteQueryEngine queryEngine()
    {
        if (queryEngine == null) {
            queryEngine = new CalciteQueryEngine(storage, variables::timeZone, () -> cancelled);
            queryEngine.addSchema(InformationSchema.NAME, new InformationSchema(storage, routineLoads, visibility()));
        }
        return queryEngine;
    }

    /** What the account may see: everything for a trusted session or root. */
    private Visibility visibility()
    {
        return privileges.isEmpty() || privileges.get().unrestricted() ? Visibility.ALL : privileges.get();
    }

    @Override
    public MysqlResponse initDatabase(String database)
    {
        if (!storage.databaseExists(database) && !InformationSchema.isName(database)) {
            return error(ErrorCode.UNKNOWN_DATABASE, "Unknown database '" + database + "'");
        }
        try {
            privileges.ifPresent(checks -> checks.check(new SqlUseDatabase(SqlParserPos.ZERO, new SqlIdentifier(database, SqlParserPos.ZERO))));
        }
        catch (SluiceException e) {
            return error(e.errorCode(), e.getMessage());
        }
        currentDatabase = database;
        return MysqlResponse.ok();
    }

    @Override
    public MysqlResponse fieldList(String table, String wildcard)
    {
        try {
            Pattern pattern = wildcard == null || wildcard.isEmpty() ? null : likePattern(wildcard);
            if (InformationSchema.isName(currentDatabase)) {
                List<MysqlColumn> columns = new ArrayList<>();
                for (String name : InformationSchema.columnNames(table).orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE,
                        "Table '" + currentDatabase + "." + table + "' doesn't exist"))) {
                    if (pattern == null || pattern.matcher(name).matches()) {
                        columns.add(MysqlColumn.varchar(name).withTable(InformationSchema.NAME, table));
                    }
                }
                return new MysqlResponse.FieldList(columns);
            }
            TableInfo info = requireTable(null, table);
            List<MysqlColumn> columns = new ArrayList<>();
            for (ColumnSchema column : info.schema().columns()) {
                if (pattern == null || pattern.matcher(column.name()).matches()) {
                    columns.add(MysqlColumn.varchar(column.name()).withTable(info.databaseName(), info.name()));
                }
            }
            return new MysqlResponse.FieldList(columns);
        }
        catch (SluiceException e) {
            return error(e.errorCode(), e.getMessage());
        }
    }

    @Override
    public String statistics()
    {
        long running = routineLoads.jobs().stream().filter(job -> !job.state().isFinal()).count();
        return "Uptime: " + (ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                + "  Databases: " + storage.databaseNames().size() + "  Routine load jobs: " + running;
    }

    @Override
    public MysqlResponse resetConnection()
    {
        variables.reset();
        useServerGlobals();
        return MysqlResponse.ok();
    }

    @Override
    public void cancel()
    {
        cancelled = true;
    }

    @Override
    public String currentDatabase()
    {
        return currentDatabase;
    }

    @Override
    public long waitTimeoutSeconds()
    {
        return variables.find("wait_timeout").map(value -> value instanceof Long number ? number : 0L).orElse(0L);
    }

    @Override
    public void close()
    {
        if (queryEngine != null) {
            queryEngine.close();
        }
    }
}
