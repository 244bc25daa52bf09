package io.sluice.server.mysql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link MysqlSession} answers to a command. The protocol layer encodes it; which variants are legal depends on
 * the command (see {@link MysqlSession}).
 */
public sealed interface MysqlResponse
        permits MysqlResponse.Ok, MysqlResponse.ResultSet, MysqlResponse.FieldList, MysqlResponse.Error
{
    static Ok ok()
    {
        return new Ok(0, 0, 0, "");
    }

    static Ok ok(long affectedRows)
    {
        return new Ok(affectedRows, 0, 0, "");
    }

    static Error error(int code, String sqlState, String message)
    {
        return new Error(code, sqlState, message);
    }

    /** OK packet: the statement succeeded without a result set. {@code info} is shown by the mysql client. */
    record Ok(long affectedRows, long lastInsertId, int warnings, String info)
            implements MysqlResponse
    {
        public Ok
        {
            if (affectedRows < 0) {
                throw new IllegalArgumentException("affectedRows is negative: " + affectedRows);
            }
            if (lastInsertId < 0) {
                throw new IllegalArgumentException("lastInsertId is negative: " + lastInsertId);
            }
            if (warnings < 0 || warnings > 0xFFFF) {
                throw new IllegalArgumentException("warnings must be between 0 and 65535: " + warnings);
            }
            requireNonNull(info, "info is null");
        }
    }

    /**
     * A text-protocol result set. Rows are pulled from {@code rows} on a worker thread while they are written, so the
     * engine can stream a large result without materializing it; the source is closed once the result set is sent, or
     * abandoned because the client went away. A ResultSet can be sent once.
     */
    record ResultSet(List<MysqlColumn> columns, MysqlRowSource rows)
            implements MysqlResponse
    {
        public ResultSet
        {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a result set needs at least one column");
            }
            requireNonNull(rows, "rows is null");
        }

        /** A materialized result: one String per column per row, null meaning SQL NULL. */
        public ResultSet(List<MysqlColumn> columns, List<String[]> rows)
        {
            this(columns, MysqlRowSource.of(checkRowWidths(columns, rows)));
        }

        private static List<String[]> checkRowWidths(List<MysqlColumn> columns, List<String[]> rows)
        {
            requireNonNull(columns, "columns is null");
            requireNonNull(rows, "rows is null");
            for (int i = 0; i < rows.size(); i++) {
                String[] row = requireNonNull(rows.get(i), "row is null");
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException(
                            "row %s has %s values but there are %s columns".formatted(i, row.length, columns.size()));
                }
            }
            return rows;
        }
    }

    /** Answer to COM_FIELD_LIST: the column definitions of a table. */
    record FieldList(List<MysqlColumn> columns)
            implements MysqlResponse
    {
        public FieldList
        {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }
    }

    /** ERR packet. {@code sqlState} is 5 characters, for example "42000". */
    record Error(int code, String sqlState, String message)
            implements MysqlResponse
    {
        public Error
        {
            MysqlException.validate(code, sqlState);
            requireNonNull(message, "message is null");
        }
    }
}
