package io.sluice.server.information;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;

import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** An information_schema table whose rows are computed from the catalog at each scan (Calcite applies WHERE). */
final class ComputedTable
        extends InformationTable
        implements ScannableTable
{
    private final Supplier<List<Object[]>> rows;

    ComputedTable(List<InformationColumn> columns, Supplier<List<Object[]>> rows)
    {
        super(columns);
        this.rows = requireNonNull(rows, "rows is null");
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root)
    {
        return Linq4j.asEnumerable(rows.get());
    }
}
