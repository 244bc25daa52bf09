package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;

import java.util.List;

/**
 * {@link OutputField}s over table rows, referenced as {@code sliceIndex << 32 | row}, so a top-N or a sort can keep
 * rows of many segments as primitive longs and read values only to compare or to output them.
 */
final class RowFields
{
    private RowFields() {}

    static long reference(int sliceIndex, int row)
    {
        return ((long) sliceIndex << 32) | row;
    }

    static int sliceIndex(long reference)
    {
        return (int) (reference >>> 32);
    }

    static int row(long reference)
    {
        return (int) reference;
    }

    static OutputField create(int column, PhysicalType type, List<SegmentSlice> slices)
    {
        int sliceCount = slices.size();
        return switch (type) {
            case LONG -> {
                long[][] values = new long[sliceCount][];
                boolean[][] nulls = new boolean[sliceCount][];
                for (int slice = 0; slice < sliceCount; slice++) {
                    LongVector vector = SegmentColumns.longColumn(slices.get(slice).segment(), column);
                    values[slice] = vector.values();
                    nulls[slice] = vector.nulls();
                }
                yield new LongField(values, nulls);
            }
            case DOUBLE -> {
                double[][] values = new double[sliceCount][];
                boolean[][] nulls = new boolean[sliceCount][];
                for (int slice = 0; slice < sliceCount; slice++) {
                    DoubleVector vector = SegmentColumns.doubleColumn(slices.get(slice).segment(), column);
                    values[slice] = vector.values();
                    nulls[slice] = vector.nulls();
                }
                yield new DoubleField(values, nulls);
            }
            case STRING -> {
                ColumnVector[] vectors = new ColumnVector[sliceCount];
                for (int slice = 0; slice < sliceCount; slice++) {
                    vectors[slice] = SegmentColumns.stringColumn(slices.get(slice).segment(), column);
                }
                yield new StringField(vectors);
            }
        };
    }

    static final class LongField
            implements OutputField
    {
        private final long[][] values;
        private final boolean[][] nulls;

        private LongField(long[][] values, boolean[][] nulls)
        {
            this.values = values;
            this.nulls = nulls;
        }

        @Override
        public boolean isNull(long reference)
        {
            boolean[] sliceNulls = nulls[sliceIndex(reference)];
            return sliceNulls != null && sliceNulls[row(reference)];
        }

        long longValue(long reference)
        {
            return values[sliceIndex(reference)][row(reference)];
        }

        @Override
        public int compareNonNull(long left, long right)
        {
            return Long.compare(longValue(left), longValue(right));
        }

        @Override
        public Object value(long reference)
        {
            return isNull(reference) ? null : longValue(reference);
        }
    }

    static final class DoubleField
            implements OutputField
    {
        private final double[][] values;
        private final boolean[][] nulls;

        private DoubleField(double[][] values, boolean[][] nulls)
        {
            this.values = values;
            this.nulls = nulls;
        }

        @Override
        public boolean isNull(long reference)
        {
            boolean[] sliceNulls = nulls[sliceIndex(reference)];
            return sliceNulls != null && sliceNulls[row(reference)];
        }

        double doubleValue(long reference)
        {
            return values[sliceIndex(reference)][row(reference)];
        }

        @Override
        public int compareNonNull(long left, long right)
        {
            return Double.compare(doubleValue(left), doubleValue(right));
        }

        @Override
        public Object value(long reference)
        {
            return isNull(reference) ? null : doubleValue(reference);
        }
    }

    /** Strings; two rows of one dictionary segment compare by code, as the dictionary is sorted. */
    static final class StringField
            implements OutputField
    {
        private final ColumnVector[] vectors;

        private StringField(ColumnVector[] vectors)
        {
            this.vectors = vectors;
        }

        @Override
        public boolean isNull(long reference)
        {
            return vectors[sliceIndex(reference)].isNull(row(reference));
        }

        private String stringValue(long reference)
        {
            ColumnVector vector = vectors[sliceIndex(reference)];
            if (vector instanceof DictionaryVector dictionary) {
                return dictionary.value(row(reference));
            }
            return ((StringVector) vector).value(row(reference));
        }

        @Override
        public int compareNonNull(long left, long right)
        {
            int leftSlice = sliceIndex(left);
            if (leftSlice == sliceIndex(right) && vectors[leftSlice] instanceof DictionaryVector dictionary) {
                return Integer.compare(dictionary.code(row(left)), dictionary.code(row(right)));
            }
            return stringValue(left).compareTo(stringValue(right));
        }

        @Override
        public Object value(long reference)
        {
            return stringValue(reference);
        }
    }
}
