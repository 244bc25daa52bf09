package io.sluice.server.information;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An information_schema table: fixed columns, rows built from the live server state at each scan, so a cached plan
 * still sees the current jobs.
 */
abstract class InformationTable
        extends AbstractTable
{
    private final List<InformationColumn> columns;

    InformationTable(List<InformationColumn> columns)
    {
        this.columns = List.copyOf(columns);
    }

    List<InformationColumn> columns()
    {
        return columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory)
    {
        List<RelDataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (InformationColumn column : columns) {
            RelDataType type = column.type() == SqlTypeName.TIMESTAMP
                    ? typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 0)
                    : typeFactory.createSqlType(column.type());
            types.add(typeFactory.createTypeWithNullability(type, column.nullable()));
            names.add(column.name());
        }
        return typeFactory.createStructType(types, names);
    }

    /** A TIMESTAMP value: the wall-clock time in the server's zone, as Calcite and SHOW ROUTINE LOAD print it. */
    static Long timestamp(long epochMillis)
    {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault());
        return local.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
