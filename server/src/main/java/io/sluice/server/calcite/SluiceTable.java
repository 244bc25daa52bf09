package io.sluice.server.calcite;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableRows;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A Sluice table as Calcite sees it: a scan of the table's current snapshot with the key model applied.
 * (Filter and aggregate push-down into the columnar executor come with the storage engine.)
 */
final class SluiceTable
        extends AbstractTable
        implements ScannableTable
{
    private final Storage storage;
    private final TableInfo table;

    SluiceTable(Storage storage, TableInfo table)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.table = requireNonNull(table, "table is null");
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory)
    {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (ColumnSchema column : table.schema().columns()) {
            builder.add(column.name(), typeFactory.createTypeWithNullability(calciteType(typeFactory, column), column.nullable()));
        }
        return builder.build();
    }

    private static RelDataType calciteType(RelDataTypeFactory typeFactory, ColumnSchema column)
    {
        return switch (column.type()) {
            case BOOLEAN -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> typeFactory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> typeFactory.createSqlType(SqlTypeName.SMALLINT);
            case INT -> typeFactory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case LARGEINT -> typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, 0);
            case FLOAT -> typeFactory.createSqlType(SqlTypeName.FLOAT);
            case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, column.length() == 0 ? 38 : column.length(), column.scale());
            case CHAR, VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR, column.length());
            case STRING, JSON -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
            case DATE -> typeFactory.createSqlType(SqlTypeName.DATE);
            case DATETIME -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 0);
        };
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root)
    {
        List<ColumnSchema> columns = table.schema().columns();
        ColumnType[] types = new ColumnType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
        }
        return new AbstractEnumerable<>()
        {
            @Override
            public Enumerator<Object[]> enumerator()
            {
                TableData data = storage.tableData(table.id()).orElse(null);
                if (data == null) {
                    return Linq4j.emptyEnumerator();
                }
                Iterator<Object[]> rows = TableRows.rows(data.snapshot());
                return Linq4j.iterableEnumerator(() -> new Iterator<>()
                {
                    @Override
                    public boolean hasNext()
                    {
                        return rows.hasNext();
                    }

                    @Override
                    public Object[] next()
                    {
                        Object[] row = rows.next();
                        for (int i = 0; i < types.length; i++) {
                            row[i] = toCalcite(types[i], row[i]);
                        }
                        return row;
                    }
                });
            }
        };
    }

    /** Storage values (Long, Double, String) in the Java representation Calcite expects for the SQL type. */
    private static Object toCalcite(ColumnType type, Object value)
    {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> ((Long) value) != 0;
            case TINYINT -> ((Long) value).byteValue();
            case SMALLINT -> ((Long) value).shortValue();
            case INT, DATE -> ((Long) value).intValue();
            case DATETIME -> Math.floorDiv((Long) value, 1000L);
            case FLOAT -> ((Double) value).floatValue();
            case LARGEINT, DECIMAL -> new BigDecimal((String) value);
            default -> value;
        };
    }
}
