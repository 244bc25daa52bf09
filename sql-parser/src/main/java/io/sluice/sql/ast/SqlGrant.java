package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code GRANT privilege, ... ON level TO 'u'@'h', ... [WITH GRANT OPTION]}. */
public final class SqlGrant
        extends SqlPrivilegeChange
{
    public SqlGrant(SqlParserPos pos, List<String> privileges, PrivilegeLevel level, List<UserAccount> accounts)
    {
        super(pos, "GRANT", privileges, level, accounts);
    }

    @Override
    protected String describe()
    {
        return "GRANT " + String.join(", ", privileges()) + " ON " + level() + " TO " + accounts();
    }
}
