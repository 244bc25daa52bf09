package io.sluice.server.statement;

import io.sluice.server.access.AccessControl;
import io.sluice.server.access.Privilege;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.sql.ast.SqlAccountStatement;
import io.sluice.sql.ast.SqlAlterUser;
import io.sluice.sql.ast.SqlCreateUser;
import io.sluice.sql.ast.SqlDropUser;
import io.sluice.sql.ast.SqlGrant;
import io.sluice.sql.ast.SqlPrivilegeChange;
import io.sluice.sql.ast.SqlSetPassword;
import io.sluice.sql.ast.SqlShowGrants;
import io.sluice.sql.ast.UserAccount;
import io.sluice.sql.ast.UserSpecification;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** CREATE / DROP / ALTER USER, SET PASSWORD, GRANT, REVOKE and SHOW GRANTS, once StatementPrivileges allowed them. */
final class AccountStatements
{
    private static final String NATIVE_PASSWORD = "mysql_native_password";

    private final AccessControl access;
    private final UserAccount current;

    AccountStatements(AccessControl access, UserAccount current)
    {
        this.access = requireNonNull(access, "access is null");
        this.current = requireNonNull(current, "current is null");
    }

    MysqlResponse execute(SqlAccountStatement statement, String currentDatabase)
    {
        if (statement instanceof SqlCreateUser create) {
            for (UserSpecification user : create.users()) {
                access.createUser(user.account(), password(user), create.ifNotExists());
            }
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlDropUser drop) {
            for (UserAccount account : drop.accounts()) {
                access.dropUser(account, drop.ifExists());
            }
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlAlterUser alter) {
            for (UserSpecification user : alter.users()) {
                access.setPassword(resolve(user.account()), password(user), "ALTER USER", alter.ifExists());
            }
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlSetPassword set) {
            access.setPassword(resolve(set.account()), set.password(), "SET PASSWORD", false);
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlPrivilegeChange change) {
            String[] level = AccessControl.resolve(change.level(), currentDatabase);
            Set<Privilege> privileges = Privilege.parse(change.privileges());
            for (UserAccount account : change.accounts()) {
                if (change instanceof SqlGrant) {
                    access.grant(account, privileges, level[0], level[1]);
                }
                else {
                    access.revoke(account, privileges, level[0], level[1]);
                }
            }
            return MysqlResponse.ok();
        }
        if (statement instanceof SqlShowGrants show) {
            UserAccount account = resolve(show.account());
            List<String[]> rows = new ArrayList<>();
            for (String line : access.showGrants(account)) {
                rows.add(new String[] {line});
            }
            return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("Grants for " + account.user() + "@" + account.host())), rows);
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "This statement is not supported yet: " + statement);
    }

    private UserAccount resolve(UserAccount account)
    {
        return account.isCurrent() ? current : account;
    }

    private static String password(UserSpecification user)
    {
        if (user.plugin().isPresent() && !user.plugin().get().equalsIgnoreCase(NATIVE_PASSWORD)) {
            throw new SluiceException(ErrorCode.PLUGIN_NOT_LOADED, "Plugin '" + user.plugin().get() + "' is not loaded; Sluice supports " + NATIVE_PASSWORD);
        }
        return user.password().orElse("");
    }
}
