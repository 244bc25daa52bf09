package io.sluice.server.access;

import io.sluice.server.mysql.Authenticator;
import io.sluice.server.mysql.NativePassword;
import io.sluice.sql.ast.PrivilegeLevel;
import io.sluice.sql.ast.UserAccount;
import io.sluice.storage.Storage;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.metadata.AccountRecord;
import io.sluice.storage.metadata.GrantRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Accounts and privileges: kept in the catalog (password hashes only), read from an immutable in-memory copy that
 * every change replaces, so that checks never touch the metadata database. Authenticates connections
 * (mysql_native_password) and answers privilege checks for the statements of a session.
 * <p>
 * A privilege on {@code *.*} covers every database, on {@code db.*} every table of db. {@code root} always has
 * every privilege and cannot be dropped, so the server can never be locked out.
 */
public final class AccessControl
        implements Authenticator
{
    public static final String ROOT = "root";
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    private final Storage storage;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<UserAccount, String> passwordHashes, List<GrantRecord> grants) {}

    private AccessControl(Storage storage)
    {
        this.storage = requireNonNull(storage, "storage is null");
        reload();
    }

    /** On the first start (no account yet) creates root@% with the given password, empty when there is none. */
    public static AccessControl open(Storage storage, Optional<String> rootPassword)
    {
        if (storage.accounts().isEmpty()) {
            storage.putAccount(new AccountRecord(ROOT, "%", passwordHash(rootPassword.orElse(""))));
            log.info("Created account root@%{}", rootPassword.isPresent() ? " with the password given by --root-password" : " with an empty password");
        }
        else if (rootPassword.isPresent()) {
            log.info("Ignoring --root-password: root's password is set on the first start only; change it with SET PASSWORD");
        }
        return new AccessControl(storage);
    }

    private void reload()
    {
        Map<UserAccount, String> hashes = new LinkedHashMap<>();
        for (AccountRecord account : storage.accounts()) {
            hashes.put(new UserAccount(account.user(), account.host()), account.passwordHash());
        }
        snapshot = new Snapshot(Map.copyOf(hashes), List.copyOf(storage.grants()));
    }

    /** MySQL's form: '*' and the upper-case hex of SHA1(SHA1(password)); empty for no password. */
    static String passwordHash(String password)
    {
        return password.isEmpty() ? "" : "*" + HexFormat.of().withUpperCase().formatHex(NativePassword.doubleHash(password));
    }

    // ---- authentication

    @Override
    public boolean authenticate(String user, String clientAddress, byte[] scramble, byte[] authResponse)
    {
        Optional<UserAccount> account = account(user, clientAddress);
        if (account.isEmpty()) {
            return false;
        }
        String hash = snapshot.passwordHashes().get(account.get());
        if (hash == null) {
            return false;
        }
        if (hash.isEmpty()) {
            return authResponse.length == 0;
        }
        return NativePassword.matches(HexFormat.of().parseHex(hash.substring(1)), scramble, authResponse);
    }

    /**
     * The account a user connecting from an address logs in as (what CURRENT_USER() names): the one with this user
     * name whose host matches, the most specific host first, as in MySQL.
     */
    public Optional<UserAccount> account(String user, String clientAddress)
    {
        UserAccount best = null;
        int bestRank = Integer.MAX_VALUE;
        for (UserAccount account : snapshot.passwordHashes().keySet()) {
            if (!account.user().equals(user)) {
                continue;
            }
            int rank = HostPattern.rank(account.host(), clientAddress);
            if (rank < bestRank) {
                best = account;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    public boolean exists(UserAccount account)
    {
        return snapshot.passwordHashes().containsKey(account);
    }

    // ---- checks

    public boolean isRoot(UserAccount account)
    {
        return account.user().equals(ROOT);
    }

    /** Every privilege on *.*: may manage accounts and set global variables. */
    public boolean isAdministrator(UserAccount account)
    {
        return isRoot(account) || privileges(account, GrantRecord.ANY, GrantRecord.ANY).containsAll(EnumSet.allOf(Privilege.class));
    }

    /** Whether the account holds the privilege on the table (directly, on its database, or on *.*). */
    public boolean has(UserAccount account, Privilege privilege, String database, String table)
    {
        if (isRoot(account)) {
            return true;
        }
        for (GrantRecord grant : snapshot.grants()) {
            if (grant.user().equals(account.user()) && grant.host().equals(account.host()) && grant.privilege().equals(privilege.name())
                    && covers(grant, database, table)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the account holds the privilege on the database itself (db.* or *.*), as CREATE / DROP DATABASE need. */
    public boolean hasOnDatabase(UserAccount account, Privilege privilege, String database)
    {
        return has(account, privilege, database, GrantRecord.ANY);
    }

    /** Whether the account may see the database at all: any privilege on it or on one of its tables. */
    public boolean seesDatabase(UserAccount account, String database)
    {
        if (isRoot(account)) {
            return true;
        }
        for (GrantRecord grant : snapshot.grants()) {
            if (grant.user().equals(account.user()) && grant.host().equals(account.host())
                    && (grant.database().equals(GrantRecord.ANY) || grant.database().equalsIgnoreCase(database))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the account may see the table: any privilege that covers it. */
    public boolean seesTable(UserAccount account, String database, String table)
    {
        if (isRoot(account)) {
            return true;
        }
        for (GrantRecord grant : snapshot.grants()) {
            if (grant.user().equals(account.user()) && grant.host().equals(account.host()) && covers(grant, database, table)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(GrantRecord grant, String database, String table)
    {
        if (grant.database().equals(GrantRecord.ANY)) {
            return true;
        }
        if (!grant.database().equalsIgnoreCase(database)) {
            return false;
        }
        return grant.table().equals(GrantRecord.ANY) || grant.table().equalsIgnoreCase(table);
    }

    private Set<Privilege> privileges(UserAccount account, String database, String table)
    {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        for (GrantRecord grant : snapshot.grants()) {
            if (grant.user().equals(account.user()) && grant.host().equals(account.host())
                    && grant.database().equalsIgnoreCase(database) && grant.table().equalsIgnoreCase(table)) {
                privileges.add(Privilege.valueOf(grant.privilege()));
            }
        }
        return privileges;
    }

    /** Why a job's creator ({@code user@host}) may not load into the table any more, or empty when it may. */
    public Optional<String> loadDenial(String creator, String database, String table)
    {
        int at = creator.lastIndexOf('@');
        UserAccount account = at < 0 ? new UserAccount(creator, "%") : new UserAccount(creator.substring(0, at), creator.substring(at + 1));
        if (!exists(account)) {
            return Optional.of("The job's creator " + account.quoted() + " no longer exists; recreate the job as another user");
        }
        if (!has(account, Privilege.LOAD, database, table) || !has(account, Privilege.INSERT, database, table)) {
            return Optional.of("The job's creator " + account.quoted() + " no longer has the LOAD and INSERT privileges on "
                    + database + "." + table + "; grant them and RESUME the job");
        }
        return Optional.empty();
    }

    // ---- changes (callers check that the current account may make them)

    public synchronized void createUser(UserAccount account, String password, boolean ifNotExists)
    {
        if (exists(account)) {
            if (ifNotExists) {
                return;
            }
            throw failed("CREATE USER", account);
        }
        storage.putAccount(new AccountRecord(account.user(), account.host(), passwordHash(password)));
        reload();
    }

    public synchronized void dropUser(UserAccount account, boolean ifExists)
    {
        if (isRoot(account)) {
            throw new SluiceException(ErrorCode.ACCOUNT_OPERATION_FAILED, "Operation DROP USER failed for " + account.quoted() + ": root cannot be dropped");
        }
        if (!exists(account)) {
            if (ifExists) {
                return;
            }
            throw failed("DROP USER", account);
        }
        storage.deleteAccount(account.user(), account.host());
        reload();
    }

    public synchronized void setPassword(UserAccount account, String password, String operation, boolean ifExists)
    {
        if (!exists(account)) {
            if (ifExists) {
                return;
            }
            throw failed(operation, account);
        }
        storage.putAccount(new AccountRecord(account.user(), account.host(), passwordHash(password)));
        reload();
    }

    public synchronized void grant(UserAccount account, Set<Privilege> privileges, String database, String table)
    {
        if (!exists(account)) {
            throw new SluiceException(ErrorCode.CANNOT_CREATE_USER_WITH_GRANT, "You are not allowed to create a user with GRANT (" + account.quoted() + " does not exist; CREATE USER first)");
        }
        storage.changeGrants(records(account, privileges, database, table), List.of());
        reload();
    }

    public synchronized void revoke(UserAccount account, Set<Privilege> privileges, String database, String table)
    {
        if (!exists(account)) {
            throw new SluiceException(ErrorCode.NO_SUCH_GRANT, "There is no such grant defined for user '" + account.user() + "' on host '" + account.host() + "'");
        }
        storage.changeGrants(List.of(), records(account, privileges, database, table));
        reload();
    }

    private static List<GrantRecord> records(UserAccount account, Set<Privilege> privileges, String database, String table)
    {
        List<GrantRecord> records = new ArrayList<>();
        for (Privilege privilege : privileges) {
            records.add(new GrantRecord(account.user(), account.host(), privilege.name(), database, table));
        }
        return records;
    }

    private static SluiceException failed(String operation, UserAccount account)
    {
        return new SluiceException(ErrorCode.ACCOUNT_OPERATION_FAILED, "Operation " + operation + " failed for " + account.quoted());
    }

    /** SHOW GRANTS in MySQL 8's form: USAGE on *.* first, then one line per level. */
    public List<String> showGrants(UserAccount account)
    {
        if (!exists(account)) {
            throw new SluiceException(ErrorCode.NO_SUCH_GRANT, "There is no such grant defined for user '" + account.user() + "' on host '" + account.host() + "'");
        }
        String grantee = "`" + account.user().replace("`", "``") + "`@`" + account.host().replace("`", "``") + "`";
        List<String> lines = new ArrayList<>();
        if (isRoot(account)) {
            lines.add("GRANT ALL PRIVILEGES ON *.* TO " + grantee + " WITH GRANT OPTION");
            return lines;
        }
        Map<String, Set<Privilege>> byLevel = new LinkedHashMap<>();
        byLevel.put("*.*", EnumSet.noneOf(Privilege.class));
        for (GrantRecord grant : snapshot.grants()) {
            if (grant.user().equals(account.user()) && grant.host().equals(account.host())) {
                String level = grant.database().equals(GrantRecord.ANY) ? "*.*"
                        : "`" + grant.database() + "`." + (grant.table().equals(GrantRecord.ANY) ? "*" : "`" + grant.table() + "`");
                byLevel.computeIfAbsent(level, key -> EnumSet.noneOf(Privilege.class)).add(Privilege.valueOf(grant.privilege()));
            }
        }
        byLevel.forEach((level, privileges) -> {
            String names = privileges.isEmpty() ? "USAGE"
                    : privileges.size() == Privilege.values().length ? "ALL PRIVILEGES"
                    : String.join(", ", privileges.stream().map(Privilege::name).toList());
            lines.add("GRANT " + names + " ON " + level + " TO " + grantee);
        });
        return lines;
    }

    /** The database and table a privilege level names; the current database fills in when it names none. */
    public static String[] resolve(PrivilegeLevel level, String currentDatabase)
    {
        String database = level.database().orElse(currentDatabase);
        if (database == null) {
            throw new SluiceException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        return new String[] {database.equals(PrivilegeLevel.ALL) ? GrantRecord.ANY : database, level.table().equals(PrivilegeLevel.ALL) ? GrantRecord.ANY : level.table()};
    }
}
