package io.sluice.server.mysql;

/**
 * Column types of the MySQL protocol (enum_field_types), with the defaults a column of the type is announced with
 * when nothing more precise is known.
 */
public enum MysqlType
{
    DECIMAL(0x00, 12, 0),
    TINY(0x01, 4, 0),
    SHORT(0x02, 6, 0),
    LONG(0x03, 11, 0),
    FLOAT(0x04, 12, MysqlType.NOT_FIXED_DECIMALS),
    DOUBLE(0x05, 22, MysqlType.NOT_FIXED_DECIMALS),
    NULL(0x06, 0, 0),
    TIMESTAMP(0x07, 19, 0),
    LONGLONG(0x08, 20, 0),
    INT24(0x09, 9, 0),
    DATE(0x0a, 10, 0),
    TIME(0x0b, 10, 0),
    DATETIME(0x0c, 19, 0),
    YEAR(0x0d, 4, 0),
    VARCHAR(0x0f, 1020, 0),
    BIT(0x10, 1, 0),
    JSON(0xf5, 0xFFFFFFFFL, 0),
    NEWDECIMAL(0xf6, 12, 0),
    ENUM(0xf7, 4, 0),
    SET(0xf8, 4, 0),
    TINY_BLOB(0xf9, 0xFF, 0),
    MEDIUM_BLOB(0xfa, 0xFFFFFF, 0),
    LONG_BLOB(0xfb, 0xFFFFFFFFL, 0),
    BLOB(0xfc, 0xFFFF, 0),
    VAR_STRING(0xfd, 1020, 0),
    STRING(0xfe, 4, 0),
    GEOMETRY(0xff, 0xFFFFFFFFL, 0);

    /** Decimals value meaning "not fixed": what MySQL announces for FLOAT and DOUBLE expressions. */
    public static final int NOT_FIXED_DECIMALS = 0x1f;

    private static final MysqlType[] BY_CODE = new MysqlType[256];

    static {
        for (MysqlType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final long defaultLength;
    private final int defaultDecimals;

    MysqlType(int code, long defaultLength, int defaultDecimals)
    {
        this.code = code;
        this.defaultLength = defaultLength;
        this.defaultDecimals = defaultDecimals;
    }

    /** The type byte sent in a column definition. */
    public int code()
    {
        return code;
    }

    /** Display length in bytes announced when the column does not say (utf8mb4 strings count 4 bytes a character). */
    public long defaultLength()
    {
        return defaultLength;
    }

    public int defaultDecimals()
    {
        return defaultDecimals;
    }

    /**
     * Whether values are character strings, announced with the utf8mb4 character set; everything else is announced as
     * binary, which clients such as Connector/J need to decode numbers and to tell VARCHAR from VARBINARY.
     */
    public boolean isCharacterString()
    {
        return switch (this) {
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON -> true;
            default -> false;
        };
    }

    public boolean isBlob()
    {
        return switch (this) {
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY -> true;
            default -> false;
        };
    }

    public static MysqlType fromCode(int code)
    {
        MysqlType type = (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
        if (type == null) {
            throw new IllegalArgumentException("Unknown MySQL column type code: " + code);
        }
        return type;
    }
}
