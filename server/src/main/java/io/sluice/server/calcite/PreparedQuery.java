package io.sluice.server.calcite;

import io.sluice.server.mysql.MysqlColumn;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A planned and compiled query with its result columns: executing it again costs no parsing, planning or code
 * generation, and it reads the data current at each execution.
 */
final class PreparedQuery
        implements AutoCloseable
{
    private final PreparedStatement statement;
    private final List<MysqlColumn> columns;
    private final int[] jdbcTypes;

    PreparedQuery(PreparedStatement statement, List<MysqlColumn> columns, int[] jdbcTypes)
    {
        this.statement = requireNonNull(statement, "statement is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.jdbcTypes = requireNonNull(jdbcTypes, "jdbcTypes is null").clone();
        if (jdbcTypes.length != columns.size()) {
            throw new IllegalArgumentException(jdbcTypes.length + " types for " + columns.size() + " columns");
        }
    }

    PreparedStatement statement()
    {
        return statement;
    }

    List<MysqlColumn> columns()
    {
        return columns;
    }

    int jdbcType(int column)
    {
        return jdbcTypes[column];
    }

    @Override
    public void close()
    {
        try {
            statement.close();
        }
        catch (SQLException ignored) {
            // an in-process statement holds no resource a failed close could leak
        }
    }
}
