package io.sluice.server.calcite;

import io.sluice.storage.exec.ScanPredicate;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pushes the conjuncts of a filter that the executor evaluates exactly into the scan below; the others stay in a
 * filter above it. Only before aggregation, sort and limit: a filter above those is not a scan filter.
 */
final class SluiceFilterRule
        extends RelRule<SluiceRuleConfig>
        implements TransformationRule
{
    static final SluiceRuleConfig CONFIG = new SluiceRuleConfig(
            filter -> filter.operand(LogicalFilter.class).oneInput(scan -> scan.operand(SluiceTableScan.class)
                    .predicate(SluiceFilterRule::acceptsFilter)
                    .noInputs()),
            "SluiceFilterRule",
            RelFactories.LOGICAL_BUILDER,
            SluiceFilterRule::new);

    private SluiceFilterRule(SluiceRuleConfig config)
    {
        super(config);
    }

    private static boolean acceptsFilter(SluiceTableScan scan)
    {
        return !scan.spec().isAggregation() && !scan.spec().isSortedOrLimited();
    }

    @Override
    public void onMatch(RelOptRuleCall call)
    {
        LogicalFilter filter = call.rel(0);
        SluiceTableScan scan = call.rel(1);
        ScanPredicateTranslator translator = new ScanPredicateTranslator(scan.columns(), scan.spec());
        List<ScanPredicate> pushed = new ArrayList<>();
        List<RexNode> remaining = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            Optional<ScanPredicate> predicate = translator.translate(conjunct);
            if (predicate.isPresent()) {
                pushed.add(predicate.get());
            }
            else {
                remaining.add(conjunct);
            }
        }
        if (pushed.isEmpty()) {
            return;
        }
        ScanPredicate predicate = pushed.size() == 1 ? pushed.get(0) : new ScanPredicate.And(pushed);
        RelNode filtered = scan.withSpec(scan.spec().withFilter(predicate), scan.getRowType(), scan.getTraitSet());
        if (!remaining.isEmpty()) {
            // copy keeps the filter's correlation variables
            filtered = filter.copy(filter.getTraitSet(), filtered, RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), remaining));
        }
        call.transformTo(filtered);
    }
}
