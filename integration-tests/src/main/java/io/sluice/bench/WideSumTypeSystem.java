package io.sluice.bench;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's default types, except that SUM of a TINYINT, SMALLINT or INTEGER column is a BIGINT (as in MySQL, DuckDB
 * and H2) instead of the argument's type, which silently wraps around once a sum passes 2^31. Public with an
 * {@code INSTANCE} because Calcite's JDBC driver instantiates it by name from the {@code typeSystem} property.
 */
public final class WideSumTypeSystem
        extends RelDataTypeSystemImpl
{
    public static final WideSumTypeSystem INSTANCE = new WideSumTypeSystem();

    private WideSumTypeSystem() {}

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType)
    {
        return switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER ->
                    typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
            default -> super.deriveSumType(typeFactory, argumentType);
        };
    }
}
