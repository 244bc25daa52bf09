package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.type.PhysicalType;

/**
 * Typed access to a segment's column vectors: a vector of the wrong kind for the table's schema is a corrupt
 * segment, reported as such rather than as a ClassCastException.
 */
final class SegmentColumns
{
    private SegmentColumns() {}

    static ColumnVector column(Segment segment, int column)
    {
        if (column >= segment.columns().size()) {
            throw new SluiceException(ErrorCode.CORRUPT_DATA, "Segment " + segment.id() + " has " + segment.columns().size() + " columns, column " + column + " was asked for");
        }
        return segment.column(column);
    }

    static LongVector longColumn(Segment segment, int column)
    {
        if (column(segment, column) instanceof LongVector vector) {
            return vector;
        }
        throw mismatch(segment, column, PhysicalType.LONG);
    }

    static DoubleVector doubleColumn(Segment segment, int column)
    {
        if (column(segment, column) instanceof DoubleVector vector) {
            return vector;
        }
        throw mismatch(segment, column, PhysicalType.DOUBLE);
    }

    /** A STRING column: either a {@link StringVector} or a {@link DictionaryVector}. */
    static ColumnVector stringColumn(Segment segment, int column)
    {
        ColumnVector vector = column(segment, column);
        if (vector instanceof StringVector || vector instanceof DictionaryVector) {
            return vector;
        }
        throw mismatch(segment, column, PhysicalType.STRING);
    }

    static ColumnVector typedColumn(Segment segment, int column, PhysicalType type)
    {
        return switch (type) {
            case LONG -> longColumn(segment, column);
            case DOUBLE -> doubleColumn(segment, column);
            case STRING -> stringColumn(segment, column);
        };
    }

    private static SluiceException mismatch(Segment segment, int column, PhysicalType expected)
    {
        return new SluiceException(ErrorCode.CORRUPT_DATA, "Segment " + segment.id() + " column " + column + " holds a "
                + segment.column(column).getClass().getSimpleName() + ", the table's schema says " + expected);
    }
}
