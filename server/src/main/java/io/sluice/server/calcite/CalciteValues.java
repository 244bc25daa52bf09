package io.sluice.server.calcite;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.exec.ScanPredicate;
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.type.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that knows how storage holds values (see {@code PhysicalType}) and how Calcite wants them: column
 * types as Calcite types, storage values as Calcite's Java values, and Calcite literals as storage values for the
 * executor's predicates. When the storage representation of a type changes, only this class changes.
 */
final class CalciteValues
{
    private static final long MICROS_PER_MILLI = 1000;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CalciteValues() {}

    /** The Calcite type of a column, with its nullability. */
    static RelDataType calciteType(RelDataTypeFactory typeFactory, ColumnSchema column)
    {
        RelDataType type = switch (column.type()) {
            case BOOLEAN -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> typeFactory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> typeFactory.createSqlType(SqlTypeName.SMALLINT);
            case INT -> typeFactory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case LARGEINT -> typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, 0);
            case FLOAT -> typeFactory.createSqlType(SqlTypeName.FLOAT);
            case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, column.length() == 0 ? 38 : column.length(), column.scale());
            case CHAR, VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR, column.length());
            case STRING, JSON -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
            case DATE -> typeFactory.createSqlType(SqlTypeName.DATE);
            case DATETIME -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 0);
        };
        return typeFactory.createTypeWithNullability(type, column.nullable());
    }

    // ---- what the executor can do with a column type

    /** Whether storage values of the type order like the SQL values (range predicates, MIN/MAX, ORDER BY). */
    static boolean isOrderedInStorage(ColumnType type)
    {
        // exact numbers held as text compare as text ("10" < "9")
        return !type.isExactNumberText();
    }

    /** Whether the executor can SUM the column: integers give a Long, floating point a Double. */
    static boolean isSummable(ColumnType type)
    {
        return type == ColumnType.TINYINT || type == ColumnType.SMALLINT || type == ColumnType.INT || type == ColumnType.BIGINT
                || type == ColumnType.FLOAT || type == ColumnType.DOUBLE;
    }

    static boolean isInteger(ColumnType type)
    {
        return type == ColumnType.TINYINT || type == ColumnType.SMALLINT || type == ColumnType.INT || type == ColumnType.BIGINT;
    }

    static boolean isText(ColumnType type)
    {
        return type == ColumnType.CHAR || type == ColumnType.VARCHAR || type == ColumnType.STRING || type == ColumnType.JSON;
    }

    // ---- storage values to Calcite values

    /** How a storage value becomes the Java value Calcite expects for a field's SQL type. */
    enum Conversion
    {
        IDENTITY,
        LONG_TO_BOOLEAN,
        LONG_TO_BYTE,
        LONG_TO_SHORT,
        LONG_TO_INT,
        LONG_TO_DOUBLE,
        LONG_TO_DECIMAL,
        DAYS_TO_DATE,
        MICROS_TO_TIMESTAMP,
        TEXT_TO_DECIMAL,
    }

    /** How a stored value of a column of this type (projected, grouped on, MIN or MAX) becomes a value of the target type. */
    static Optional<Conversion> columnConversion(ColumnType source, RelDataType target)
    {
        SqlTypeName name = target.getSqlTypeName();
        return switch (source) {
            case BOOLEAN -> name == SqlTypeName.BOOLEAN ? Optional.of(Conversion.LONG_TO_BOOLEAN) : numberConversion(true, name);
            case TINYINT, SMALLINT, INT, BIGINT -> numberConversion(true, name);
            case FLOAT, DOUBLE -> numberConversion(false, name);
            case DATE -> name == SqlTypeName.DATE ? Optional.of(Conversion.DAYS_TO_DATE) : Optional.empty();
            case DATETIME -> name == SqlTypeName.TIMESTAMP ? Optional.of(Conversion.MICROS_TO_TIMESTAMP) : Optional.empty();
            case DECIMAL, LARGEINT -> name == SqlTypeName.DECIMAL ? Optional.of(Conversion.TEXT_TO_DECIMAL) : Optional.empty();
            case CHAR, VARCHAR, STRING, JSON -> name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR ? Optional.of(Conversion.IDENTITY) : Optional.empty();
        };
    }

    /** For a number the executor computed (a COUNT, a SUM): a Long when integral, else a Double. */
    static Optional<Conversion> numberConversion(boolean integral, RelDataType target)
    {
        return numberConversion(integral, target.getSqlTypeName());
    }

    private static Optional<Conversion> numberConversion(boolean integral, SqlTypeName target)
    {
        if (!integral) {
            return target == SqlTypeName.DOUBLE || target == SqlTypeName.FLOAT ? Optional.of(Conversion.IDENTITY) : Optional.empty();
        }
        return switch (target) {
            case TINYINT -> Optional.of(Conversion.LONG_TO_BYTE);
            case SMALLINT -> Optional.of(Conversion.LONG_TO_SHORT);
            case INTEGER -> Optional.of(Conversion.LONG_TO_INT);
            case BIGINT -> Optional.of(Conversion.IDENTITY);
            case DOUBLE, FLOAT -> Optional.of(Conversion.LONG_TO_DOUBLE);
            case DECIMAL -> Optional.of(Conversion.LONG_TO_DECIMAL);
            default -> Optional.empty();
        };
    }

    /** Converts one non-null storage value; integers that do not fit the SQL type fail cleanly. */
    static Object toCalcite(Conversion conversion, Object value)
    {
        return switch (conversion) {
            case IDENTITY -> value;
            case LONG_TO_BOOLEAN -> ((Long) value) != 0;
            case LONG_TO_BYTE -> (byte) checkedRange((Long) value, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
            case LONG_TO_SHORT -> (short) checkedRange((Long) value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
            case LONG_TO_INT -> (int) checkedRange((Long) value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
            case DAYS_TO_DATE -> (int) checkedRange((Long) value, Integer.MIN_VALUE, Integer.MAX_VALUE, "DATE");
            case LONG_TO_DOUBLE -> ((Long) value).doubleValue();
            case LONG_TO_DECIMAL -> BigDecimal.valueOf((Long) value);
            case MICROS_TO_TIMESTAMP -> Math.floorDiv((Long) value, MICROS_PER_MILLI);
            case TEXT_TO_DECIMAL -> new BigDecimal((String) value);
        };
    }

    private static long checkedRange(long value, long minimum, long maximum, String type)
    {
        if (value < minimum || value > maximum) {
            throw new SluiceException(ErrorCode.DATA_OUT_OF_RANGE, type + " value is out of range: " + value);
        }
        return value;
    }

    /** MySQL's AVG of exact numbers: the exact quotient rounded half up to the result's scale. */
    static BigDecimal exactAverage(long sum, long count, int scale)
    {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
    }

    // ---- Calcite literals to executor predicates

    /**
     * {@code column <operator> value} as an executor predicate, where value is a literal in Calcite's internal form
     * (BigDecimal, NlsString, DateString, TimestampString, Boolean). Empty when the column's storage cannot evaluate it
     * exactly as Calcite would: then the comparison stays in Calcite.
     */
    static Optional<ScanPredicate> comparison(int column, ColumnSchema schema, Operator operator, Object value)
    {
        ColumnType type = schema.type();
        if (type == ColumnType.DATETIME) {
            return datetimeComparison(column, operator, value);
        }
        if (!isOrderedInStorage(type) && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            return Optional.empty();
        }
        return storageLiteral(schema, value).map(literal -> new ScanPredicate.Compare(column, operator, literal));
    }

    /** {@code column [NOT] IN (values)}; empty when a value cannot be represented exactly. */
    static Optional<ScanPredicate> inList(int column, ColumnSchema schema, List<?> values, boolean negated)
    {
        if (schema.type() == ColumnType.DATETIME) {
            // each value is a range of microseconds: an OR of ranges, negated as a whole
            List<ScanPredicate> ranges = new ArrayList<>(values.size());
            for (Object value : values) {
                Optional<ScanPredicate> range = datetimeComparison(column, Operator.EQUAL, value);
                if (range.isEmpty()) {
                    return Optional.empty();
                }
                ranges.add(range.get());
            }
            ScanPredicate any = ranges.size() == 1 ? ranges.get(0) : new ScanPredicate.Or(ranges);
            return Optional.of(negated ? new ScanPredicate.Not(any) : any);
        }
        List<Object> literals = new ArrayList<>(values.size());
        for (Object value : values) {
            Optional<Object> literal = storageLiteral(schema, value);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            literals.add(literal.get());
        }
        if (literals.size() == 1) {
            return Optional.of(new ScanPredicate.Compare(column, negated ? Operator.NOT_EQUAL : Operator.EQUAL, literals.get(0)));
        }
        return Optional.of(new ScanPredicate.InList(column, literals, negated));
    }

    /**
     * A literal as the storage value of the column's type: Long for integers (exactly integral, within range), booleans,
     * DATE (epoch days); Double for FLOAT/DOUBLE; String for text and, in canonical form, exact numbers.
     */
    static Optional<Object> storageLiteral(ColumnSchema schema, Object value)
    {
        return switch (schema.type()) {
            case BOOLEAN -> value instanceof Boolean bool ? Optional.of(bool ? 1L : 0L) : integral(value);
            case TINYINT, SMALLINT, INT, BIGINT -> integral(value);
            case FLOAT, DOUBLE -> floatingPoint(value);
            case DATE -> value instanceof DateString date ? Optional.of((long) date.getDaysSinceEpoch()) : Optional.empty();
            case CHAR, VARCHAR, STRING, JSON -> text(value);
            case DECIMAL -> decimalText(value, schema.scale());
            case LARGEINT -> decimalText(value, 0);
            // compared through microsecond ranges, see datetimeComparison
            case DATETIME -> Optional.empty();
        };
    }

    private static Optional<Object> integral(Object value)
    {
        if (!(value instanceof BigDecimal number)) {
            return Optional.empty();
        }
        if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(number.longValueExact());
        }
        catch (ArithmeticException fractional) {
            return Optional.empty();
        }
    }

    private static Optional<Object> floatingPoint(Object value)
    {
        // Calcite compares a FLOAT/DOUBLE column with any numeric literal as a double, and so does the executor
        if (value instanceof BigDecimal number) {
            double converted = number.doubleValue();
            return Double.isFinite(converted) ? Optional.of(converted) : Optional.empty();
        }
        if (value instanceof Double number && Double.isFinite(number)) {
            return Optional.of(number);
        }
        return Optional.empty();
    }

    private static Optional<Object> text(Object value)
    {
        if (value instanceof NlsString string) {
            return Optional.ofNullable(string.getValue());
        }
        if (value instanceof String string) {
            return Optional.of(string);
        }
        return Optional.empty();
    }

    /** Exact numbers are stored as canonical text (scaled to the column's scale): equal values have equal text. */
    private static Optional<Object> decimalText(Object value, int scale)
    {
        if (!(value instanceof BigDecimal number)) {
            return Optional.empty();
        }
        try {
            return Optional.of(number.setScale(scale, RoundingMode.UNNECESSARY).toPlainString());
        }
        catch (ArithmeticException moreDecimalsThanTheColumn) {
            return Optional.empty();
        }
    }

    /**
     * DATETIME is stored in microseconds and seen by Calcite in milliseconds (rounded down), so a comparison with
     * millisecond m is a comparison with the microsecond range [m * 1000, (m + 1) * 1000).
     */
    private static Optional<ScanPredicate> datetimeComparison(int column, Operator operator, Object value)
    {
        if (!(value instanceof TimestampString timestamp)) {
            return Optional.empty();
        }
        long low;
        long high;
        try {
            low = Math.multiplyExact(timestamp.getMillisSinceEpoch(), MICROS_PER_MILLI);
            high = Math.addExact(low, MICROS_PER_MILLI);
        }
        catch (ArithmeticException e) {
            return Optional.empty();
        }
        ScanPredicate predicate = switch (operator) {
            case EQUAL -> new ScanPredicate.And(List.of(
                    new ScanPredicate.Compare(column, Operator.GREATER_OR_EQUAL, low),
                    new ScanPredicate.Compare(column, Operator.LESS, high)));
            case NOT_EQUAL -> new ScanPredicate.Or(List.of(
                    new ScanPredicate.Compare(column, Operator.LESS, low),
                    new ScanPredicate.Compare(column, Operator.GREATER_OR_EQUAL, high)));
            case LESS -> new ScanPredicate.Compare(column, Operator.LESS, low);
            case LESS_OR_EQUAL -> new ScanPredicate.Compare(column, Operator.LESS, high);
            case GREATER -> new ScanPredicate.Compare(column, Operator.GREATER_OR_EQUAL, high);
            case GREATER_OR_EQUAL -> new ScanPredicate.Compare(column, Operator.GREATER_OR_EQUAL, low);
        };
        return Optional.of(predicate);
    }

    /**
     * A SQL LIKE pattern with an optional escape character as the executor's MySQL pattern (backslash escapes).
     * Calcite's LIKE has no escape character unless one is given, so a lone backslash is literal there.
     */
    static Optional<String> mysqlLikePattern(String pattern, Optional<Character> escape)
    {
        StringBuilder result = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape.isPresent() && c == escape.get()) {
                if (i + 1 == pattern.length()) {
                    // Calcite rejects a trailing escape at run time; leave the error to it
                    return Optional.empty();
                }
                char escaped = pattern.charAt(++i);
                if (escaped != '%' && escaped != '_' && escaped != escape.get()) {
                    return Optional.empty();
                }
                result.append('\\').append(escaped);
            }
            else if (c == '\\') {
                result.append("\\\\");
            }
            else {
                result.append(c);
            }
        }
        return Optional.of(result.toString());
    }

    /** Whether every value of one type is the same value in another (so a CAST of a column does not matter). */
    static boolean isLosslessWidening(RelDataType from, RelDataType to)
    {
        SqlTypeName source = from.getSqlTypeName();
        SqlTypeName target = to.getSqlTypeName();
        if (source == target) {
            return switch (source) {
                case VARCHAR -> to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || to.getPrecision() >= from.getPrecision();
                case DECIMAL -> to.getScale() == from.getScale() && to.getPrecision() >= from.getPrecision();
                case TIMESTAMP -> to.getPrecision() >= from.getPrecision();
                case CHAR -> to.getPrecision() == from.getPrecision();
                default -> true;
            };
        }
        int digits = integerDigits(source);
        if (digits == 0) {
            return source == SqlTypeName.CHAR && target == SqlTypeName.VARCHAR && to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                    || source == SqlTypeName.FLOAT && target == SqlTypeName.DOUBLE;
        }
        return switch (target) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> integerDigits(target) >= digits;
            case DECIMAL -> to.getPrecision() - to.getScale() >= digits;
            // a double holds every integer up to 2^53 exactly
            case DOUBLE, FLOAT -> source != SqlTypeName.BIGINT;
            default -> false;
        };
    }

    private static int integerDigits(SqlTypeName type)
    {
        return switch (type) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> 0;
        };
    }
}
