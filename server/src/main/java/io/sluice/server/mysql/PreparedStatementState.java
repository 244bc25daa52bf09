package io.sluice.server.mysql;

import java.io.ByteArrayOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * A statement prepared with COM_STMT_PREPARE: its text, where its placeholders are, the parameter types the client
 * bound last (they stay in force for executes that do not send new ones) and data sent with COM_STMT_SEND_LONG_DATA
 * since the last execute or reset. Used by one command at a time of its connection.
 */
final class PreparedStatementState
{
    private final int id;
    private final String sql;
    private final int[] placeholderPositions;
    /** Type code of each parameter, plus 0x8000 when unsigned; -1 until the client binds types. */
    private final int[] parameterTypes;
    private final ByteArrayOutputStream[] longData;
    private boolean typesBound;
    private boolean longDataTooLarge;

    PreparedStatementState(int id, String sql, int[] placeholderPositions)
    {
        this.id = id;
        this.sql = requireNonNull(sql, "sql is null");
        this.placeholderPositions = placeholderPositions.clone();
        this.parameterTypes = new int[placeholderPositions.length];
        this.longData = new ByteArrayOutputStream[placeholderPositions.length];
    }

    int id()
    {
        return id;
    }

    String sql()
    {
        return sql;
    }

    int parameterCount()
    {
        return placeholderPositions.length;
    }

    int placeholderPosition(int parameter)
    {
        return placeholderPositions[parameter];
    }

    boolean typesBound()
    {
        return typesBound;
    }

    void bindType(int parameter, int typeCode, boolean unsigned)
    {
        parameterTypes[parameter] = typeCode | (unsigned ? 0x8000 : 0);
        typesBound = true;
    }

    int typeCode(int parameter)
    {
        return parameterTypes[parameter] & 0xFF;
    }

    boolean unsigned(int parameter)
    {
        return (parameterTypes[parameter] & 0x8000) != 0;
    }

    /** Appends a chunk of long data; returns false (and drops the data) once the parameter's data exceeds the limit. */
    boolean appendLongData(int parameter, byte[] chunk, int offset, int length, long limit)
    {
        ByteArrayOutputStream data = longData[parameter];
        if (data == null) {
            data = new ByteArrayOutputStream(Math.max(32, length));
            longData[parameter] = data;
        }
        if ((long) data.size() + length > limit) {
            longDataTooLarge = true;
            longData[parameter] = new ByteArrayOutputStream(0);
            return false;
        }
        data.write(chunk, offset, length);
        return true;
    }

    boolean longDataTooLarge()
    {
        return longDataTooLarge;
    }

    /** The long data of a parameter, or null when none was sent. */
    byte[] longData(int parameter)
    {
        ByteArrayOutputStream data = longData[parameter];
        return data == null ? null : data.toByteArray();
    }

    /** After an execute or COM_STMT_RESET: long data is consumed; bound types stay. */
    void clearLongData()
    {
        for (int i = 0; i < longData.length; i++) {
            longData[i] = null;
        }
        longDataTooLarge = false;
    }
}
