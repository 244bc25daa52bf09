package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code REVOKE privilege, ... ON level FROM 'u'@'h', ...}; privileges upper case, ALL for ALL [PRIVILEGES]. */
public final class SqlRevoke
        extends SqlAccountStatement
{
    private final List<String> privileges;
    private final PrivilegeLevel level;
    private final List<UserAccount> accounts;

    public SqlRevoke(SqlParserPos pos, List<String> privileges, PrivilegeLevel level, List<UserAccount> accounts)
    {
        super(pos, "REVOKE");
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

    @Override
    protected String describe()
    {
        return "REVOKE " + String.join(", ", privileges) + " ON " + level + " FROM " + accounts;
    }
}
