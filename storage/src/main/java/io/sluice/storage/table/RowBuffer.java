package io.sluice.storage.table;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.ColumnType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows being assembled for a new segment, in primitive arrays of a fixed capacity (a batch never produces more rows
 * than it has), so the vector views of {@link #columns()} stay valid while rows are added and changed in place.
 * Values come from other vectors (a batch row, a published row) and are merged with the AGGREGATE functions.
 */
final class RowBuffer
{
    private final ColumnType[] types;
    private final String[] names;
    private final long[][] longs;
    private final double[][] doubles;
    private final String[][] strings;
    private final boolean[][] nulls;
    private final List<ColumnVector> views;
    private int rowCount;

    RowBuffer(ColumnType[] types, String[] names, int capacity)
    {
        this.types = types;
        this.names = names;
        int columnCount = types.length;
        longs = new long[columnCount][];
        doubles = new double[columnCount][];
        strings = new String[columnCount][];
        nulls = new boolean[columnCount][];
        List<ColumnVector> vectors = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            nulls[column] = new boolean[capacity];
            switch (types[column].physicalType()) {
                case LONG -> {
                    longs[column] = new long[capacity];
                    vectors.add(new LongVector(longs[column], nulls[column], capacity));
                }
                case DOUBLE -> {
                    doubles[column] = new double[capacity];
                    vectors.add(new DoubleVector(doubles[column], nulls[column], capacity));
                }
                case STRING -> {
                    strings[column] = new String[capacity];
                    vectors.add(new StringVector(strings[column], capacity));
                }
            }
        }
        this.views = List.copyOf(vectors);
    }

    /** Views over the whole capacity; only rows below {@link #rowCount()} are meaningful. */
    List<ColumnVector> columns()
    {
        return views;
    }

    int rowCount()
    {
        return rowCount;
    }

    int appendRow()
    {
        return rowCount++;
    }

    boolean isNull(int column, int row)
    {
        return nulls[column][row];
    }

    void copyRow(int targetRow, List<ColumnVector> source, int sourceRow)
    {
        for (int column = 0; column < types.length; column++) {
            copy(column, targetRow, source.get(column), sourceRow);
        }
    }

    void copy(int column, int targetRow, ColumnVector source, int sourceRow)
    {
        boolean isNull = source.isNull(sourceRow);
        nulls[column][targetRow] = isNull;
        switch (types[column].physicalType()) {
            case LONG -> longs[column][targetRow] = isNull ? 0 : ((LongVector) source).value(sourceRow);
            case DOUBLE -> doubles[column][targetRow] = isNull ? 0 : ((DoubleVector) source).value(sourceRow);
            case STRING -> strings[column][targetRow] = isNull ? null : RowKeys.stringValue(source, sourceRow);
        }
    }

    /** Sets a physical value (Long, Double, String) or NULL. */
    void set(int column, int row, Object value)
    {
        nulls[column][row] = value == null;
        switch (types[column].physicalType()) {
            case LONG -> longs[column][row] = value == null ? 0 : (Long) value;
            case DOUBLE -> doubles[column][row] = value == null ? 0 : (Double) value;
            case STRING -> strings[column][row] = (String) value;
        }
    }

    /** Folds the source value into the buffered one with an AGGREGATE KEY function. */
    void merge(int column, AggregationFunction function, int targetRow, ColumnVector source, int sourceRow)
    {
        boolean sourceNull = source.isNull(sourceRow);
        boolean targetNull = nulls[column][targetRow];
        switch (function) {
            case NONE, REPLACE -> copy(column, targetRow, source, sourceRow);
            case REPLACE_IF_NOT_NULL -> {
                if (!sourceNull) {
                    copy(column, targetRow, source, sourceRow);
                }
            }
            case SUM -> {
                if (sourceNull) {
                    return;
                }
                if (targetNull) {
                    copy(column, targetRow, source, sourceRow);
                    return;
                }
                add(column, targetRow, source, sourceRow);
            }
            case MAX, MIN -> {
                if (sourceNull) {
                    return;
                }
                if (targetNull) {
                    copy(column, targetRow, source, sourceRow);
                    return;
                }
                int comparison = compare(column, targetRow, source, sourceRow);
                if (function == AggregationFunction.MAX ? comparison < 0 : comparison > 0) {
                    copy(column, targetRow, source, sourceRow);
                }
            }
        }
    }

    private void add(int column, int targetRow, ColumnVector source, int sourceRow)
    {
        switch (types[column].physicalType()) {
            case LONG -> {
                long left = longs[column][targetRow];
                long right = ((LongVector) source).value(sourceRow);
                long sum = left + right;
                if (((left ^ sum) & (right ^ sum)) < 0 || !types[column].fits(sum)) {
                    throw new SluiceException(ErrorCode.DATA_OUT_OF_RANGE, types[column].name() + " value is out of range in 'sum(" + names[column] + ")'");
                }
                longs[column][targetRow] = sum;
            }
            case DOUBLE -> doubles[column][targetRow] += ((DoubleVector) source).value(sourceRow);
            case STRING -> strings[column][targetRow] = new BigDecimal(strings[column][targetRow]).add(new BigDecimal(RowKeys.stringValue(source, sourceRow))).toPlainString();
        }
    }

    /**
     * Compares the buffered non-NULL value with a non-NULL source value: negative when the buffered one is smaller.
     * Exact numbers kept as text (DECIMAL, LARGEINT) compare numerically.
     */
    int compare(int column, int targetRow, ColumnVector source, int sourceRow)
    {
        return switch (types[column].physicalType()) {
            case LONG -> Long.compare(longs[column][targetRow], ((LongVector) source).value(sourceRow));
            case DOUBLE -> Double.compare(doubles[column][targetRow], ((DoubleVector) source).value(sourceRow));
            case STRING -> types[column].isExactNumberText()
                    ? new BigDecimal(strings[column][targetRow]).compareTo(new BigDecimal(RowKeys.stringValue(source, sourceRow)))
                    : strings[column][targetRow].compareTo(RowKeys.stringValue(source, sourceRow));
        };
    }
}
