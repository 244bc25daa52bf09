package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.column.Utf8Strings;
import io.sluice.storage.type.ColumnType;

import java.math.BigDecimal;
import java.util.List;

/**
 * Hashing and comparing the leading key columns of rows held in column vectors, without boxing.
 * The hash is stable across restarts (it picks a row's tablet).
 */
final class RowKeys
{
    private static final long NULL_HASH = 0x5bd1e995L;

    private RowKeys() {}

    static long hash(List<ColumnVector> columns, int[] keyColumns, int row)
    {
        long hash = 17;
        for (int keyColumn : keyColumns) {
            hash = hash * 31 + valueHash(columns.get(keyColumn), row);
        }
        return mix(hash);
    }

    static long valueHash(ColumnVector column, int row)
    {
        if (column.isNull(row)) {
            return NULL_HASH;
        }
        if (column instanceof LongVector longs) {
            return mix(longs.value(row));
        }
        if (column instanceof DoubleVector doubles) {
            double value = doubles.value(row);
            return mix(Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
        }
        if (column instanceof StringVector strings && strings.isUtf8()) {
            int[] offsets = strings.utf8Offsets();
            // The string's own hash code: a row picks the same tablet whatever form its vector has.
            return mix(Utf8Strings.hashCode(strings.utf8Bytes(), offsets[row], offsets[row + 1]));
        }
        return mix(stringValue(column, row).hashCode());
    }

    static long mix(long value)
    {
        long hash = value * 0x9E3779B97F4A7C15L;
        hash ^= hash >>> 32;
        hash *= 0xC2B2AE3D27D4EB4FL;
        return hash ^ (hash >>> 29);
    }

    /** Whether two rows have equal keys; NULL equals NULL here (a key, not a predicate). */
    static boolean keysEqual(List<ColumnVector> left, int leftRow, List<ColumnVector> right, int rightRow, int[] keyColumns)
    {
        for (int keyColumn : keyColumns) {
            if (!valuesEqual(left.get(keyColumn), leftRow, right.get(keyColumn), rightRow)) {
                return false;
            }
        }
        return true;
    }

    static boolean valuesEqual(ColumnVector left, int leftRow, ColumnVector right, int rightRow)
    {
        boolean leftNull = left.isNull(leftRow);
        boolean rightNull = right.isNull(rightRow);
        if (leftNull || rightNull) {
            return leftNull && rightNull;
        }
        if (left instanceof LongVector leftLongs) {
            return leftLongs.value(leftRow) == ((LongVector) right).value(rightRow);
        }
        if (left instanceof DoubleVector leftDoubles) {
            return leftDoubles.value(leftRow) == ((DoubleVector) right).value(rightRow);
        }
        if (left instanceof StringVector leftStrings && leftStrings.isUtf8() && right instanceof StringVector rightStrings && rightStrings.isUtf8()) {
            int[] leftOffsets = leftStrings.utf8Offsets();
            int[] rightOffsets = rightStrings.utf8Offsets();
            return Utf8Strings.equals(leftStrings.utf8Bytes(), leftOffsets[leftRow], leftOffsets[leftRow + 1],
                    rightStrings.utf8Bytes(), rightOffsets[rightRow], rightOffsets[rightRow + 1]);
        }
        return stringValue(left, leftRow).equals(stringValue(right, rightRow));
    }

    static String stringValue(ColumnVector column, int row)
    {
        return column instanceof DictionaryVector dictionary ? dictionary.value(row) : ((StringVector) column).value(row);
    }

    /**
     * Orders two values of one column, NULL first; exact numbers kept as text (DECIMAL, LARGEINT) compare numerically.
     */
    static int compareValues(ColumnType type, ColumnVector left, int leftRow, ColumnVector right, int rightRow)
    {
        boolean leftNull = left.isNull(leftRow);
        boolean rightNull = right.isNull(rightRow);
        if (leftNull || rightNull) {
            return Boolean.compare(!leftNull, !rightNull);
        }
        if (left instanceof LongVector leftLongs) {
            return Long.compare(leftLongs.value(leftRow), ((LongVector) right).value(rightRow));
        }
        if (left instanceof DoubleVector leftDoubles) {
            return Double.compare(leftDoubles.value(leftRow), ((DoubleVector) right).value(rightRow));
        }
        String leftValue = stringValue(left, leftRow);
        String rightValue = stringValue(right, rightRow);
        return type.isExactNumberText() ? new BigDecimal(leftValue).compareTo(new BigDecimal(rightValue)) : leftValue.compareTo(rightValue);
    }
}
