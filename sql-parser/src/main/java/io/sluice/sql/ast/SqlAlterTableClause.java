package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import static java.util.Objects.requireNonNull;

/**
 * One change of {@code ALTER TABLE}: {@link SqlAddColumns}, {@link SqlDropColumn} or {@link SqlModifyColumn}. Clauses
 * are values: two clauses are equal when they make the same change, wherever they were written.
 */
public abstract sealed class SqlAlterTableClause
        permits SqlAddColumns, SqlDropColumn, SqlModifyColumn
{
    private final SqlParserPos position;

    SqlAlterTableClause(SqlParserPos position)
    {
        this.position = requireNonNull(position, "position is null");
    }

    /** Where the clause starts, for errors about it (unknown column, column exists...). */
    public SqlParserPos position()
    {
        return position;
    }

    abstract void unparse(SqlWriter writer);

    static void unparsePosition(SqlWriter writer, ColumnPosition position)
    {
        switch (position.kind()) {
            case FIRST -> writer.keyword("FIRST");
            case AFTER -> {
                writer.keyword("AFTER");
                writer.identifier(position.afterColumn(), true);
            }
            case DEFAULT -> {
                // nothing written
            }
        }
    }
}
