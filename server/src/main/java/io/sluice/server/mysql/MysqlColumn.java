package io.sluice.server.mysql;

import static java.util.Objects.requireNonNull;

/**
 * One column definition of a result set or field list. {@code length} is an unsigned 32-bit display length in bytes;
 * {@code flags} is a bit set of the {@code *_FLAG} constants; {@code charset} is a collation id.
 * A null database or table is stored as the empty string, which is what MySQL sends for computed columns.
 */
public record MysqlColumn(
        String database,
        String table,
        String name,
        MysqlType type,
        long length,
        int decimals,
        int flags,
        int charset)
{
    public static final int NOT_NULL_FLAG = 1;
    public static final int PRIMARY_KEY_FLAG = 1 << 1;
    public static final int UNIQUE_KEY_FLAG = 1 << 2;
    public static final int MULTIPLE_KEY_FLAG = 1 << 3;
    public static final int BLOB_FLAG = 1 << 4;
    public static final int UNSIGNED_FLAG = 1 << 5;
    public static final int ZEROFILL_FLAG = 1 << 6;
    public static final int BINARY_FLAG = 1 << 7;
    public static final int ENUM_FLAG = 1 << 8;
    public static final int AUTO_INCREMENT_FLAG = 1 << 9;
    public static final int TIMESTAMP_FLAG = 1 << 10;
    public static final int SET_FLAG = 1 << 11;
    public static final int NO_DEFAULT_VALUE_FLAG = 1 << 12;
    public static final int NUM_FLAG = 1 << 15;

    /** utf8mb4_general_ci: the collation of every character column. */
    public static final int UTF8MB4_GENERAL_CI = 45;
    /** The "binary" collation: numbers, temporal values and byte strings. */
    public static final int BINARY_COLLATION = 63;

    private static final long MAX_LENGTH = 0xFFFFFFFFL;

    public MysqlColumn
    {
        database = database == null ? "" : database;
        table = table == null ? "" : table;
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length must be an unsigned 32-bit value: " + length);
        }
        if (decimals < 0 || decimals > 0xFF) {
            throw new IllegalArgumentException("decimals must be between 0 and 255: " + decimals);
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags must be an unsigned 16-bit value: " + flags);
        }
        if (charset < 0 || charset > 0xFFFF) {
            throw new IllegalArgumentException("charset must be an unsigned 16-bit value: " + charset);
        }
    }

    /** A computed column of the given type with the type's default length, decimals, flags and character set. */
    public static MysqlColumn of(String name, MysqlType type)
    {
        int flags;
        int charset;
        if (type.isCharacterString()) {
            flags = 0;
            charset = UTF8MB4_GENERAL_CI;
        }
        else if (type.isBlob()) {
            flags = BLOB_FLAG | BINARY_FLAG;
            charset = BINARY_COLLATION;
        }
        else {
            flags = BINARY_FLAG;
            charset = BINARY_COLLATION;
        }
        return new MysqlColumn("", "", name, type, type.defaultLength(), type.defaultDecimals(), flags, charset);
    }

    /** A utf8mb4 character column (VAR_STRING, as MySQL announces VARCHAR results). */
    public static MysqlColumn varchar(String name)
    {
        return of(name, MysqlType.VAR_STRING);
    }

    /** A signed 64-bit integer column. */
    public static MysqlColumn bigint(String name)
    {
        return of(name, MysqlType.LONGLONG);
    }

    public MysqlColumn withTable(String database, String table)
    {
        return new MysqlColumn(database, table, name, type, length, decimals, flags, charset);
    }

    public MysqlColumn withLength(long length)
    {
        return new MysqlColumn(database, table, name, type, length, decimals, flags, charset);
    }

    public MysqlColumn withDecimals(int decimals)
    {
        return new MysqlColumn(database, table, name, type, length, decimals, flags, charset);
    }

    /** Replaces all flags. */
    public MysqlColumn withFlags(int flags)
    {
        return new MysqlColumn(database, table, name, type, length, decimals, flags, charset);
    }

    public MysqlColumn withCharset(int charset)
    {
        return new MysqlColumn(database, table, name, type, length, decimals, flags, charset);
    }

    public MysqlColumn notNull()
    {
        return withFlags(flags | NOT_NULL_FLAG);
    }

    public MysqlColumn primaryKey()
    {
        return withFlags(flags | PRIMARY_KEY_FLAG | NOT_NULL_FLAG);
    }

    public MysqlColumn unsigned()
    {
        return withFlags(flags | UNSIGNED_FLAG);
    }

    public MysqlColumn binary()
    {
        return withFlags(flags | BINARY_FLAG);
    }

    public boolean hasFlag(int flag)
    {
        return (flags & flag) == flag;
    }
}
