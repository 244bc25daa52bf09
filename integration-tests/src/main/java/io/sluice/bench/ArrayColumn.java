package io.sluice.bench;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import static java.util.Objects.requireNonNull;

/**
 * A column of an {@link ArrayScanTable}: a name, a SQL type and the values in one plain Java array. Values come out
 * boxed, one at a time, in Calcite's internal representation (a DATE is an Integer of days since 1970-01-01).
 */
abstract sealed class ArrayColumn
{
    private final String name;

    private ArrayColumn(String name)
    {
        this.name = requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    static ArrayColumn bigint(String name, long[] values)
    {
        return new BigintColumn(name, values);
    }

    static ArrayColumn integer(String name, int[] values)
    {
        return new IntegerColumn(name, SqlTypeName.INTEGER, values);
    }

    static ArrayColumn date(String name, int[] epochDays)
    {
        return new IntegerColumn(name, SqlTypeName.DATE, epochDays);
    }

    static ArrayColumn doublePrecision(String name, double[] values)
    {
        return new DoubleColumn(name, values);
    }

    static ArrayColumn varchar(String name, int length, String[] values)
    {
        return new VarcharColumn(name, length, values);
    }

    final String name()
    {
        return name;
    }

    abstract RelDataType type(RelDataTypeFactory typeFactory);

    abstract int size();

    /** The value of {@code row}, boxed: a fresh Object[] row per scanned row is what Calcite's ScannableTable asks for. */
    abstract Object value(int row);

    private static final class BigintColumn
            extends ArrayColumn
    {
        private final long[] values;

        private BigintColumn(String name, long[] values)
        {
            super(name);
            this.values = requireNonNull(values, "values is null");
        }

        @Override
        RelDataType type(RelDataTypeFactory typeFactory)
        {
            return typeFactory.createSqlType(SqlTypeName.BIGINT);
        }

        @Override
        int size()
        {
            return values.length;
        }

        @Override
        Object value(int row)
        {
            return values[row];
        }
    }

    /** INTEGER, or DATE stored as Calcite stores it: days since the epoch. */
    private static final class IntegerColumn
            extends ArrayColumn
    {
        private final SqlTypeName type;
        private final int[] values;

        private IntegerColumn(String name, SqlTypeName type, int[] values)
        {
            super(name);
            this.type = requireNonNull(type, "type is null");
            this.values = requireNonNull(values, "values is null");
        }

        @Override
        RelDataType type(RelDataTypeFactory typeFactory)
        {
            return typeFactory.createSqlType(type);
        }

        @Override
        int size()
        {
            return values.length;
        }

        @Override
        Object value(int row)
        {
            return values[row];
        }
    }

    private static final class DoubleColumn
            extends ArrayColumn
    {
        private final double[] values;

        private DoubleColumn(String name, double[] values)
        {
            super(name);
            this.values = requireNonNull(values, "values is null");
        }

        @Override
        RelDataType type(RelDataTypeFactory typeFactory)
        {
            return typeFactory.createSqlType(SqlTypeName.DOUBLE);
        }

        @Override
        int size()
        {
            return values.length;
        }

        @Override
        Object value(int row)
        {
            return values[row];
        }
    }

    private static final class VarcharColumn
            extends ArrayColumn
    {
        private final int length;
        private final String[] values;

        private VarcharColumn(String name, int length, String[] values)
        {
            super(name);
            if (length < 1) {
                throw new IllegalArgumentException("varchar length must be at least 1: " + length);
            }
            this.length = length;
            this.values = requireNonNull(values, "values is null");
            // The column is declared NOT NULL, so Calcite's generated code never checks.
            for (int row = 0; row < values.length; row++) {
                if (values[row] == null) {
                    throw new IllegalArgumentException("column " + name + " has a null at row " + row);
                }
            }
        }

        @Override
        RelDataType type(RelDataTypeFactory typeFactory)
        {
            return typeFactory.createSqlType(SqlTypeName.VARCHAR, length);
        }

        @Override
        int size()
        {
            return values.length;
        }

        @Override
        Object value(int row)
        {
            return values[row];
        }
    }
}
