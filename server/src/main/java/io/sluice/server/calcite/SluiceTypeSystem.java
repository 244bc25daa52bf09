package io.sluice.server.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.RoundingMode;

/**
 * Calcite's type rules adjusted to MySQL's results: AVG of exact numbers is a DECIMAL with four more decimals, SUM of
 * integers is a BIGINT (not the argument type, which overflows), DECIMAL goes to 38 digits (StarRocks' limit) and
 * rounds half up. Public for Calcite's connect-string plugin loader.
 */
public final class SluiceTypeSystem
        extends RelDataTypeSystemImpl
{
    public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

    private static final int MAXIMUM_DECIMAL_PRECISION = 38;
    private static final int AVERAGE_EXTRA_SCALE = 4;

    private SluiceTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName)
    {
        return typeName == SqlTypeName.DECIMAL ? MAXIMUM_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName)
    {
        return typeName == SqlTypeName.DECIMAL ? MAXIMUM_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public RoundingMode roundingMode()
    {
        return RoundingMode.HALF_UP;
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType)
    {
        int integerDigits = integerDigits(argumentType.getSqlTypeName());
        RelDataType average;
        if (integerDigits > 0) {
            average = typeFactory.createSqlType(SqlTypeName.DECIMAL, integerDigits + AVERAGE_EXTRA_SCALE, AVERAGE_EXTRA_SCALE);
        }
        else if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            average = typeFactory.createSqlType(
                    SqlTypeName.DECIMAL,
                    Math.min(MAXIMUM_DECIMAL_PRECISION, argumentType.getPrecision() + AVERAGE_EXTRA_SCALE),
                    Math.min(MAXIMUM_DECIMAL_PRECISION, argumentType.getScale() + AVERAGE_EXTRA_SCALE));
        }
        else {
            return super.deriveAvgAggType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(average, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType)
    {
        if (integerDigits(argumentType.getSqlTypeName()) > 0) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        return super.deriveSumType(typeFactory, argumentType);
    }

    private static int integerDigits(SqlTypeName type)
    {
        return switch (type) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> 0;
        };
    }
}
