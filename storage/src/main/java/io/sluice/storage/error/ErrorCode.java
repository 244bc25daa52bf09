package io.sluice.storage.error;

/**
 * Every error a user can see, with the MySQL error number and SQLSTATE the protocol sends for it.
 * Lives in the lowest module so storage, loader and server raise the same codes.
 */
public enum ErrorCode
{
    SYNTAX_ERROR(1064, "42000"),
    NO_DATABASE_SELECTED(1046, "3D000"),
    DATABASE_CREATE_EXISTS(1007, "HY000"),
    DATABASE_DROP_NOT_EXISTS(1008, "HY000"),
    UNKNOWN_DATABASE(1049, "42000"),
    TABLE_EXISTS(1050, "42S01"),
    UNKNOWN_TABLE(1051, "42S02"),
    NO_SUCH_TABLE(1146, "42S02"),
    UNKNOWN_COLUMN(1054, "42S22"),
    UNKNOWN_FUNCTION(1305, "42000"),
    DUPLICATE_COLUMN(1060, "42S21"),
    WRONG_COLUMN_NAME(1166, "42000"),
    INVALID_TABLE_DEFINITION(1105, "HY000"),
    UNKNOWN_SYSTEM_VARIABLE(1193, "HY000"),
    WRONG_VALUE_FOR_VARIABLE(1231, "42000"),
    ACCESS_DENIED(1045, "28000"),
    DATABASE_ACCESS_DENIED(1044, "42000"),
    TABLE_ACCESS_DENIED(1142, "42000"),
    SPECIFIC_ACCESS_DENIED(1227, "42000"),
    ACCOUNT_OPERATION_FAILED(1396, "HY000"),
    NO_SUCH_GRANT(1141, "42000"),
    CANNOT_CREATE_USER_WITH_GRANT(1410, "42000"),
    PLUGIN_NOT_LOADED(1524, "HY000"),
    NOT_SUPPORTED(1235, "42000"),
    ROUTINE_LOAD_EXISTS(1105, "HY000"),
    ROUTINE_LOAD_NOT_FOUND(1105, "HY000"),
    ROUTINE_LOAD_INVALID_PROPERTY(1105, "HY000"),
    ROUTINE_LOAD_INVALID_STATE(1105, "HY000"),
    STALE_LOAD_COMMIT(1105, "HY000"),
    DATA_OUT_OF_RANGE(1690, "22003"),
    OUT_OF_RANGE_VALUE(1264, "22003"),
    DATA_TOO_LONG(1406, "22001"),
    COLUMN_CANNOT_BE_NULL(1048, "23000"),
    NO_DEFAULT_VALUE(1364, "HY000"),
    INVALID_DEFAULT(1067, "42000"),
    UNKNOWN_TIME_ZONE(1298, "HY000"),
    WRONG_VALUE_COUNT(1136, "21S01"),
    INCORRECT_VALUE(1366, "HY000"),
    CANNOT_DROP_COLUMN(1091, "42000"),
    STORAGE_IO_ERROR(1105, "HY000"),
    CORRUPT_DATA(1105, "HY000"),
    QUERY_INTERRUPTED(1317, "70100"),
    UNKNOWN_THREAD(1094, "HY000"),
    INTERNAL_ERROR(1105, "HY000");

    private final int mysqlCode;
    private final String sqlState;

    ErrorCode(int mysqlCode, String sqlState)
    {
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
    }

    public int mysqlCode()
    {
        return mysqlCode;
    }

    public String sqlState()
    {
        return sqlState;
    }
}
