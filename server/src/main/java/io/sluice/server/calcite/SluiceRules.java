package io.sluice.server.calcite;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

import java.util.List;

/**
 * The rules that push work into {@link SluiceTableScan} and the one that makes it executable, registered when the
 * planner first meets such a scan.
 */
final class SluiceRules
{
    static final RelOptRule FILTER = SluiceFilterRule.CONFIG.toRule();
    static final RelOptRule PROJECT = SluiceProjectRule.CONFIG.toRule();
    static final RelOptRule AGGREGATE = SluiceAggregateRule.CONFIG.toRule();
    static final RelOptRule SORT = SluiceSortRule.CONFIG.toRule();
    static final RelOptRule TO_ENUMERABLE = SluiceToEnumerableRule.CONFIG.toRule();

    /**
     * Aggregating the big side of a join before joining (group by the join key in the executor, then join the few
     * groups): a fact table joined to a small dimension then grouped never streams its rows through Calcite.
     */
    static final RelOptRule AGGREGATE_BELOW_JOIN = CoreRules.AGGREGATE_JOIN_TRANSPOSE_EXTENDED;

    static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, AGGREGATE, SORT, TO_ENUMERABLE, AGGREGATE_BELOW_JOIN);

    private SluiceRules() {}

    static void register(RelOptPlanner planner)
    {
        for (RelOptRule rule : ALL) {
            planner.addRule(rule);
        }
        // AVG of DECIMALs divided exactly (the scan is registered before any rule fires on the plan above it)
        if (planner.removeRule(CoreRules.AGGREGATE_REDUCE_FUNCTIONS)) {
            planner.addRule(ExactReduceFunctionsRule.INSTANCE);
        }
    }
}
