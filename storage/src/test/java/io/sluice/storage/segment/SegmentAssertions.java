package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Column comparison for round trips: exact double bits, and the same vector shape. */
final class SegmentAssertions
{
    private SegmentAssertions() {}

    static void assertSameColumns(List<ColumnVector> actual, List<ColumnVector> expected)
    {
        assertThat(actual).hasSameSizeAs(expected);
        for (int column = 0; column < expected.size(); column++) {
            assertSameColumn(actual.get(column), expected.get(column), column);
        }
    }

    static void assertSameColumn(ColumnVector actual, ColumnVector expected, int column)
    {
        assertThat(actual.size()).as("size of column %s", column).isEqualTo(expected.size());
        for (int row = 0; row < expected.size(); row++) {
            if (actual.isNull(row) != expected.isNull(row)) {
                fail("column %s row %s: NULL is %s, expected %s", column, row, actual.isNull(row), expected.isNull(row));
            }
            if (expected.isNull(row)) {
                continue;
            }
            if (expected instanceof DoubleVector expectedDoubles) {
                long actualBits = Double.doubleToRawLongBits(((DoubleVector) actual).value(row));
                long expectedBits = Double.doubleToRawLongBits(expectedDoubles.value(row));
                if (actualBits != expectedBits) {
                    fail("column %s row %s: %s, expected %s", column, row, ((DoubleVector) actual).value(row), expectedDoubles.value(row));
                }
            }
            else if (!expected.objectValue(row).equals(actual.objectValue(row))) {
                fail("column %s row %s: %s, expected %s", column, row, actual.objectValue(row), expected.objectValue(row));
            }
        }
        if (expected instanceof LongVector) {
            assertThat(actual).isInstanceOf(LongVector.class);
        }
        else if (expected instanceof DoubleVector) {
            assertThat(actual).isInstanceOf(DoubleVector.class);
        }
        else if (expected instanceof DictionaryVector) {
            assertThat(actual).isInstanceOf(DictionaryVector.class);
        }
        else {
            assertThat(actual).isInstanceOfAny(StringVector.class, DictionaryVector.class);
        }
    }
}
