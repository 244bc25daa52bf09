package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import static java.util.Objects.requireNonNull;

/** {@code SET PASSWORD [FOR 'u'@'h'] = 'password'} (or {@code = PASSWORD('password')}); no FOR: the current user. */
public final class SqlSetPassword
        extends SqlAccountStatement
{
    private final UserAccount account;
    private final String password;

    public SqlSetPassword(SqlParserPos pos, UserAccount account, String password)
    {
        super(pos, "SET PASSWORD");
        this.account = requireNonNull(account, "account is null");
        this.password = requireNonNull(password, "password is null");
    }

    public UserAccount account()
    {
        return account;
    }

    public String password()
    {
        return password;
    }

    @Override
    protected String describe()
    {
        return "SET PASSWORD FOR " + account;
    }
}
