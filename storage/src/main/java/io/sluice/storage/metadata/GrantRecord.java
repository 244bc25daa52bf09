package io.sluice.storage.metadata;

import static java.util.Objects.requireNonNull;

/** One privilege of one account on {@code *.*}, {@code db.*} or {@code db.table} ({@link #ANY} for "*"). */
public record GrantRecord(String user, String host, String privilege, String database, String table)
{
    public static final String ANY = "*";

    public GrantRecord
    {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        requireNonNull(privilege, "privilege is null");
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.equals(ANY) && !table.equals(ANY)) {
            throw new IllegalArgumentException("a table privilege needs a database");
        }
    }
}
