package io.sluice.server.calcite;

import io.sluice.server.mysql.MysqlColumn;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A materialized query result in MySQL text form: one String (or null) per column per row.
 */
public record QueryResult(List<MysqlColumn> columns, List<String[]> rows)
{
    public QueryResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(rows, "rows is null");
    }
}
