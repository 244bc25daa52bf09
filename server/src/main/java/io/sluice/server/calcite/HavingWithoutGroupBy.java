package io.sluice.server.calcite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL's HAVING without GROUP BY and without aggregates filters the result rows, and its names mean the select
 * list's aliases first (Connector/J's getTables sends {@code ... HAVING TABLE_TYPE IN (...) ORDER BY TABLE_TYPE,
 * TABLE_SCHEMA}, where TABLE_TYPE is an alias of a CASE and TABLE_SCHEMA a column); standard SQL would make the whole
 * query one group. Such a HAVING joins the WHERE clause, each alias replaced by its expression.
 */
final class HavingWithoutGroupBy
        extends SqlShuttle
{
    // before validation, function calls are unresolved: aggregates are known by name
    private static final Set<String> AGGREGATE_NAMES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "ANY_VALUE", "BIT_AND", "BIT_OR",
            "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "APPROX_COUNT_DISTINCT");

    @Override
    public SqlNode visit(SqlCall call)
    {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlSelect select) || select.getHaving() == null
                || (select.getGroup() != null && select.getGroup().size() > 0)
                || hasAggregate(select.getSelectList()) || hasAggregate(select.getHaving())) {
            return visited;
        }
        Map<String, SqlNode> aliases = new HashMap<>();
        for (SqlNode item : select.getSelectList()) {
            if (item.getKind() == SqlKind.AS) {
                SqlCall as = (SqlCall) item;
                aliases.putIfAbsent(((SqlIdentifier) as.operand(1)).getSimple().toUpperCase(Locale.ROOT), as.operand(0));
            }
        }
        SqlNode condition = select.getHaving().accept(new SqlShuttle()
        {
            @Override
            public SqlNode visit(SqlIdentifier identifier)
            {
                SqlNode aliased = identifier.isSimple() ? aliases.get(identifier.getSimple().toUpperCase(Locale.ROOT)) : null;
                return aliased == null ? identifier : aliased.clone(aliased.getParserPosition());
            }
        });
        SqlNode where = select.getWhere();
        select.setWhere(where == null ? condition : SqlStdOperatorTable.AND.createCall(select.getParserPosition(), where, condition));
        select.setHaving(null);
        return select;
    }
    private static boolean hasAggregate(SqlNode node)
    {
        if (node == null) {
            return false;
        }
        boolean[] found = new boolean[1];
        node.accept(new SqlBasicVisitor<Void>()
        {
            @Override
            public Void visit(SqlCall call)
            {
                if (call.getOperator().isAggregator() || AGGREGATE_NAMES.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
                    found[0] = true;
                    return null;
                }
                if (call instanceof SqlSelect) {
                    // a subquery's aggregates are its own
                    return null;
                }
                return super.visit(call);
            }
        });
        return found[0];
    }
}
