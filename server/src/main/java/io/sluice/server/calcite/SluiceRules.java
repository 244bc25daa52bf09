package io.sluice.server.calcite;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

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

    static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, AGGREGATE, SORT, TO_ENUMERABLE);

    private SluiceRules() {}

    static void register(RelOptPlanner planner)
    {
        for (RelOptRule rule : ALL) {
            planner.addRule(rule);
        }
    }
}
