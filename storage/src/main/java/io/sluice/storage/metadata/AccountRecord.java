package io.sluice.storage.metadata;

import static java.util.Objects.requireNonNull;

/**
 * A user account as the catalog keeps it: the name, the host pattern and the password's hash in the form the
 * server's authentication plugin checks (never the password itself; empty for no password).
 */
public record AccountRecord(String user, String host, String passwordHash)
{
    public AccountRecord
    {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        requireNonNull(passwordHash, "passwordHash is null");
    }
}
