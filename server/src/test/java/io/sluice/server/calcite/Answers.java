package io.sluice.server.calcite;

import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts Sluice's answer and the reference's in one form before comparing them, column by column after Sluice's column
 * types: integers compare as numbers (H2 may give a NUMERIC where MySQL gives a BIGINT), decimals as numbers after
 * rounding the reference half up to the decimals Sluice shows (H2 averages and divides with more), floating point
 * to 12 significant digits; everything else (text, dates, times, booleans as 1/0) exactly as text.
 */
final class Answers
{
    private static final MathContext DOUBLE_DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);
    private static final String NULL = "NULL";

    private Answers() {}

    /** Both answers as rows of normalized text ("a | b | NULL"); sorted when the order is not part of the answer. */
    static List<List<String>> normalize(List<MysqlColumn> columns, List<String[]> actual, List<String[]> expected, boolean ordered)
    {
        int[] scales = decimalScales(columns, actual);
        List<String> actualRows = new ArrayList<>(actual.size());
        for (String[] row : actual) {
            actualRows.add(normalize(columns, scales, row, true));
        }
        List<String> expectedRows = new ArrayList<>(expected.size());
        for (String[] row : expected) {
            expectedRows.add(normalize(columns, scales, row, false));
        }
        if (!ordered) {
            actualRows.sort(null);
            expectedRows.sort(null);
        }
        return List.of(actualRows, expectedRows);
    }

    /** The decimals Sluice shows in each DECIMAL column (those of its first non-NULL value), else -1. */
    private static int[] decimalScales(List<MysqlColumn> columns, List<String[]> rows)
    {
        int[] scales = new int[columns.size()];
        for (int column = 0; column < scales.length; column++) {
            scales[column] = -1;
            if (columns.get(column).type() != MysqlType.NEWDECIMAL) {
                continue;
            }
            for (String[] row : rows) {
                if (row[column] != null) {
                    scales[column] = new BigDecimal(row[column]).scale();
                    break;
                }
            }
        }
        return scales;
    }

    private static String normalize(List<MysqlColumn> columns, int[] scales, String[] row, boolean actual)
    {
        if (row.length != columns.size()) {
            return "(" + row.length + " values for " + columns.size() + " columns)";
        }
        List<String> values = new ArrayList<>(row.length);
        for (int column = 0; column < row.length; column++) {
            values.add(row[column] == null ? NULL : value(columns.get(column).type(), scales[column], row[column], actual));
        }
        return String.join(" | ", values);
    }

    private static String value(MysqlType type, int scale, String text, boolean actual)
    {
        try {
            return switch (type) {
                case TINY, SHORT, LONG, LONGLONG -> new BigDecimal(text).stripTrailingZeros().toPlainString();
                case FLOAT, DOUBLE -> new BigDecimal(text).round(DOUBLE_DIGITS).stripTrailingZeros().toPlainString();
                case NEWDECIMAL -> {
                    BigDecimal number = new BigDecimal(text);
                    if (!actual && scale >= 0 && number.scale() > scale) {
                        number = number.setScale(scale, RoundingMode.HALF_UP);
                    }
                    yield number.stripTrailingZeros().toPlainString();
                }
                default -> text;
            };
        }
        catch (NumberFormatException e) {
            // not a number where Sluice says there is one: keep the text, so that the difference shows
            return "'" + text + "'";
        }
    }
}
