package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds segments from rows for tests: STRING columns as dictionary or plain vectors, numeric columns with a null
 * mask only when some value is NULL (as the storage does).
 */
final class TestSegments
{
    private TestSegments() {}

    static Segment segment(long id, List<PhysicalType> types, List<Object[]> rows, boolean dictionaryStrings)
    {
        boolean[] dictionary = new boolean[types.size()];
        Arrays.fill(dictionary, dictionaryStrings);
        return segment(id, types, rows, dictionary);
    }

    static Segment segment(long id, List<PhysicalType> types, List<Object[]> rows, boolean[] dictionaryColumns)
    {
        List<ColumnVector> columns = new ArrayList<>();
        for (int column = 0; column < types.size(); column++) {
            columns.add(vector(types.get(column), rows, column, dictionaryColumns[column]));
        }
        return new Segment(id, 0, id, columns, rows.size());
    }

    static ColumnVector vector(PhysicalType type, List<Object[]> rows, int column, boolean dictionary)
    {
        int size = rows.size();
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        for (int row = 0; row < size; row++) {
            nulls[row] = rows.get(row)[column] == null;
            anyNull |= nulls[row];
        }
        switch (type) {
            case LONG -> {
                long[] values = new long[size];
                for (int row = 0; row < size; row++) {
                    // Garbage under NULLs: the executor must never read it as a value.
                    values[row] = nulls[row] ? 0x7777_7777_7777_7777L : (Long) rows.get(row)[column];
                }
                return new LongVector(values, anyNull ? nulls : null, size);
            }
            case DOUBLE -> {
                double[] values = new double[size];
                for (int row = 0; row < size; row++) {
                    values[row] = nulls[row] ? 1e300 : (Double) rows.get(row)[column];
                }
                return new DoubleVector(values, anyNull ? nulls : null, size);
            }
            default -> {
                String[] values = new String[size];
                for (int row = 0; row < size; row++) {
                    values[row] = (String) rows.get(row)[column];
                }
                if (!dictionary) {
                    return new StringVector(values, size);
                }
                TreeSet<String> distinct = new TreeSet<>();
                for (String value : values) {
                    if (value != null) {
                        distinct.add(value);
                    }
                }
                String[] sorted = distinct.toArray(new String[0]);
                int[] codes = new int[size];
                for (int row = 0; row < size; row++) {
                    codes[row] = values[row] == null ? DictionaryVector.NULL_CODE : Arrays.binarySearch(sorted, values[row]);
                }
                return new DictionaryVector(codes, sorted, size);
            }
        }
    }

    static SegmentSlice slice(Segment segment, int... deletedRows)
    {
        RoaringBitmap deleted = new RoaringBitmap();
        deleted.add(deletedRows);
        return new SegmentSlice(segment, deleted);
    }

    static List<Object[]> rows(Object[]... rows)
    {
        return List.of(rows);
    }
}
