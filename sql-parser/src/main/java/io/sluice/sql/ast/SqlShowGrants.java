package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import static java.util.Objects.requireNonNull;

/** {@code SHOW GRANTS [FOR 'u'@'h' | FOR CURRENT_USER[()]]}; no FOR: the current user. */
public final class SqlShowGrants
        extends SqlAccountStatement
{
    private final UserAccount account;

    public SqlShowGrants(SqlParserPos pos, UserAccount account)
    {
        super(pos, "SHOW GRANTS");
        this.account = requireNonNull(account, "account is null");
    }

    public UserAccount account()
    {
        return account;
    }

    @Override
    protected String describe()
    {
        return "SHOW GRANTS FOR " + account;
    }
}
