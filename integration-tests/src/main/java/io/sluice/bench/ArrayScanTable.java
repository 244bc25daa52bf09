package io.sluice.bench;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A table of plain Java arrays, one per column, exposed to Calcite the simplest way: a {@link ScannableTable} that
 * hands out every column of every row as a new Object[], one row at a time. No filter, projection or aggregate is
 * pushed into it, so Calcite's Enumerable operators do all the work: the "plain Calcite" baseline.
 */
final class ArrayScanTable
        extends AbstractTable
        implements ScannableTable
{
    private final ArrayColumn[] columns;
    private final int rows;

    ArrayScanTable(List<ArrayColumn> columns)
    {
        requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = columns.toArray(new ArrayColumn[0]);
        this.rows = this.columns[0].size();
        Set<String> names = new HashSet<>();
        for (ArrayColumn column : this.columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("duplicate column " + column.name());
            }
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size() + " rows, column "
                        + this.columns[0].name() + " has " + rows);
            }
        }
    }

    int rows()
    {
        return rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory)
    {
        RelDataTypeFactory.Builder type = typeFactory.builder();
        for (ArrayColumn column : columns) {
            type.add(column.name(), column.type(typeFactory));
        }
        return type.build();
    }

    /** The row count only: an adapter this simple knows no keys or orderings. */
    @Override
    public Statistic getStatistic()
    {
        return Statistics.of(rows, List.of());
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root)
    {
        return new AbstractEnumerable<>()
        {
            @Override
            public Enumerator<Object[]> enumerator()
            {
                return new RowEnumerator(columns, rows);
            }
        };
    }

    private static final class RowEnumerator
            implements Enumerator<Object[]>
    {
        private final ArrayColumn[] columns;
        private final int rows;
        private int row = -1;
        private Object[] current;

        private RowEnumerator(ArrayColumn[] columns, int rows)
        {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public boolean moveNext()
        {
            if (row + 1 >= rows) {
                current = null;
                return false;
            }
            row++;
            // A new array per row: Calcite's operators may keep a row (sort, top-N, hash join) after moving on.
            Object[] values = new Object[columns.length];
            for (int column = 0; column < columns.length; column++) {
                values[column] = columns[column].value(row);
            }
            current = values;
            return true;
        }

        @Override
        public Object[] current()
        {
            if (current == null) {
                throw new NoSuchElementException("no current row");
            }
            return current;
        }

        @Override
        public void reset()
        {
            row = -1;
            current = null;
        }

        @Override
        public void close()
        {
            // nothing to release: the arrays belong to the table
        }
    }
}
