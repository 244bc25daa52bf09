package io.sluice.server.calcite;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes a projection into the scan: a project of distinct plain columns disappears into the scan; a project that
 * computes expressions keeps computing them above a scan that reads only the columns they use.
 */
final class SluiceProjectRule
        extends RelRule<SluiceRuleConfig>
        implements TransformationRule
{
    static final SluiceRuleConfig CONFIG = new SluiceRuleConfig(
            project -> project.operand(LogicalProject.class).oneInput(scan -> scan.operand(SluiceTableScan.class)
                    .predicate(scanNode -> !scanNode.spec().isAggregation())
                    .noInputs()),
            "SluiceProjectRule",
            RelFactories.LOGICAL_BUILDER,
            SluiceProjectRule::new);

    private SluiceProjectRule(SluiceRuleConfig config)
    {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call)
    {
        LogicalProject project = call.rel(0);
        SluiceTableScan scan = call.rel(1);
        List<RexNode> projects = project.getProjects();
        if (RexOver.containsOver(projects, null)) {
            return;
        }
        Optional<List<Integer>> plainFields = plainDistinctFields(projects);
        if (plainFields.isPresent()) {
            if (scan.spec().keepsSortKeys(plainFields.get())) {
                call.transformTo(scan.withSpec(scan.spec().withProjection(plainFields.get()), project.getRowType(), projectedTraits(scan, plainFields.get())));
            }
            return;
        }

        ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, null);
        int fieldCount = scan.getRowType().getFieldCount();
        // a scan of no columns would lose the row count: keep one column
        List<Integer> fields = used.isEmpty() ? List.of(0) : used.asList();
        if (fields.size() >= fieldCount || !scan.spec().keepsSortKeys(fields)) {
            return;
        }
        List<RelDataTypeField> scanFields = scan.getRowType().getFieldList();
        List<RelDataTypeField> keptFields = new ArrayList<>(fields.size());
        int[] newIndex = new int[fieldCount];
        for (int i = 0; i < fields.size(); i++) {
            keptFields.add(scanFields.get(fields.get(i)));
            newIndex[fields.get(i)] = i;
        }
        RelDataType keptType = project.getCluster().getTypeFactory().createStructType(keptFields);
        SluiceTableScan narrowed = scan.withSpec(scan.spec().withProjection(fields), keptType, projectedTraits(scan, fields));
        List<RexNode> remapped = new ArrayList<>(projects.size());
        RexShuttle shuttle = new RexShuttle()
        {
            @Override
            public RexNode visitInputRef(RexInputRef inputRef)
            {
                return new RexInputRef(newIndex[inputRef.getIndex()], inputRef.getType());
            }
        };
        for (RexNode expression : projects) {
            remapped.add(expression.accept(shuttle));
        }
        call.transformTo(project.copy(project.getTraitSet(), narrowed, remapped, project.getRowType()));
    }

    /** The scan's traits with its collation (of a pushed sort) renumbered for the kept fields. */
    private static RelTraitSet projectedTraits(SluiceTableScan scan, List<Integer> fields)
    {
        RelCollation collation = scan.getTraitSet().getTrait(RelCollationTraitDef.INSTANCE);
        if (collation == null || collation.getFieldCollations().isEmpty()) {
            return scan.getTraitSet();
        }
        Map<Integer, Integer> newIndexes = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            newIndexes.put(fields.get(i), i);
        }
        return scan.getTraitSet().replace(RelCollations.permute(collation, newIndexes));
    }

    /** The input fields when there are some and every expression is a distinct field reference. */
    private static Optional<List<Integer>> plainDistinctFields(List<RexNode> projects)
    {
        if (projects.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> fields = new ArrayList<>(projects.size());
        Set<Integer> seen = new HashSet<>();
        for (RexNode expression : projects) {
            if (!(expression instanceof RexInputRef input) || !seen.add(input.getIndex())) {
                return Optional.empty();
            }
            fields.add(input.getIndex());
        }
        return Optional.of(fields);
    }
}
