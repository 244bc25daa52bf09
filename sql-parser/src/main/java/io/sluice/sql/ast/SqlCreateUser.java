package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code CREATE USER [IF NOT EXISTS] 'u'@'h' [IDENTIFIED [WITH plugin] BY 'password'], ...}. */
public final class SqlCreateUser
        extends SqlAccountStatement
{
    private final boolean ifNotExists;
    private final List<UserSpecification> users;

    public SqlCreateUser(SqlParserPos pos, boolean ifNotExists, List<UserSpecification> users)
    {
        super(pos, "CREATE USER");
        this.ifNotExists = ifNotExists;
        this.users = List.copyOf(users);
    }

    public boolean ifNotExists()
    {
        return ifNotExists;
    }

    public List<UserSpecification> users()
    {
        return users;
    }

    @Override
    protected String describe()
    {
        return "CREATE USER " + (ifNotExists ? "IF NOT EXISTS " : "") + users.stream().map(user -> user.account().toString()).toList();
    }
}
