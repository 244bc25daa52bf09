package io.sluice.server.calcite;

import io.sluice.server.access.TableReferences;
import io.sluice.server.information.InformationSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.Locale;
import java.util.Set;

/**
 * In MySQL, information_schema's columns have a case-insensitive collation, and drivers rely on it: MariaDB
 * Connector/J's getColumns computes NULLABLE as {@code IS_NULLABLE = 'yes'}. Sluice compares strings case-sensitively
 * (as StarRocks does), so in a query that reads information_schema, {@code =} and {@code <>} between one of its
 * keyword-valued columns and a string literal compare upper-cased values.
 */
final class InformationSchemaComparisons
        extends SqlShuttle
{
    private static final Set<String> KEYWORD_COLUMNS = Set.of("IS_NULLABLE", "COLUMN_KEY", "EXTRA", "DATA_TYPE", "TABLE_TYPE", "ENGINE",
            "ROW_FORMAT", "CONSTRAINT_TYPE", "INDEX_TYPE", "NULLABLE", "IS_UPDATABLE", "IS_DEFAULT", "IS_COMPILED", "SUPPORT", "ROUTINE_TYPE");

    private InformationSchemaComparisons() {}

    static SqlNode rewrite(SqlNode statement)
    {
        for (SqlIdentifier table : TableReferences.of(statement)) {
            if (table.names.size() == 2 && InformationSchema.isName(table.names.get(0))) {
                return statement.accept(new InformationSchemaComparisons());
            }
        }
        return statement;
    }

    @Override
    public SqlNode visit(SqlCall call)
    {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall comparison) || (comparison.getKind() != SqlKind.EQUALS && comparison.getKind() != SqlKind.NOT_EQUALS)
                || comparison.operandCount() != 2) {
            return visited;
        }
        SqlNode left = comparison.operand(0);
        SqlNode right = comparison.operand(1);
        if (!(isKeywordColumn(left) && right instanceof SqlCharStringLiteral) && !(isKeywordColumn(right) && left instanceof SqlCharStringLiteral)) {
            return visited;
        }
        SqlParserPos pos = comparison.getParserPosition();
        return comparison.getOperator().createCall(pos, upper(left), upper(right));
    }

    private static boolean isKeywordColumn(SqlNode node)
    {
        return node instanceof SqlIdentifier identifier && KEYWORD_COLUMNS.contains(identifier.names.get(identifier.names.size() - 1).toUpperCase(Locale.ROOT));
    }

    private static SqlNode upper(SqlNode node)
    {
        return SqlStdOperatorTable.UPPER.createCall(node.getParserPosition(), node);
    }
}
