package io.sluice.server.statement;

import io.sluice.loader.job.ColumnMapping;
import io.sluice.loader.job.JobState;
import io.sluice.loader.job.OffsetResolver;
import io.sluice.loader.job.RoutineLoadAlteration;
import io.sluice.loader.job.RoutineLoadDefinition;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.job.RoutineLoadShow;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.sql.ast.SqlAlterRoutineLoad;
import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlLoadColumn;
import io.sluice.sql.ast.SqlLoadProperties;
import io.sluice.sql.ast.SqlPauseRoutineLoad;
import io.sluice.sql.ast.SqlResumeRoutineLoad;
import io.sluice.sql.ast.SqlShowCreateRoutineLoad;
import io.sluice.sql.ast.SqlShowRoutineLoad;
import io.sluice.sql.ast.SqlShowRoutineLoadTask;
import io.sluice.sql.ast.SqlStopRoutineLoad;
import io.sluice.storage.Storage;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The routine load statements of one session: CREATE, ALTER, PAUSE, RESUME, STOP and the three SHOWs, translated
 * between the parser's nodes and the loader's model, with StarRocks' results and messages.
 */
final class RoutineLoadStatements
{
    private final Storage storage;
    private final RoutineLoadManager manager;
    private final UnaryOperator<String> databases;
    private final String user;
    // SHOW ROUTINE LOAD lists only the jobs on tables the session's account may see
    private final Predicate<RoutineLoadJob> visible;
    private final String creator;
    private final Supplier<Optional<String>> sessionTimeZone;
    private final OffsetResolver offsetResolver;

    /**
     * @param databases the database a statement names, or the session's current one (error 1046 when neither)
     * @param sessionTimeZone the session's time_zone when set (not SYSTEM): a job without a timezone property uses it
     */
    /**
     * @param creator the session's account ({@code user@host}) that new jobs load with; empty for a trusted session
     */
    RoutineLoadStatements(Storage storage, RoutineLoadManager manager, UnaryOperator<String> databases, String user, String creator,
            Predicate<RoutineLoadJob> visible, Supplier<Optional<String>> sessionTimeZone, OffsetResolver offsetResolver)
    {
        this.creator = requireNonNull(creator, "creator is null");
        this.visible = requireNonNull(visible, "visible is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.databases = requireNonNull(databases, "databases is null");
        this.user = requireNonNull(user, "user is null");
        this.sessionTimeZone = requireNonNull(sessionTimeZone, "sessionTimeZone is null");
        this.offsetResolver = requireNonNull(offsetResolver, "offsetResolver is null");
    }

    /** Runs a routine load statement; empty when the statement is not one. */
    Optional<MysqlResponse> execute(SqlNode statement, String sql)
    {
        if (statement instanceof SqlCreateRoutineLoad create) {
            manager.create(definition(create, sql, databases.apply(create.databaseName())).withCreator(creator));
            return Optional.of(MysqlResponse.ok());
        }
        if (statement instanceof SqlAlterRoutineLoad alter) {
            if (alter.dataSourceType() != null && !alter.dataSourceType().equalsIgnoreCase("KAFKA")) {
                throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "The specified job type is not: " + alter.dataSourceType());
            }
            manager.alter(databases.apply(alter.databaseName()), alter.jobName(), alteration(alter, sql), offsetResolver);
            return Optional.of(MysqlResponse.ok());
        }
        if (statement instanceof SqlPauseRoutineLoad pause) {
            if (pause.all()) {
                return Optional.of(MysqlResponse.ok(manager.pauseAll(databases.apply(null), user)));
            }
            manager.pause(databases.apply(pause.databaseName()), pause.jobName(), user);
            return Optional.of(MysqlResponse.ok());
        }
        if (statement instanceof SqlResumeRoutineLoad resume) {
            if (resume.all()) {
                return Optional.of(MysqlResponse.ok(manager.resumeAll(databases.apply(null))));
            }
            manager.resume(databases.apply(resume.databaseName()), resume.jobName());
            return Optional.of(MysqlResponse.ok());
        }
        if (statement instanceof SqlStopRoutineLoad stop) {
            manager.stop(databases.apply(stop.databaseName()), stop.jobName(), user);
            return Optional.of(MysqlResponse.ok());
        }
        if (statement instanceof SqlShowRoutineLoad show) {
            String database = databases.apply(show.databaseName() != null ? show.databaseName() : show.fromDatabase());
            storage.requireDatabase(database);
            return Optional.of(resultSet(RoutineLoadShow.COLUMNS, show(show, manager.jobs().stream().filter(visible).toList(), database)));
        }
        if (statement instanceof SqlShowRoutineLoadTask show) {
            return Optional.of(showTasks(show));
        }
        if (statement instanceof SqlShowCreateRoutineLoad show) {
            String database = databases.apply(show.databaseName());
            storage.requireDatabase(database);
            RoutineLoadJob job = manager.job(database, show.jobName())
                    .orElseThrow(() -> new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND, "There is no job named " + show.jobName() + " in db " + database));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {job.definition().name(), RoutineLoadShow.createStatement(job)});
            return Optional.of(resultSet(RoutineLoadShow.CREATE_COLUMNS, rows));
        }
        return Optional.empty();
    }

    RoutineLoadDefinition definition(SqlCreateRoutineLoad statement, String sql, String databaseName)
    {
        Map<String, String> jobProperties = new LinkedHashMap<>(statement.jobProperties());
        Optional<String> timeZone = sessionTimeZone.get();
        if (timeZone.isPresent() && jobProperties.keySet().stream().noneMatch(key -> key.trim().equalsIgnoreCase("timezone"))) {
            // As StarRocks: a job's time zone defaults to the creating session's.
            jobProperties.put("timezone", timeZone.get());
        }
        return new RoutineLoadDefinition(
                databaseName,
                statement.jobName(),
                statement.tableName(),
                columns(statement.columns(), sql),
                Optional.ofNullable(statement.where()).map(node -> ConstantExpressions.sourceText(sql, node)),
                Optional.ofNullable(statement.columnSeparator()),
                Optional.ofNullable(statement.rowDelimiter()),
                statement.partitions(),
                jobProperties,
                statement.dataSourceType(),
                statement.dataSourceProperties());
    }

    private static RoutineLoadAlteration alteration(SqlAlterRoutineLoad statement, String sql)
    {
        SqlLoadProperties load = statement.loadProperties();
        return new RoutineLoadAlteration(
                load.columns().isEmpty() ? Optional.empty() : Optional.of(columns(load.columns(), sql)),
                Optional.ofNullable(load.where()).map(node -> ConstantExpressions.sourceText(sql, node)),
                Optional.ofNullable(load.columnSeparator()),
                Optional.ofNullable(load.rowDelimiter()),
                load.partitions().isEmpty() ? Optional.empty() : Optional.of(load.partitions()),
                statement.jobProperties(),
                statement.dataSourceProperties());
    }

    private static List<ColumnMapping> columns(List<SqlLoadColumn> columns, String sql)
    {
        List<ColumnMapping> mappings = new ArrayList<>();
        for (SqlLoadColumn column : columns) {
            Optional<String> expression = Optional.ofNullable(column.expression()).map(node -> ConstantExpressions.sourceText(sql, node));
            mappings.add(new ColumnMapping(column.name(), expression));
        }
        return mappings;
    }

    /** The rows of SHOW [ALL] ROUTINE LOAD [FOR name] [FROM db] [WHERE col = 'v' [AND ...]] [ORDER BY col [DESC], ...] [LIMIT n]. */
    static List<String[]> show(SqlShowRoutineLoad statement, List<RoutineLoadJob> jobs, String databaseName)
    {
        List<String[]> rows = new ArrayList<>();
        for (RoutineLoadJob job : jobs) {
            if (!job.definition().databaseName().equals(databaseName)) {
                continue;
            }
            if (statement.jobName() != null && !job.definition().name().equals(statement.jobName())) {
                continue;
            }
            if (!statement.all() && job.state().isFinal()) {
                continue;
            }
            String[] row = RoutineLoadShow.row(job).toArray(new String[0]);
            if (statement.where() == null || matches(statement.where(), row)) {
                rows.add(row);
            }
        }
        if (statement.jobName() != null && rows.isEmpty()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND, "There is no running job named " + statement.jobName() + " in db " + databaseName
                    + ". Include history? " + statement.all() + ", you can try `show all routine load job for job_name` if you want to list stopped and cancelled jobs");
        }
        if (statement.orderBy() != null && !statement.orderBy().isEmpty()) {
            rows.sort(ordering(statement.orderBy().getList()));
        }
        int offset = statement.offset() == null ? 0 : intValue(statement.offset());
        int limit = statement.limit() == null ? Integer.MAX_VALUE : intValue(statement.limit());
        return List.copyOf(rows.subList(Math.min(offset, rows.size()), (int) Math.min(rows.size(), (long) offset + limit)));
    }

    /** SHOW ROUTINE LOAD TASK [FROM db] WHERE JobName = "x": the running tasks of an active job. */
    private MysqlResponse showTasks(SqlShowRoutineLoadTask statement)
    {
        String database = databases.apply(statement.fromDatabase());
        storage.requireDatabase(database);
        String jobName = taskJobName(statement.where());
        // a job on a table the session cannot see does not exist for it
        RoutineLoadJob job = manager.job(database, jobName)
                .filter(found -> !found.state().isFinal())
                .filter(visible)
                .orElseThrow(() -> new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND,
                        "The job named " + jobName + " does not exists or job state is stopped or cancelled"));
        List<String[]> rows = new ArrayList<>();
        if (job.state() == JobState.RUNNING || job.state() == JobState.NEED_SCHEDULE) {
            for (List<String> row : RoutineLoadShow.taskRows(job)) {
                rows.add(row.toArray(new String[0]));
            }
        }
        return resultSet(RoutineLoadShow.TASK_COLUMNS, rows);
    }

    private static String taskJobName(SqlNode where)
    {
        if (where == null) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "please designate a jobName in where expr such as JobName=\"ILoveStarRocks\"");
        }
        if (where instanceof SqlBasicCall call && call.getKind() == SqlKind.EQUALS && call.operand(0) instanceof SqlIdentifier identifier
                && identifier.isSimple() && identifier.getSimple().equalsIgnoreCase("JobName") && call.operand(1) instanceof SqlLiteral literal
                && literal.getTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
            return literal.toValue();
        }
        throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                "show routine load job only support one equal expr which is sames like JobName=\"ILoveStarRocks\"");
    }

    private static MysqlResponse resultSet(List<String> names, List<String[]> rows)
    {
        List<MysqlColumn> columns = new ArrayList<>();
        names.forEach(name -> columns.add(MysqlColumn.varchar(name)));
        return new MysqlResponse.ResultSet(columns, rows);
    }

    private static boolean matches(SqlNode condition, String[] row)
    {
        if (condition instanceof SqlBasicCall call) {
            if (call.getKind() == SqlKind.AND) {
                return matches(call.operand(0), row) && matches(call.operand(1), row);
            }
            if (call.getKind() == SqlKind.EQUALS && call.operand(0) instanceof SqlIdentifier identifier && call.operand(1) instanceof SqlLiteral literal) {
                String value = row[columnIndex(identifier.getSimple())];
                String expected = literal.toValue();
                return value != null && value.equalsIgnoreCase(expected);
            }
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "SHOW ROUTINE LOAD supports WHERE with column = 'value' conditions joined by AND");
    }

    private static Comparator<String[]> ordering(List<SqlNode> keys)
    {
        Comparator<String[]> ordering = (left, right) -> 0;
        for (SqlNode key : keys) {
            boolean descending = key.getKind() == SqlKind.DESCENDING;
            SqlNode expression = descending ? ((SqlBasicCall) key).operand(0) : key;
            if (!(expression instanceof SqlIdentifier identifier)) {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "SHOW ROUTINE LOAD can be ordered by column names only");
            }
            int index = columnIndex(identifier.getSimple());
            Comparator<String[]> byColumn = (left, right) -> compareValues(left[index], right[index]);
            ordering = ordering.thenComparing(descending ? byColumn.reversed() : byColumn);
        }
        return ordering;
    }

    private static int compareValues(String left, String right)
    {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        try {
            return Long.compare(Long.parseLong(left), Long.parseLong(right));
        }
        catch (NumberFormatException e) {
            return left.compareTo(right);
        }
    }

    private static int columnIndex(String name)
    {
        for (int i = 0; i < RoutineLoadShow.COLUMNS.size(); i++) {
            if (RoutineLoadShow.COLUMNS.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "' in 'where clause'");
    }

    private static int intValue(SqlNode node)
    {
        if (node instanceof SqlNumericLiteral literal) {
            return literal.intValue(true);
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "LIMIT needs a number");
    }
}
