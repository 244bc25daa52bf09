package io.sluice.server.calcite;

import io.sluice.storage.exec.SortKey;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pushes ORDER BY fields with LIMIT/OFFSET, a plain ORDER BY, or a plain LIMIT into a scan that is not sorted or
 * limited yet, over its rows or over its aggregation's groups. The scan then carries the sort's collation.
 */
final class SluiceSortRule
        extends RelRule<SluiceRuleConfig>
        implements TransformationRule
{
    static final SluiceRuleConfig CONFIG = new SluiceRuleConfig(
            sort -> sort.operand(LogicalSort.class).oneInput(scan -> scan.operand(SluiceTableScan.class)
                    .predicate(scanNode -> !scanNode.spec().isSortedOrLimited())
                    .noInputs()),
            "SluiceSortRule",
            RelFactories.LOGICAL_BUILDER,
            SluiceSortRule::new);

    private SluiceSortRule(SluiceRuleConfig config)
    {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call)
    {
        LogicalSort sort = call.rel(0);
        SluiceTableScan scan = call.rel(1);
        OptionalLong offset = count(sort.offset, 0);
        OptionalLong fetch = count(sort.fetch, -1);
        if (offset.isEmpty() || fetch.isEmpty()) {
            return;
        }
        List<ScanOutput> outputs = scan.spec().outputs();
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
            if (!(outputs.get(field.getFieldIndex()) instanceof ScanOutput.Direct direct) || !direct.sortable()
                    || field.getDirection() == RelFieldCollation.Direction.CLUSTERED) {
                return;
            }
            boolean descending = field.getDirection().isDescending();
            RelFieldCollation.NullDirection nulls = field.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? field.getDirection().defaultNullDirection()
                    : field.nullDirection;
            keys.add(new SortKey(field.getFieldIndex(), descending, nulls == RelFieldCollation.NullDirection.FIRST));
        }
        OptionalLong limit = fetch.getAsLong() < 0 ? OptionalLong.empty() : OptionalLong.of(fetch.getAsLong());
        if (keys.isEmpty() && offset.getAsLong() == 0 && limit.isEmpty()) {
            return;
        }
        RelCollation collation = sort.getCollation();
        RelTraitSet traits = keys.isEmpty() ? scan.getTraitSet() : scan.getTraitSet().replaceIf(RelCollationTraitDef.INSTANCE, () -> collation);
        call.transformTo(scan.withSpec(scan.spec().withOrder(keys, offset.getAsLong(), limit), scan.getRowType(), traits));
    }

    /** A literal OFFSET or FETCH, the default when absent, empty when it is not a literal (a dynamic parameter). */
    private static OptionalLong count(RexNode node, long absent)
    {
        if (node == null) {
            return OptionalLong.of(absent);
        }
        if (node instanceof RexLiteral literal) {
            BigDecimal value = literal.getValueAs(BigDecimal.class);
            if (value != null && value.signum() >= 0) {
                try {
                    return OptionalLong.of(value.longValueExact());
                }
                catch (ArithmeticException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
