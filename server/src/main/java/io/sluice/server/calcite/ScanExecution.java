package io.sluice.server.calcite;

import io.sluice.server.calcite.CalciteValues.Conversion;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.exec.QueryExecutor;
import io.sluice.storage.exec.ScanRequest;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableSnapshot;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The run-time half of an {@link EnumerableSluiceTableScan}: the code Calcite generates for a plan calls
 * {@link #rows()} (or {@link #values()}) on each execution, which takes the table's snapshot for this execution (the
 * same one for every scan of the table in the statement, see {@link StatementSnapshots}), runs the request in the
 * storage executor and converts the values for Calcite. Public only because the generated code calls it.
 */
public final class ScanExecution
{
    private static final int NO_COUNT = -1;

    private final StatementSnapshots snapshots;
    private final long tableId;
    private final ScanRequest request;
    private final int outputCount;
    private final Conversion[] conversions;
    private final int[] fields;
    private final int[] countFields;
    private final int[] scales;
    private final Object[] nullReplacements;
    private final boolean convertInPlace;

    ScanExecution(StatementSnapshots snapshots, long tableId, ScanRequest request, List<ScanOutput> outputs)
    {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.tableId = tableId;
        this.request = requireNonNull(request, "request is null");
        outputCount = outputs.size();
        conversions = new Conversion[outputCount];
        fields = new int[outputCount];
        countFields = new int[outputCount];
        scales = new int[outputCount];
        nullReplacements = new Object[outputCount];
        boolean inPlace = outputCount == request.outputFieldCount();
        for (int i = 0; i < outputCount; i++) {
            ScanOutput output = outputs.get(i);
            if (output instanceof ScanOutput.ExactAverage average) {
                fields[i] = average.sumField();
                countFields[i] = average.countField();
                scales[i] = average.scale();
                inPlace = false;
            }
            else {
                ScanOutput.Direct direct = (ScanOutput.Direct) output;
                fields[i] = direct.field();
                countFields[i] = NO_COUNT;
                conversions[i] = direct.conversion();
                nullReplacements[i] = direct.nullReplacement().orElse(null);
                inPlace &= direct.field() == i;
            }
        }
        convertInPlace = inPlace;
    }

    /** The rows, each an Object[] of the output fields (Calcite's ARRAY row format). */
    public Enumerable<Object[]> rows()
    {
        Optional<TableSnapshot> snapshot = snapshots.snapshot(tableId);
        if (snapshot.isEmpty()) {
            // dropped since planning; the plan cache forgets this plan at the catalog change
            return Linq4j.emptyEnumerable();
        }
        return new AbstractEnumerable<>()
        {
            @Override
            public Enumerator<Object[]> enumerator()
            {
                return new CancellableEnumerator<>(Linq4j.enumerator(execute(snapshot.get())), snapshots);
            }
        };
    }

    /** The rows of a single-field output, each the field's value (Calcite's SCALAR row format). */
    public Enumerable<Object> values()
    {
        if (outputCount != 1) {
            throw new IllegalStateException("values() needs exactly one output field, not " + outputCount);
        }
        Optional<TableSnapshot> snapshot = snapshots.snapshot(tableId);
        if (snapshot.isEmpty()) {
            return Linq4j.emptyEnumerable();
        }
        return new AbstractEnumerable<>()
        {
            @Override
            public Enumerator<Object> enumerator()
            {
                List<Object[]> rows = execute(snapshot.get());
                List<Object> values = new ArrayList<>(rows.size());
                for (Object[] row : rows) {
                    values.add(row[0]);
                }
                return new CancellableEnumerator<>(Linq4j.enumerator(values), snapshots);
            }
        };
    }

    private List<Object[]> execute(TableSnapshot snapshot)
    {
        // types and names from the snapshot itself, so that they always match its segments
        TableSchema schema = snapshot.table().schema();
        List<String> columnNames = new ArrayList<>(schema.columns().size());
        for (ColumnSchema column : schema.columns()) {
            columnNames.add(column.name());
        }
        List<Object[]> rows = QueryExecutor.execute(snapshot.slices(), TableData.physicalTypes(schema), columnNames, request, snapshots.cancelled()).rows();
        if (convertInPlace) {
            for (Object[] row : rows) {
                convertInPlace(row);
            }
            return rows;
        }
        List<Object[]> converted = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            converted.add(convert(row));
        }
        return converted;
    }

    /**
     * Checks for KILL QUERY every few rows read: a join or a correlated subquery re-reads its inputs many times, and
     * spends its time in Calcite's generated code between reads.
     */
    private static final class CancellableEnumerator<T>
            implements Enumerator<T>
    {
        private static final int CHECK_INTERVAL = 16;

        private final Enumerator<T> delegate;
        private final StatementSnapshots snapshots;
        private int untilCheck;

        CancellableEnumerator(Enumerator<T> delegate, StatementSnapshots snapshots)
        {
            this.delegate = delegate;
            this.snapshots = snapshots;
        }

        @Override
        public T current()
        {
            return delegate.current();
        }

        @Override
        public boolean moveNext()
        {
            if (--untilCheck <= 0) {
                untilCheck = CHECK_INTERVAL;
                snapshots.checkCancelled();
            }
            return delegate.moveNext();
        }

        @Override
        public void reset()
        {
            delegate.reset();
        }

        @Override
        public void close()
        {
            delegate.close();
        }
    }

    private void convertInPlace(Object[] row)
    {
        for (int i = 0; i < outputCount; i++) {
            row[i] = value(conversions[i], row[i], nullReplacements[i]);
        }
    }

    private Object[] convert(Object[] row)
    {
        Object[] result = new Object[outputCount];
        for (int i = 0; i < outputCount; i++) {
            if (countFields[i] == NO_COUNT) {
                result[i] = value(conversions[i], row[fields[i]], nullReplacements[i]);
            }
            else {
                Object sum = row[fields[i]];
                long count = (Long) row[countFields[i]];
                result[i] = sum == null || count == 0 ? null : CalciteValues.exactAverage((Long) sum, count, scales[i]);
            }
        }
        return result;
    }

    private static Object value(Conversion conversion, Object value, Object nullReplacement)
    {
        if (value == null) {
            return nullReplacement == null ? null : CalciteValues.toCalcite(conversion, nullReplacement);
        }
        return CalciteValues.toCalcite(conversion, value);
    }
}
