package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code DROP USER [IF EXISTS] 'u'@'h', ...}. */
public final class SqlDropUser
        extends SqlAccountStatement
{
    private final boolean ifExists;
    private final List<UserAccount> accounts;

    public SqlDropUser(SqlParserPos pos, boolean ifExists, List<UserAccount> accounts)
    {
        super(pos, "DROP USER");
        this.ifExists = ifExists;
        this.accounts = List.copyOf(accounts);
    }

    public boolean ifExists()
    {
        return ifExists;
    }

    public List<UserAccount> accounts()
    {
        return accounts;
    }

    @Override
    protected String describe()
    {
        return "DROP USER " + (ifExists ? "IF EXISTS " : "") + accounts;
    }
}
