package io.sluice.server.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/**
 * Makes a {@link SluiceTableScan}, with whatever the rules pushed into it, an executable
 * {@link EnumerableSluiceTableScan} with the same traits (a pushed sort keeps its collation).
 */
final class SluiceToEnumerableRule
        extends ConverterRule
{
    static final Config CONFIG = Config.INSTANCE
            .withConversion(SluiceTableScan.class, Convention.NONE, EnumerableConvention.INSTANCE, "SluiceToEnumerableRule")
            .withRuleFactory(SluiceToEnumerableRule::new);

    private SluiceToEnumerableRule(Config config)
    {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel)
    {
        SluiceTableScan scan = (SluiceTableScan) rel;
        return new EnumerableSluiceTableScan(
                scan.getCluster(),
                scan.getTraitSet().replace(EnumerableConvention.INSTANCE),
                scan.getTable(),
                scan.sluiceTable(),
                scan.spec(),
                scan.getRowType());
    }
}
