package io.sluice.server.calcite;

import io.sluice.storage.catalog.ColumnSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A scan of a Sluice table carrying what the storage executor is asked to do ({@link ScanSpec}) and the row type that
 * produces. Logical (convention NONE) so that the push-down rules match it under logical filters, projects,
 * aggregates and sorts wherever the planner puts them; {@link SluiceToEnumerableRule} makes it executable.
 */
final class SluiceTableScan
        extends TableScan
{
    private final SluiceTable sluiceTable;
    private final ScanSpec spec;
    private final RelDataType outputRowType;

    SluiceTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, SluiceTable sluiceTable, ScanSpec spec, RelDataType outputRowType)
    {
        super(cluster, traitSet, List.of(), table);
        this.sluiceTable = requireNonNull(sluiceTable, "sluiceTable is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.outputRowType = requireNonNull(outputRowType, "outputRowType is null");
        if (outputRowType.getFieldCount() != spec.outputs().size()) {
            throw new IllegalArgumentException("row type " + outputRowType + " does not match " + spec.outputs().size() + " outputs");
        }
    }

    static SluiceTableScan create(RelOptCluster cluster, RelOptTable relOptTable, SluiceTable sluiceTable)
    {
        RelDataType rowType = relOptTable.getRowType();
        List<ColumnSchema> columns = sluiceTable.columns();
        List<ScanOutput> outputs = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSchema column = columns.get(i);
            CalciteValues.Conversion conversion = CalciteValues.columnConversion(column.type(), rowType.getFieldList().get(i).getType())
                    .orElseThrow(() -> new IllegalStateException("no conversion for column " + column.name()));
            outputs.add(ScanOutput.Direct.of(i, conversion, CalciteValues.isOrderedInStorage(column.type())));
        }
        RelTraitSet traits = cluster.traitSetOf(Convention.NONE).replaceIf(RelCollationTraitDef.INSTANCE, () -> RelCollations.EMPTY);
        return new SluiceTableScan(cluster, traits, relOptTable, sluiceTable, ScanSpec.fullScan(outputs, sluiceTable.estimatedRowCount()), rowType);
    }

    SluiceTable sluiceTable()
    {
        return sluiceTable;
    }

    ScanSpec spec()
    {
        return spec;
    }

    List<ColumnSchema> columns()
    {
        return sluiceTable.columns();
    }

    SluiceTableScan withSpec(ScanSpec newSpec, RelDataType newRowType, RelTraitSet newTraits)
    {
        return new SluiceTableScan(getCluster(), newTraits, getTable(), sluiceTable, newSpec, newRowType);
    }

    @Override
    public RelDataType deriveRowType()
    {
        return outputRowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs)
    {
        return new SluiceTableScan(getCluster(), traitSet, getTable(), sluiceTable, spec, outputRowType);
    }

    @Override
    public void register(RelOptPlanner planner)
    {
        SluiceRules.register(planner);
    }

    @Override
    public RelWriter explainTerms(RelWriter writer)
    {
        return spec.explain(super.explainTerms(writer), columnNames(sluiceTable));
    }

    static List<String> columnNames(SluiceTable table)
    {
        List<String> names = new ArrayList<>();
        for (ColumnSchema column : table.columns()) {
            names.add(column.name());
        }
        return names;
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
}
