package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code REVOKE privilege, ... ON level FROM 'u'@'h', ...}. */
public final class SqlRevoke
        extends SqlPrivilegeChange
{
    public SqlRevoke(SqlParserPos pos, List<String> privileges, PrivilegeLevel level, List<UserAccount> accounts)
    {
        super(pos, "REVOKE", privileges, level, accounts);
    }

    @Override
    protected String describe()
    {
        return "REVOKE " + String.join(", ", privileges()) + " ON " + level() + " FROM " + accounts();
    }
}
