package io.sluice.server.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The executable form of a {@link SluiceTableScan} (ENUMERABLE convention): the generated code calls
 * {@link ScanExecution#rows()} or {@link ScanExecution#values()}, which runs the request in the storage executor over the snapshot the
 * execution reads and converts the values for Calcite.
 */
final class EnumerableSluiceTableScan
        extends TableScan
        implements EnumerableRel
{
    private final SluiceTable sluiceTable;
    private final ScanSpec spec;
    private final RelDataType outputRowType;

    EnumerableSluiceTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, SluiceTable sluiceTable, ScanSpec spec, RelDataType outputRowType)
    {
        super(cluster, traitSet, List.of(), table);
        this.sluiceTable = requireNonNull(sluiceTable, "sluiceTable is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.outputRowType = requireNonNull(outputRowType, "outputRowType is null");
    }

    @Override
    public RelDataType deriveRowType()
    {
        return outputRowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs)
    {
        return new EnumerableSluiceTableScan(getCluster(), traitSet, getTable(), sluiceTable, spec, outputRowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter writer)
    {
        return spec.explain(super.explainTerms(writer), SluiceTableScan.columnNames(sluiceTable));
    }

    @Override
    public double estimateRowCount(RelMetadataQuery metadataQuery)
    {
        return spec.estimatedRows();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery metadataQuery)
    {
        return planner.getCostFactory().makeCost(spec.cost(), 0, 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer preference)
    {
        // like Calcite's own table scans: one field is a SCALAR row (the value itself), more are an ARRAY
        boolean scalar = getRowType().getFieldCount() == 1;
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), scalar ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY);
        ScanExecution execution = new ScanExecution(sluiceTable.snapshots(), sluiceTable.info().id(), spec.request(), spec.outputs());
        Expression stashed = implementor.stash(execution, ScanExecution.class);
        return implementor.result(physType, Blocks.toBlock(Expressions.call(stashed, scalar ? "values" : "rows")));
    }
}
