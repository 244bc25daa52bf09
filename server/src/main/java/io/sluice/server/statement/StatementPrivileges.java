package io.sluice.server.statement;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.server.access.AccessControl;
import io.sluice.server.access.Privilege;
import io.sluice.server.access.TableReferences;
import io.sluice.server.information.InformationSchema;
import io.sluice.server.information.Visibility;
import io.sluice.sql.ast.SqlAccountStatement;
import io.sluice.sql.ast.SqlAlterRoutineLoad;
import io.sluice.sql.ast.SqlAlterTable;
import io.sluice.sql.ast.SqlAlterUser;
import io.sluice.sql.ast.SqlCreateDatabase;
import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlCreateTable;
import io.sluice.sql.ast.SqlCreateUser;
import io.sluice.sql.ast.SqlDescribeTable;
import io.sluice.sql.ast.SqlDropDatabase;
import io.sluice.sql.ast.SqlDropTable;
import io.sluice.sql.ast.SqlDropUser;
import io.sluice.sql.ast.SqlPauseRoutineLoad;
import io.sluice.sql.ast.SqlPrivilegeChange;
import io.sluice.sql.ast.SqlResumeRoutineLoad;
import io.sluice.sql.ast.SqlRoutineLoadJobStatement;
import io.sluice.sql.ast.SqlSetPassword;
import io.sluice.sql.ast.SqlSetVariables;
import io.sluice.sql.ast.SqlShowCreateRoutineLoad;
import io.sluice.sql.ast.SqlShowCreateTable;
import io.sluice.sql.ast.SqlShowGrants;
import io.sluice.sql.ast.SqlShowMetadata;
import io.sluice.sql.ast.SqlShowTables;
import io.sluice.sql.ast.SqlTruncateTable;
import io.sluice.sql.ast.SqlUseDatabase;
import io.sluice.sql.ast.SqlVariableAssignment;
import io.sluice.sql.ast.UserAccount;
import io.sluice.sql.ast.VariableScope;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * What each statement needs, checked before it runs, with MySQL's errors: 1142 for a table, 1044 for a database, 1227
 * for account management and SET GLOBAL. A routine load job on a table the user cannot see is reported as missing,
 * so nobody learns about other users' jobs.
 */
final class StatementPrivileges
        implements Visibility
{
    private final AccessControl access;
    private final UserAccount account;
    private final RoutineLoadManager routineLoads;
    private final UnaryOperator<String> databases;

    /** @param databases the named database, or the current one (error 1046 when there is none) */
    StatementPrivileges(AccessControl access, UserAccount account, RoutineLoadManager routineLoads, UnaryOperator<String> databases)
    {
        this.access = requireNonNull(access, "access is null");
        this.account = requireNonNull(account, "account is null");
        this.routineLoads = requireNonNull(routineLoads, "routineLoads is null");
        this.databases = requireNonNull(databases, "databases is null");
    }

    UserAccount account()
    {
        return account;
    }

    AccessControl access()
    {
        return access;
    }

    boolean unrestricted()
    {
        return access.isRoot(account);
    }

    void check(SqlNode statement)
    {
        if (unrestricted()) {
            return;
        }
        if (statement instanceof SqlAccountStatement accountStatement) {
            checkAccountStatement(accountStatement);
        }
        else if (statement instanceof SqlCreateDatabase create) {
            requireOnDatabase(Privilege.CREATE, create.databaseName());
        }
        else if (statement instanceof SqlDropDatabase drop) {
            requireOnDatabase(Privilege.DROP, drop.databaseName());
        }
        else if (statement instanceof SqlUseDatabase use) {
            requireVisibleDatabase(use.databaseName());
        }
        else if (statement instanceof SqlCreateTable create) {
            requireOnTable(Privilege.CREATE, databases.apply(create.databaseName()), create.tableName());
        }
        else if (statement instanceof SqlDropTable drop) {
            requireOnTable(Privilege.DROP, databases.apply(drop.databaseName()), drop.tableName());
        }
        else if (statement instanceof SqlTruncateTable truncate) {
            requireOnTable(Privilege.DROP, databases.apply(truncate.databaseName()), truncate.tableName());
        }
        else if (statement instanceof SqlAlterTable alter) {
            requireOnTable(Privilege.ALTER, databases.apply(alter.databaseName()), alter.tableName());
        }
        else if (statement instanceof SqlShowCreateTable show) {
            requireVisibleTable(databases.apply(show.databaseName()), show.tableName());
        }
        else if (statement instanceof SqlShowMetadata show) {
            switch (show.kind()) {
                case COLUMNS, INDEX -> requireVisibleTable(databases.apply(show.databaseName()), show.objectName());
                case CREATE_DATABASE -> requireVisibleDatabase(show.objectName());
                case TABLE_STATUS -> requireVisibleDatabase(databases.apply(show.databaseName()));
                default -> {
                }
            }
        }
        else if (statement instanceof SqlShowTables show) {
            requireVisibleDatabase(databases.apply(show.databaseName()));
        }
        else if (statement instanceof SqlDescribeTable describe) {
            requireVisibleTable(databases.apply(describe.databaseName()), describe.tableName());
        }
        else if (statement instanceof SqlInsert insert) {
            requireOnIdentifier(Privilege.INSERT, insert.getTargetTable());
            checkReads(insert.getSource());
        }
        else if (statement instanceof SqlUpdate update) {
            requireOnIdentifier(Privilege.UPDATE, update.getTargetTable());
        }
        else if (statement instanceof SqlDelete delete) {
            requireOnIdentifier(Privilege.DELETE, delete.getTargetTable());
        }
        else if (statement instanceof SqlCreateRoutineLoad create) {
            // the job will load with the creator's privileges
            requireOnTable(Privilege.LOAD, databases.apply(create.databaseName()), create.tableName());
            requireOnTable(Privilege.INSERT, databases.apply(create.databaseName()), create.tableName());
        }
        else if (statement instanceof SqlPauseRoutineLoad pause && pause.all()) {
            requireOnDatabase(Privilege.LOAD, databases.apply(null));
        }
        else if (statement instanceof SqlResumeRoutineLoad resume && resume.all()) {
            requireOnDatabase(Privilege.LOAD, databases.apply(null));
        }
        else if (statement instanceof SqlShowCreateRoutineLoad show) {
            String database = databases.apply(show.databaseName());
            requireVisibleJob(database, show.jobName(), "There is no job named " + show.jobName() + " in db " + database);
        }
        else if (statement instanceof SqlRoutineLoadJobStatement job) {
            requireOnJob(databases.apply(job.databaseName()), job.jobName());
        }
        else if (statement instanceof SqlAlterRoutineLoad alter) {
            requireOnJob(databases.apply(alter.databaseName()), alter.jobName());
        }
        else if (statement instanceof SqlSetVariables set) {
            for (SqlVariableAssignment assignment : set.assignments()) {
                if (assignment.scope() == VariableScope.GLOBAL) {
                    requireAdministrator("SUPER or SYSTEM_VARIABLES_ADMIN");
                }
            }
        }
        else if (statement.getKind() == SqlKind.SELECT || statement.getKind() == SqlKind.ORDER_BY || statement.isA(SqlKind.QUERY)) {
            checkReads(statement);
        }
    }

    private void checkAccountStatement(SqlAccountStatement statement)
    {
        if (statement instanceof SqlSetPassword set && (set.account().isCurrent() || set.account().equals(account))) {
            return;
        }
        if (statement instanceof SqlShowGrants show && (show.account().isCurrent() || show.account().equals(account))) {
            return;
        }
        boolean userManagement = statement instanceof SqlCreateUser || statement instanceof SqlDropUser || statement instanceof SqlAlterUser
                || statement instanceof SqlSetPassword;
        requireAdministrator(userManagement ? "CREATE USER" : statement instanceof SqlPrivilegeChange ? "GRANT OPTION" : "SELECT");
    }

    private void requireAdministrator(String privilege)
    {
        if (!access.isAdministrator(account)) {
            throw new SluiceException(ErrorCode.SPECIFIC_ACCESS_DENIED, "Access denied; you need (at least one of) the " + privilege + " privilege(s) for this operation");
        }
    }

    /** SELECT on every table the query reads (information_schema is open to everyone; it shows only what one may see). */
    private void checkReads(SqlNode query)
    {
        for (SqlIdentifier table : TableReferences.of(query)) {
            if (table.names.size() == 2 && InformationSchema.isName(table.names.get(0))) {
                continue;
            }
            requireOnIdentifier(Privilege.SELECT, table);
        }
    }

    private void requireOnIdentifier(Privilege privilege, SqlNode target)
    {
        if (target instanceof SqlIdentifier identifier && identifier.names.size() <= 2) {
            String database = identifier.names.size() == 2 ? identifier.names.get(0) : databases.apply(null);
            requireOnTable(privilege, database, identifier.names.get(identifier.names.size() - 1));
        }
    }

    private void requireOnTable(Privilege privilege, String database, String table)
    {
        if (!access.has(account, privilege, database, table)) {
            throw new SluiceException(ErrorCode.TABLE_ACCESS_DENIED,
                    privilege.name() + " command denied to user '" + account.user() + "'@'" + account.host() + "' for table '" + table + "'");
        }
    }

    private void requireOnDatabase(Privilege privilege, String database)
    {
        if (!access.hasOnDatabase(account, privilege, database)) {
            throw databaseDenied(database);
        }
    }

    private void requireVisibleDatabase(String database)
    {
        if (!InformationSchema.isName(database) && !access.seesDatabase(account, database)) {
            throw databaseDenied(database);
        }
    }

    private SluiceException databaseDenied(String database)
    {
        return new SluiceException(ErrorCode.DATABASE_ACCESS_DENIED, "Access denied for user '" + account.user() + "'@'" + account.host() + "' to database '" + database + "'");
    }

    private void requireVisibleTable(String database, String table)
    {
        if (!InformationSchema.isName(database) && !access.seesTable(account, database, table)) {
            throw new SluiceException(ErrorCode.TABLE_ACCESS_DENIED,
                    "SELECT command denied to user '" + account.user() + "'@'" + account.host() + "' for table '" + table + "'");
        }
    }

    private void requireOnJob(String database, String jobName)
    {
        // the manager's own message for a job that does not exist
        requireVisibleJob(database, jobName, "There is not operable routine load job with name " + jobName)
                .ifPresent(table -> requireOnTable(Privilege.LOAD, database, table));
    }

    /**
     * The job's table, when there is such a job; a job on a table the account cannot see does not exist for it: it
     * fails with {@code notFoundMessage}, the statement's own error for a missing job, so that the two cannot be told apart.
     */
    private Optional<String> requireVisibleJob(String database, String jobName, String notFoundMessage)
    {
        Optional<RoutineLoadJob> job = routineLoads.job(database, jobName);
        if (job.isPresent() && !access.seesTable(account, database, job.get().definition().tableName())) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_NOT_FOUND, notFoundMessage);
        }
        return job.map(found -> found.definition().tableName());
    }

    /** Whether SHOW DATABASES, SHOW TABLES and SHOW ROUTINE LOAD list it. */
    @Override
    public boolean seesDatabase(String database)
    {
        return unrestricted() || InformationSchema.isName(database) || access.seesDatabase(account, database);
    }

    @Override
    public boolean seesTable(String database, String table)
    {
        return unrestricted() || access.seesTable(account, database, table);
    }
}
