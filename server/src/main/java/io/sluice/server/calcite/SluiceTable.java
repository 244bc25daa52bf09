package io.sluice.server.calcite;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.table.TableData;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Sluice table as Calcite sees it: planned as a {@link SluiceTableScan} into which rules push filters, projections,
 * aggregations, sorts and limits for the storage executor. Each execution reads the snapshot its
 * {@link StatementSnapshots} pins for the table.
 */
final class SluiceTable
        extends AbstractTable
        implements TranslatableTable
{
    private final Storage storage;
    private final StatementSnapshots snapshots;
    private final TableInfo table;

    SluiceTable(Storage storage, StatementSnapshots snapshots, TableInfo table)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.table = requireNonNull(table, "table is null");
    }

    /** The versions the executions of plans over this table read. */
    StatementSnapshots snapshots()
    {
        return snapshots;
    }

    TableInfo info()
    {
        return table;
    }

    List<ColumnSchema> columns()
    {
        return table.schema().columns();
    }

    /** Live rows now, for the planner's estimates only: executions read the snapshot current then. */
    double estimatedRowCount()
    {
        Optional<TableData> data = storage.tableData(table.id());
        if (data.isEmpty()) {
            return 0;
        }
        long rows = 0;
        for (SegmentSlice slice : data.get().snapshot().slices()) {
            rows += slice.liveRowCount();
        }
        return rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory)
    {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (ColumnSchema column : columns()) {
            builder.add(column.name(), CalciteValues.calciteType(typeFactory, column));
        }
        return builder.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable)
    {
        return SluiceTableScan.create(context.getCluster(), relOptTable, this);
    }
}
