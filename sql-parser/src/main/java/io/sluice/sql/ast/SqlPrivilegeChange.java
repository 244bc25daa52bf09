package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** GRANT and REVOKE: privileges (upper case, ALL for ALL [PRIVILEGES]) on a level, for accounts. */
public abstract sealed class SqlPrivilegeChange
        extends SqlAccountStatement
        permits SqlGrant, SqlRevoke
{
    private final List<String> privileges;
    private final PrivilegeLevel level;
    private final List<UserAccount> accounts;

    SqlPrivilegeChange(SqlParserPos pos, String name, List<String> privileges, PrivilegeLevel level, List<UserAccount> accounts)
    {
        super(pos, name);
        this.privileges = List.copyOf(privileges);
        this.level = requireNonNull(level, "level is null");
        this.accounts = List.copyOf(accounts);
    }

    public List<String> privileges()
    {
        return privileges;
    }

    public PrivilegeLevel level()
    {
        return level;
    }

    public List<UserAccount> accounts()
    {
        return accounts;
    }
}
