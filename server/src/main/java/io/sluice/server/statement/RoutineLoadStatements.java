package io.sluice.server.statement;

import io.sluice.loader.job.ColumnMapping;
import io.sluice.loader.job.RoutineLoadDefinition;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadShow;
import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlLoadColumn;
import io.sluice.sql.ast.SqlShowRoutineLoad;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Translates routine load statements between the parser's nodes and the loader's model.
 */
final class RoutineLoadStatements
{
    private RoutineLoadStatements() {}

    static RoutineLoadDefinition definition(SqlCreateRoutineLoad statement, String sql, String databaseName)
    {
        List<ColumnMapping> columns = new ArrayList<>();
        for (SqlLoadColumn column : statement.columns()) {
            Optional<String> expression = Optional.ofNullable(column.expression()).map(node -> ConstantExpressions.sourceText(sql, node));
            columns.add(new ColumnMapping(column.name(), expression));
        }
        return new RoutineLoadDefinition(
                databaseName,
                statement.jobName(),
                statement.tableName(),
                columns,
                Optional.ofNullable(statement.where()).map(node -> ConstantExpressions.sourceText(sql, node)),
                Optional.ofNullable(statement.columnSeparator()),
                Optional.ofNullable(statement.rowDelimiter()),
                statement.partitions(),
                statement.jobProperties(),
                statement.dataSourceType(),
                statement.dataSourceProperties());
    }

    /** The rows of SHOW [ALL] ROUTINE LOAD [FOR name] [FROM db] [WHERE col = 'v' [AND ...]] [ORDER BY col [DESC], ...] [LIMIT n]. */
    static List<String[]> show(SqlShowRoutineLoad statement, List<RoutineLoadJob> jobs, String databaseName)
    {
        List<String[]> rows = new ArrayList<>();
        for (RoutineLoadJob job : jobs) {
            if (!job.definition().databaseName().equals(databaseName)) {
                continue;
            }
            if (statement.jobName() != null && !job.definition().name().equals(statement.jobName())) {
                continue;
            }
            if (!statement.all() && job.state().isFinal()) {
                continue;
            }
            String[] row = RoutineLoadShow.row(job).toArray(new String[0]);
            if (statement.where() == null || matches(statement.where(), row)) {
                rows.add(row);
            }
        }
        if (statement.orderBy() != null && !statement.orderBy().isEmpty()) {
            rows.sort(ordering(statement.orderBy().getList()));
        }
        int offset = statement.offset() == null ? 0 : intValue(statement.offset());
        int limit = statement.limit() == null ? Integer.MAX_VALUE : intValue(statement.limit());
        return rows.subList(Math.min(offset, rows.size()), (int) Math.min(rows.size(), (long) offset + limit));
    }

    private static boolean matches(SqlNode condition, String[] row)
    {
        if (condition instanceof SqlBasicCall call) {
            if (call.getKind() == SqlKind.AND) {
                return matches(call.operand(0), row) && matches(call.operand(1), row);
            }
            if (call.getKind() == SqlKind.EQUALS && call.operand(0) instanceof SqlIdentifier identifier && call.operand(1) instanceof SqlLiteral literal) {
                String value = row[columnIndex(identifier.getSimple())];
                String expected = literal.toValue();
                return value != null && value.equalsIgnoreCase(expected);
            }
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "SHOW ROUTINE LOAD supports WHERE with column = 'value' conditions joined by AND");
    }

    private static Comparator<String[]> ordering(List<SqlNode> keys)
    {
        Comparator<String[]> ordering = (left, right) -> 0;
        for (SqlNode key : keys) {
            boolean descending = key.getKind() == SqlKind.DESCENDING;
            SqlNode expression = descending ? ((SqlBasicCall) key).operand(0) : key;
            if (!(expression instanceof SqlIdentifier identifier)) {
                throw new SluiceException(ErrorCode.NOT_SUPPORTED, "SHOW ROUTINE LOAD can be ordered by column names only");
            }
            int index = columnIndex(identifier.getSimple());
            Comparator<String[]> byColumn = (left, right) -> compareValues(left[index], right[index]);
            ordering = ordering.thenComparing(descending ? byColumn.reversed() : byColumn);
        }
        return ordering;
    }

    private static int compareValues(String left, String right)
    {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        try {
            return Long.compare(Long.parseLong(left), Long.parseLong(right));
        }
        catch (NumberFormatException e) {
            return left.compareTo(right);
        }
    }

    private static int columnIndex(String name)
    {
        for (int i = 0; i < RoutineLoadShow.COLUMNS.size(); i++) {
            if (RoutineLoadShow.COLUMNS.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "' in 'where clause'");
    }

    private static int intValue(SqlNode node)
    {
        if (node instanceof SqlNumericLiteral literal) {
            return literal.intValue(true);
        }
        throw new SluiceException(ErrorCode.NOT_SUPPORTED, "LIMIT needs a number");
    }
}
