package io.sluice.sql.ast;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A MySQL account name: {@code 'user'@'host'}; the host defaults to {@code %} (any host), as in MySQL.
 * {@link #CURRENT} stands for {@code CURRENT_USER}, resolved by whoever runs the statement.
 */
public record UserAccount(String user, String host)
{
    public static final UserAccount CURRENT = new UserAccount("", "");

    public UserAccount
    {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        // MySQL compares host names case-insensitively
        host = host.toLowerCase(Locale.ROOT);
    }

    public boolean isCurrent()
    {
        return user.isEmpty() && host.isEmpty();
    }

    /** {@code 'user'@'host'}, quotes doubled, as SHOW GRANTS and error messages write it. */
    public String quoted()
    {
        return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
    }

    @Override
    public String toString()
    {
        return isCurrent() ? "CURRENT_USER" : quoted();
    }
}
