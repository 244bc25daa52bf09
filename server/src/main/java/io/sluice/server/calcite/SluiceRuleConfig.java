package io.sluice.server.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.tools.RelBuilderFactory;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The configuration of a Sluice push-down rule, written by hand (Calcite's own rules generate theirs with Immutables).
 */
record SluiceRuleConfig(
        RelRule.OperandTransform operandSupplier,
        String description,
        RelBuilderFactory relBuilderFactory,
        Function<SluiceRuleConfig, RelOptRule> factory)
        implements RelRule.Config
{
    SluiceRuleConfig
    {
        requireNonNull(operandSupplier, "operandSupplier is null");
        requireNonNull(description, "description is null");
        requireNonNull(relBuilderFactory, "relBuilderFactory is null");
        requireNonNull(factory, "factory is null");
    }

    @Override
    public RelOptRule toRule()
    {
        return factory.apply(this);
    }

    @Override
    public SluiceRuleConfig withRelBuilderFactory(RelBuilderFactory newFactory)
    {
        return new SluiceRuleConfig(operandSupplier, description, newFactory, factory);
    }

    @Override
    public SluiceRuleConfig withDescription(String newDescription)
    {
        return new SluiceRuleConfig(operandSupplier, newDescription, relBuilderFactory, factory);
    }

    @Override
    public SluiceRuleConfig withOperandSupplier(RelRule.OperandTransform transform)
    {
        return new SluiceRuleConfig(transform, description, relBuilderFactory, factory);
    }
}
