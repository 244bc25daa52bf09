package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;

import static java.util.Objects.requireNonNull;

/** Reads `[db.]object` names; the parser has already rejected longer names with a positioned error. */
final class Names
{
    private Names() {}

    static SqlIdentifier requireQualifiedName(SqlIdentifier name, String what)
    {
        requireNonNull(name, what + " is null");
        if (name.isStar() || name.names.isEmpty() || name.names.size() > 2) {
            throw new IllegalArgumentException(what + " must be name or database.name: " + name);
        }
        return name;
    }

    static SqlIdentifier requireSimpleName(SqlIdentifier name, String what)
    {
        requireNonNull(name, what + " is null");
        if (!name.isSimple()) {
            throw new IllegalArgumentException(what + " must be a simple name: " + name);
        }
        return name;
    }

    /** The database part of a `[db.]object` name, or null when not qualified. */
    static String databasePart(SqlIdentifier name)
    {
        return name.names.size() == 2 ? name.names.get(0) : null;
    }

    static String objectPart(SqlIdentifier name)
    {
        return name.names.get(name.names.size() - 1);
    }

    static String nullableSimple(SqlIdentifier name)
    {
        return name == null ? null : name.getSimple();
    }
}
