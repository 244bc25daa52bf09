package io.sluice.sql.function;

import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * MySQL-like dynamic value semantics for the function library: values are Long, Double, BigDecimal, String, Boolean,
 * {@link IntervalValue} or null; dates and date-times are strings as MySQL prints them. NULL propagates, numbers
 * widen Long -> BigDecimal -> Double, text compared with a number is read as a number.
 */
public final class SqlValues
{
    /** MySQL's div_precision_increment: {@code a / b} has the scale of {@code a} plus this. */
    public static final int DIVISION_EXTRA_SCALE = 4;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private SqlValues() {}

    public static boolean isTrue(Object value)
    {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof String text) {
            return numericPrefix(text) != 0;
        }
        return false;
    }

    public static Object and(Object left, Object right)
    {
        if ((left != null && !isTrue(left)) || (right != null && !isTrue(right))) {
            return false;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    public static Object or(Object left, Object right)
    {
        if ((left != null && isTrue(left)) || (right != null && isTrue(right))) {
            return true;
        }
        return left == null || right == null ? null : Boolean.FALSE;
    }

    public static Object negate(Object value)
    {
        Object number = number(value);
        if (number instanceof Long longValue) {
            if (longValue == Long.MIN_VALUE) {
                return BigDecimal.valueOf(longValue).negate();
            }
            return -longValue;
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.negate();
        }
        return number == null ? null : -((Double) number);
    }

    /**
     * {@code + - * / %} the MySQL way: integers stay integers (overflow is an error) except for {@code /}, which gives
     * a decimal with 4 more digits of scale; anything divided by zero, and modulo zero, is NULL; a double operand makes
     * the result a double.
     */
    public static Object arithmetic(SqlKind kind, Object left, Object right)
    {
        Object leftNumber = number(left);
        Object rightNumber = number(right);
        if (leftNumber == null || rightNumber == null) {
            return null;
        }
        if (kind != SqlKind.DIVIDE && leftNumber instanceof Long a && rightNumber instanceof Long b) {
            try {
                return switch (kind) {
                    case PLUS -> Math.addExact(a, b);
                    case MINUS -> Math.subtractExact(a, b);
                    case TIMES -> Math.multiplyExact(a, b);
                    default -> b == 0 ? null : a % b;
                };
            }
            catch (ArithmeticException e) {
                throw new ArithmeticException("BIGINT value is out of range in '" + a + " " + kind.sql + " " + b + "'");
            }
        }
        if (leftNumber instanceof Double || rightNumber instanceof Double) {
            double a = ((Number) leftNumber).doubleValue();
            double b = ((Number) rightNumber).doubleValue();
            return switch (kind) {
                case PLUS -> a + b;
                case MINUS -> a - b;
                case TIMES -> a * b;
                case DIVIDE -> b == 0 ? null : a / b;
                default -> b == 0 ? null : a % b;
            };
        }
        BigDecimal a = decimal(leftNumber);
        BigDecimal b = decimal(rightNumber);
        return switch (kind) {
            case PLUS -> a.add(b);
            case MINUS -> a.subtract(b);
            case TIMES -> a.multiply(b);
            case DIVIDE -> b.signum() == 0 ? null : a.divide(b, Math.max(0, a.scale()) + DIVISION_EXTRA_SCALE, RoundingMode.HALF_UP);
            default -> b.signum() == 0 ? null : a.remainder(b);
        };
    }

    /** {@code a DIV b}: the quotient truncated toward zero, as a BIGINT; NULL when b is 0. */
    public static Object integerDivide(Object left, Object right)
    {
        Object leftNumber = number(left);
        Object rightNumber = number(right);
        if (leftNumber == null || rightNumber == null) {
            return null;
        }
        if (leftNumber instanceof Long a && rightNumber instanceof Long b) {
            if (b == 0) {
                return null;
            }
            if (a == Long.MIN_VALUE && b == -1) {
                throw new ArithmeticException("BIGINT value is out of range in '" + a + " DIV " + b + "'");
            }
            return a / b;
        }
        if (leftNumber instanceof Double || rightNumber instanceof Double) {
            double b = ((Number) rightNumber).doubleValue();
            if (b == 0) {
                return null;
            }
            return toLongExact(new BigDecimal(((Number) leftNumber).doubleValue() / b).setScale(0, RoundingMode.DOWN), "DIV");
        }
        BigDecimal b = decimal(rightNumber);
        if (b.signum() == 0) {
            return null;
        }
        return toLongExact(decimal(leftNumber).divideToIntegralValue(b), "DIV");
    }

    /**
     * Orders two non-null values: two strings compare as text, anything else as numbers (a string compared with a
     * number is read the MySQL way: '10' = 10, '10abc' = 10, 'abc' = 0).
     */
    public static int compare(Object left, Object right)
    {
        if (left instanceof String leftText && right instanceof String rightText) {
            return leftText.compareTo(rightText);
        }
        if (left instanceof Boolean || right instanceof Boolean) {
            return Boolean.compare(isTrue(left), isTrue(right));
        }
        if (left instanceof IntervalValue || right instanceof IntervalValue) {
            return text(left).compareTo(text(right));
        }
        Object leftNumber = comparableNumber(left);
        Object rightNumber = comparableNumber(right);
        if (leftNumber instanceof Long a && rightNumber instanceof Long b) {
            return Long.compare(a, b);
        }
        if (leftNumber instanceof Double || rightNumber instanceof Double) {
            return Double.compare(((Number) leftNumber).doubleValue(), ((Number) rightNumber).doubleValue());
        }
        return decimal(leftNumber).compareTo(decimal(rightNumber));
    }

    private static Object comparableNumber(Object value)
    {
        Object number = number(value);
        return number != null ? number : (Object) numericPrefix(value.toString());
    }

    /** A value as Long, BigDecimal or Double; text is parsed (surrounding spaces allowed); null when not a number. */
    public static Object number(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float floatValue) {
            return floatValue.doubleValue();
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Boolean bool) {
            return bool ? 1L : 0L;
        }
        if (!(value instanceof String)) {
            return null;
        }
        String text = ((String) value).trim();
        if (text.isEmpty()) {
            return null;
        }
        if (isInteger(text)) {
            try {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            }
            catch (NumberFormatException tooLarge) {
                return new BigDecimal(text);
            }
        }
        char last = text.charAt(text.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            // Double.parseDouble would accept "1d", "NaN", "Infinity".
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(text);
            // Exponent notation is a double in MySQL (1e3), plain digits a decimal (1.50).
            return text.indexOf('e') >= 0 || text.indexOf('E') >= 0 ? (Object) decimal.doubleValue() : decimal;
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isInteger(String text)
    {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * MySQL's reading of text in a numeric context: the longest leading number ('12abc' is 12, ' 1.5e2x' is 150),
     * 0 when there is none.
     */
    public static double numericPrefix(String text)
    {
        int length = text.length();
        int start = 0;
        while (start < length && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        if (end < length && (text.charAt(end) == '-' || text.charAt(end) == '+')) {
            end++;
        }
        int digits = 0;
        while (end < length && Character.isDigit(text.charAt(end))) {
            end++;
            digits++;
        }
        if (end < length && text.charAt(end) == '.') {
            end++;
            while (end < length && Character.isDigit(text.charAt(end))) {
                end++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (end < length && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponentEnd = end + 1;
            if (exponentEnd < length && (text.charAt(exponentEnd) == '-' || text.charAt(exponentEnd) == '+')) {
                exponentEnd++;
            }
            int exponentDigitsStart = exponentEnd;
            while (exponentEnd < length && Character.isDigit(text.charAt(exponentEnd))) {
                exponentEnd++;
            }
            if (exponentEnd > exponentDigitsStart) {
                end = exponentEnd;
            }
        }
        return Double.parseDouble(text.substring(start, end));
    }

    public static Long longValue(Object value)
    {
        Object number = number(value);
        if (number == null) {
            return null;
        }
        if (number instanceof Long longValue) {
            return longValue;
        }
        if (number instanceof BigDecimal decimal) {
            return toLongExact(decimal.setScale(0, RoundingMode.DOWN), "BIGINT");
        }
        double doubleValue = (Double) number;
        if (Double.isNaN(doubleValue) || doubleValue >= 0x1p63 || doubleValue < -0x1p63) {
            throw new ArithmeticException("BIGINT value is out of range: " + text(number));
        }
        return (long) doubleValue;
    }

    public static Double doubleValue(Object value)
    {
        Object number = number(value);
        return number == null ? null : ((Number) number).doubleValue();
    }

    public static BigDecimal decimalValue(Object value)
    {
        Object number = number(value);
        return number == null ? null : decimal(number);
    }

    static BigDecimal decimal(Object number)
    {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Long longValue) {
            return BigDecimal.valueOf(longValue);
        }
        double doubleValue = ((Number) number).doubleValue();
        if (Double.isNaN(doubleValue) || Double.isInfinite(doubleValue)) {
            throw new ArithmeticException("Not a number: " + doubleValue);
        }
        return BigDecimal.valueOf(doubleValue);
    }

    static boolean fitsInLong(BigDecimal integral)
    {
        return integral.compareTo(LONG_MIN) >= 0 && integral.compareTo(LONG_MAX) <= 0;
    }

    static long toLongExact(BigDecimal integral, String what)
    {
        if (integral.compareTo(LONG_MIN) < 0 || integral.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException("BIGINT value is out of range in " + what + ": " + integral.toPlainString());
        }
        return integral.longValue();
    }

    /** The value as MySQL prints it: booleans as 1/0, decimals without exponent, doubles without a trailing ".0". */
    public static String text(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double doubleValue) {
            return doubleText(doubleValue);
        }
        return value.toString();
    }

    private static String doubleText(double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        // 1.0E20 -> 1e20, 1.5E-7 -> 1.5e-7, as MySQL prints them.
        String mantissa = text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + text.substring(exponent + 1);
    }

    public static Object cast(Object value, String type)
    {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT", "SIGNED", "UNSIGNED", "LARGEINT" -> longValue(value);
            case "DOUBLE", "FLOAT", "REAL" -> doubleValue(value);
            case "DECIMAL" -> decimalValue(value);
            case "BOOLEAN" -> isTrue(value);
            case "DATE" -> {
                LocalDateTime dateTime = parseDateTime(value);
                yield dateTime == null ? null : DateTimes.formatDate(dateTime.toLocalDate());
            }
            case "TIMESTAMP", "DATETIME" -> {
                LocalDateTime dateTime = parseDateTime(value);
                yield dateTime == null ? null : DateTimes.formatDateTime(dateTime);
            }
            default -> text(value);
        };
    }

    /**
     * Reads a date or date-time the way MySQL accepts them: 'yyyy-MM-dd', 'yyyy-MM-dd HH:mm:ss[.ffffff]' (or 'T'
     * between), one-digit fields, and the compact 'yyyyMMdd' / 'yyyyMMddHHmmss' as text or number. Null when the value
     * is not a valid date.
     */
    public static LocalDateTime parseDateTime(Object value)
    {
        return DateTimes.parse(value);
    }

    /** Reads 'HH:mm[:ss[.ffffff]]'; null when the value is not a time of day. */
    public static LocalTime parseTime(Object value)
    {
        return DateTimes.parseTime(value);
    }

    /** 'yyyy-MM-dd'. */
    public static String formatDate(LocalDate date)
    {
        return DateTimes.formatDate(date);
    }

    /** 'yyyy-MM-dd HH:mm:ss', with '.ffffff' only when there are microseconds. */
    public static String formatDateTime(LocalDateTime dateTime)
    {
        return DateTimes.formatDateTime(dateTime);
    }
}
