package io.sluice.server.information;

import org.apache.calcite.sql.type.SqlTypeName;

import static java.util.Objects.requireNonNull;

/**
 * One column of an information_schema table: VARCHAR, BIGINT, INTEGER or TIMESTAMP (values are Strings, Longs,
 * Integers, and for TIMESTAMP the local wall-clock time as epoch milliseconds, Calcite's representation).
 */
record InformationColumn(String name, SqlTypeName type, boolean nullable)
{
    InformationColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    static InformationColumn varchar(String name)
    {
        return new InformationColumn(name, SqlTypeName.VARCHAR, true);
    }

    static InformationColumn bigint(String name)
    {
        return new InformationColumn(name, SqlTypeName.BIGINT, true);
    }

    static InformationColumn integer(String name)
    {
        return new InformationColumn(name, SqlTypeName.INTEGER, true);
    }

    static InformationColumn timestamp(String name)
    {
        return new InformationColumn(name, SqlTypeName.TIMESTAMP, true);
    }

    InformationColumn notNull()
    {
        return new InformationColumn(name, type, false);
    }
}
