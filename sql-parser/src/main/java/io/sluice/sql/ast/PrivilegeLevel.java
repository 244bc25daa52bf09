package io.sluice.sql.ast;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a GRANT or REVOKE applies to: {@code *.*}, {@code db.*}, {@code db.table}, {@code *} or {@code table} (the
 * current database). An empty database means the current one; {@link #ALL} ({@code "*"}) means every database or
 * every table.
 */
public record PrivilegeLevel(Optional<String> database, String table)
{
    public static final String ALL = "*";

    public PrivilegeLevel
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.isPresent() && database.get().equals(ALL) && !table.equals(ALL)) {
            throw new IllegalArgumentException("*." + table + " is not a privilege level");
        }
    }

    @Override
    public String toString()
    {
        return database.map(name -> name.equals(ALL) ? ALL : "`" + name + "`").map(name -> name + ".").orElse("")
                + (table.equals(ALL) ? ALL : "`" + table + "`");
    }
}
