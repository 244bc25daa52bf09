package io.sluice.sql.ast;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code ALTER USER [IF EXISTS] 'u'@'h' IDENTIFIED [WITH plugin] BY 'password', ...}. */
public final class SqlAlterUser
        extends SqlAccountStatement
{
    private final boolean ifExists;
    private final List<UserSpecification> users;

    public SqlAlterUser(SqlParserPos pos, boolean ifExists, List<UserSpecification> users)
    {
        super(pos, "ALTER USER");
        this.ifExists = ifExists;
        this.users = List.copyOf(users);
    }

    public boolean ifExists()
    {
        return ifExists;
    }

    public List<UserSpecification> users()
    {
        return users;
    }

    @Override
    protected String describe()
    {
        return "ALTER USER " + (ifExists ? "IF EXISTS " : "") + users.stream().map(user -> user.account().toString()).toList();
    }
}
