package io.sluice.storage.type;

/**
 * SQL column types of the StarRocks dialect.
 */
public enum ColumnType
{
    BOOLEAN(PhysicalType.LONG),
    TINYINT(PhysicalType.LONG),
    SMALLINT(PhysicalType.LONG),
    INT(PhysicalType.LONG),
    BIGINT(PhysicalType.LONG),
    LARGEINT(PhysicalType.STRING),
    FLOAT(PhysicalType.DOUBLE),
    DOUBLE(PhysicalType.DOUBLE),
    DECIMAL(PhysicalType.STRING),
    CHAR(PhysicalType.STRING),
    VARCHAR(PhysicalType.STRING),
    STRING(PhysicalType.STRING),
    DATE(PhysicalType.LONG),
    DATETIME(PhysicalType.LONG),
    JSON(PhysicalType.STRING);

    private final PhysicalType physicalType;

    ColumnType(PhysicalType physicalType)
    {
        this.physicalType = physicalType;
    }

    public PhysicalType physicalType()
    {
        return physicalType;
    }

    /** Smallest and largest value of the integer types, used to reject out-of-range values. */
    public long minimumValue()
    {
        return switch (this) {
            case BOOLEAN -> 0;
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case INT -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    public long maximumValue()
    {
        return switch (this) {
            case BOOLEAN -> 1;
            case TINYINT -> Byte.MAX_VALUE;
            case SMALLINT -> Short.MAX_VALUE;
            case INT -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    public boolean isInteger()
    {
        return this == BOOLEAN || this == TINYINT || this == SMALLINT || this == INT || this == BIGINT;
    }

    /** Whether an integer value is within this type's range (always true for non-integer types). */
    public boolean fits(long value)
    {
        return !isInteger() || (value >= minimumValue() && value <= maximumValue());
    }

    /** Exact numbers held as decimal text: they compare and add numerically, not as strings. */
    public boolean isExactNumberText()
    {
        return this == DECIMAL || this == LARGEINT;
    }
}
