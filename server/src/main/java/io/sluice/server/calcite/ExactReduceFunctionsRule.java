package io.sluice.server.calcite;

import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

import java.util.List;

/**
 * Calcite's reduction of AVG (and of the other statistics) to SUM / COUNT, with the DECIMAL divisions exact: Calcite
 * divides DECIMALs to 16 significant digits, so the AVG of a LARGEINT or of a wide DECIMAL (or of a BIGINT the
 * executor does not average) came out rounded; and it casts the SUM to the AVG's type first, which overflowed. MySQL
 * divides the sum exactly and rounds half up to the result's decimals; so does {@link SluiceFunctions#exactDivide}.
 * Replaces {@code CoreRules.AGGREGATE_REDUCE_FUNCTIONS} in the planner.
 */
final class ExactReduceFunctionsRule
        extends AggregateReduceFunctionsRule
{
    static final ExactReduceFunctionsRule INSTANCE = new ExactReduceFunctionsRule(Config.DEFAULT);

    private ExactReduceFunctionsRule(Config config)
    {
        super(config);
    }

    @Override
    protected void newCalcRel(RelBuilder relBuilder, RelDataType rowType, List<RexNode> expressions)
    {
        super.newCalcRel(relBuilder, rowType, new ExactDivisions(relBuilder.getRexBuilder()).apply(expressions));
    }

    private static final class ExactDivisions
            extends RexShuttle
    {
        private final RexBuilder rexBuilder;

        ExactDivisions(RexBuilder rexBuilder)
        {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitCall(RexCall call)
        {
            if (isDecimal(call) && call.getKind() == SqlKind.CAST && call.getOperands().get(0) instanceof RexCall operand && isDecimalDivision(operand)) {
                // CAST(SUM / COUNT AS DECIMAL(p, s)): divided straight to s decimals, so rounded once
                return divide(call.getType(), operand);
            }
            if (isDecimalDivision(call)) {
                return divide(call.getType(), call);
            }
            return super.visitCall(call);
        }

        private RexNode divide(RelDataType type, RexCall division)
        {
            RexNode dividend = withoutExactCast(division.getOperands().get(0)).accept(this);
            return SluiceFunctions.exactDivide(rexBuilder, type, dividend, division.getOperands().get(1).accept(this));
        }

        /**
         * The SUM itself rather than Calcite's CAST of it to the AVG type, which has room for an average, not for a
         * sum: the SUM of many TINYINTs overflowed DECIMAL(7, 4). The exact division needs no cast.
         */
        private static RexNode withoutExactCast(RexNode dividend)
        {
            if (dividend instanceof RexCall cast && cast.getKind() == SqlKind.CAST && isDecimal(cast)) {
                RexNode operand = cast.getOperands().get(0);
                SqlTypeName type = operand.getType().getSqlTypeName();
                if (SqlTypeName.INT_TYPES.contains(type) || type == SqlTypeName.DECIMAL) {
                    return operand;
                }
            }
            return dividend;
        }

        private static boolean isDecimalDivision(RexCall call)
        {
            return call.getOperator() == SqlStdOperatorTable.DIVIDE && isDecimal(call);
        }

        private static boolean isDecimal(RexCall call)
        {
            return call.getType().getSqlTypeName() == SqlTypeName.DECIMAL;
        }
    }
}
