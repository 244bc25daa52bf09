package io.sluice.server.access;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a query reads: every name in a FROM clause (joins, subqueries, set operations, WITH bodies), except
 * the names a WITH clause defines. Privileges are checked against these before the query is planned.
 */
public final class TableReferences
{
    private final List<SqlIdentifier> tables = new ArrayList<>();
    private final Set<String> withNames = new HashSet<>();

    private TableReferences() {}

    public static List<SqlIdentifier> of(SqlNode query)
    {
        TableReferences references = new TableReferences();
        references.visit(query);
        return List.copyOf(references.tables);
    }

    private void visit(SqlNode node)
    {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                visit(item);
            }
            return;
        }
        if (node instanceof SqlWith with) {
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                withNames.add(withItem.name.getSimple().toLowerCase(Locale.ROOT));
                visit(withItem.query);
            }
            visit(with.body);
            return;
        }
        if (node instanceof SqlSelect select) {
            from(select.getFrom());
            for (SqlNode operand : select.getOperandList()) {
                if (operand != select.getFrom()) {
                    visit(operand);
                }
            }
            return;
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                visit(operand);
            }
        }
    }

    private void from(SqlNode from)
    {
        if (from == null) {
            return;
        }
        if (from instanceof SqlIdentifier identifier) {
            if (identifier.names.size() != 1 || !withNames.contains(identifier.getSimple().toLowerCase(Locale.ROOT))) {
                tables.add(identifier);
            }
            return;
        }
        if (from instanceof SqlJoin join) {
            from(join.getLeft());
            from(join.getRight());
            visit(join.getCondition());
            return;
        }
        if (from.getKind() == SqlKind.AS) {
            from(((SqlCall) from).operand(0));
            return;
        }
        visit(from);
    }
}
