package io.sluice.storage.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Materializes the output rows of sorted (or numbered) references, applying OFFSET and the LIMIT end.
 */
final class ResultRows
{
    private ResultRows() {}

    /** Rows for {@code references[offset..min(end, count))}. */
    static List<Object[]> materialize(long[] references, int count, long offset, long end, List<OutputField> fields)
    {
        List<Object[]> rows = new ArrayList<>();
        long last = Math.min(end, count);
        for (long index = offset; index < last; index++) {
            rows.add(row(references[(int) index], fields));
        }
        return rows;
    }

    static Object[] row(long reference, List<OutputField> fields)
    {
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = fields.get(i).value(reference);
        }
        return row;
    }
}
