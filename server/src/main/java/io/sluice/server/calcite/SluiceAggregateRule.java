package io.sluice.server.calcite;

import io.sluice.server.calcite.CalciteValues.Conversion;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.exec.AggregateCall;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pushes GROUP BY columns with COUNT(*), COUNT([DISTINCT] column), SUM, MIN, MAX and AVG of columns into a scan that
 * has not been aggregated, sorted or limited. No FILTER clauses, no grouping sets, no other DISTINCT aggregates.
 */
final class SluiceAggregateRule
        extends RelRule<SluiceRuleConfig>
        implements TransformationRule
{
    static final SluiceRuleConfig CONFIG = new SluiceRuleConfig(
            aggregate -> aggregate.operand(LogicalAggregate.class).oneInput(scan -> scan.operand(SluiceTableScan.class)
                    .predicate(SluiceAggregateRule::acceptsAggregation)
                    .noInputs()),
            "SluiceAggregateRule",
            RelFactories.LOGICAL_BUILDER,
            SluiceAggregateRule::new);

    private SluiceAggregateRule(SluiceRuleConfig config)
    {
        super(config);
    }

    private static boolean acceptsAggregation(SluiceTableScan scan)
    {
        return !scan.spec().isAggregation() && !scan.spec().isSortedOrLimited();
    }

    @Override
    public void onMatch(RelOptRuleCall call)
    {
        LogicalAggregate aggregate = call.rel(0);
        SluiceTableScan scan = call.rel(1);
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || (aggregate.getGroupSet().isEmpty() && aggregate.getAggCallList().isEmpty())) {
            return;
        }
        ScanSpec spec = scan.spec();
        List<ColumnSchema> columns = scan.columns();
        List<RelDataType> outputTypes = new ArrayList<>();
        aggregate.getRowType().getFieldList().forEach(field -> outputTypes.add(field.getType()));

        List<Integer> groupBy = new ArrayList<>();
        List<ScanOutput> outputs = new ArrayList<>();
        for (int field : aggregate.getGroupSet()) {
            int column = spec.tableColumn(field);
            ColumnType type = columns.get(column).type();
            Optional<Conversion> conversion = CalciteValues.columnConversion(type, outputTypes.get(groupBy.size()));
            if (conversion.isEmpty()) {
                return;
            }
            outputs.add(ScanOutput.Direct.of(groupBy.size(), conversion.get(), CalciteValues.isOrderedInStorage(type)));
            groupBy.add(column);
        }

        List<AggregateCall> aggregates = new ArrayList<>();
        for (org.apache.calcite.rel.core.AggregateCall aggregateCall : aggregate.getAggCallList()) {
            RelDataType outputType = outputTypes.get(outputs.size());
            Optional<ScanOutput> output = translate(aggregateCall, outputType, spec, columns, groupBy.size(), aggregates);
            if (output.isEmpty()) {
                return;
            }
            outputs.add(output.get());
        }
        call.transformTo(scan.withSpec(spec.withAggregation(groupBy, aggregates, outputs), aggregate.getRowType(), scan.getTraitSet()));
    }

    /** Adds the executor aggregates one Calcite aggregate needs; gives how its output is made, or empty if it cannot. */
    private static Optional<ScanOutput> translate(
            org.apache.calcite.rel.core.AggregateCall call,
            RelDataType outputType,
            ScanSpec spec,
            List<ColumnSchema> columns,
            int groupCount,
            List<AggregateCall> aggregates)
    {
        if (call.hasFilter() || call.distinctKeys != null || !call.getCollation().getFieldCollations().isEmpty() || !call.rexList.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> arguments = call.getArgList();
        int field = groupCount + aggregates.size();
        if (arguments.isEmpty()) {
            if (call.getAggregation().getKind() != SqlKind.COUNT) {
                return Optional.empty();
            }
            aggregates.add(AggregateCall.countStar());
            return CalciteValues.numberConversion(true, outputType).map(conversion -> ScanOutput.Direct.of(field, conversion, true));
        }
        if (arguments.size() != 1) {
            return Optional.empty();
        }
        int column = spec.tableColumn(arguments.get(0));
        ColumnType type = columns.get(column).type();
        boolean distinct = call.isDistinct();
        switch (call.getAggregation().getKind()) {
            case COUNT -> {
                Optional<Conversion> conversion = CalciteValues.numberConversion(true, outputType);
                conversion.ifPresent(ignored -> aggregates.add(new AggregateCall(AggregateCall.Kind.COUNT, column, distinct)));
                return conversion.map(value -> ScanOutput.Direct.of(field, value, true));
            }
            case SUM, SUM0 -> {
                if (distinct || !CalciteValues.isSummable(type)) {
                    return Optional.empty();
                }
                boolean integral = CalciteValues.isInteger(type);
                Optional<Conversion> conversion = CalciteValues.numberConversion(integral, outputType);
                if (conversion.isEmpty()) {
                    return Optional.empty();
                }
                aggregates.add(new AggregateCall(AggregateCall.Kind.SUM, column, false));
                if (call.getAggregation().getKind() == SqlKind.SUM0) {
                    // SUM0 is 0 on no rows where the executor's SUM is NULL; sorting happens before that replacement
                    Object zero = integral ? (Object) 0L : (Object) 0.0;
                    return Optional.of(new ScanOutput.Direct(field, conversion.get(), Optional.of(zero), false));
                }
                return Optional.of(ScanOutput.Direct.of(field, conversion.get(), true));
            }
            case MIN, MAX -> {
                if (!CalciteValues.isOrderedInStorage(type)) {
                    return Optional.empty();
                }
                Optional<Conversion> conversion = CalciteValues.columnConversion(type, outputType);
                AggregateCall.Kind kind = call.getAggregation().getKind() == SqlKind.MIN ? AggregateCall.Kind.MIN : AggregateCall.Kind.MAX;
                conversion.ifPresent(ignored -> aggregates.add(new AggregateCall(kind, column, false)));
                return conversion.map(value -> ScanOutput.Direct.of(field, value, true));
            }
            case AVG -> {
                if (distinct) {
                    return Optional.empty();
                }
                SqlTypeName resultType = outputType.getSqlTypeName();
                if (CalciteValues.isInteger(type) && resultType == SqlTypeName.DECIMAL) {
                    aggregates.add(new AggregateCall(AggregateCall.Kind.SUM, column, false));
                    aggregates.add(new AggregateCall(AggregateCall.Kind.COUNT, column, false));
                    return Optional.of(new ScanOutput.ExactAverage(field, field + 1, outputType.getScale()));
                }
                if (CalciteValues.isSummable(type) && (resultType == SqlTypeName.DOUBLE || resultType == SqlTypeName.FLOAT)) {
                    aggregates.add(new AggregateCall(AggregateCall.Kind.AVG, column, false));
                    return Optional.of(ScanOutput.Direct.of(field, Conversion.IDENTITY, true));
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
