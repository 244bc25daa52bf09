package io.sluice.sql.function;

import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * MySQL-like dynamic value semantics for load expressions: NULL propagates, numbers widen Long -> BigDecimal ->
 * Double, text compared with numbers is read as a number.
 */
public final class SqlValues
{
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
            Double parsed = parseDouble(text);
            return parsed != null && parsed != 0;
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
        if (value == null) {
            return null;
        }
        Object number = number(value);
        if (number instanceof Long longValue) {
            return -longValue;
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.negate();
        }
        return number == null ? null : -((Double) number);
    }

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
                throw new ArithmeticException("BIGINT value is out of range in " + a + " " + kind.sql + " " + b);
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
            case DIVIDE -> b.signum() == 0 ? null : a.divide(b, Math.max(4, a.scale()) + 4, RoundingMode.HALF_UP).stripTrailingZeros();
            default -> b.signum() == 0 ? null : a.remainder(b);
        };
    }

    public static int compare(Object left, Object right)
    {
        if (left instanceof String leftText && right instanceof String rightText) {
            return leftText.compareTo(rightText);
        }
        if (left instanceof Boolean || right instanceof Boolean) {
            return Boolean.compare(isTrue(left), isTrue(right));
        }
        Object leftNumber = number(left);
        Object rightNumber = number(right);
        if (leftNumber == null || rightNumber == null) {
            return String.valueOf(left).compareTo(String.valueOf(right));
        }
        if (leftNumber instanceof Long a && rightNumber instanceof Long b) {
            return Long.compare(a, b);
        }
        return decimal(leftNumber).compareTo(decimal(rightNumber));
    }

    /** A value as Long, BigDecimal or Double; text is parsed; null when it is not a number. */
    public static Object number(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1L : 0L;
        }
        String text = value.toString().trim();
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            try {
                return new BigDecimal(text);
            }
            catch (NumberFormatException notDecimal) {
                return parseDouble(text);
            }
        }
    }

    public static Long longValue(Object value)
    {
        Object number = number(value);
        if (number == null) {
            return null;
        }
        return number instanceof Long longValue ? longValue : ((Number) number).longValue();
    }

    private static BigDecimal decimal(Object number)
    {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Long longValue) {
            return BigDecimal.valueOf(longValue);
        }
        return BigDecimal.valueOf(((Number) number).doubleValue());
    }

    private static Double parseDouble(String text)
    {
        try {
            return Double.parseDouble(text.trim());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    public static String text(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double doubleValue && doubleValue == Math.rint(doubleValue) && Math.abs(doubleValue) < 1e15) {
            return Long.toString(doubleValue.longValue());
        }
        return value.toString();
    }

    public static Object cast(Object value, String type)
    {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT", "SIGNED", "UNSIGNED", "LARGEINT" -> longValue(value);
            case "DOUBLE", "FLOAT", "REAL" -> {
                Object number = number(value);
                yield number == null ? null : ((Number) number).doubleValue();
            }
            case "DECIMAL" -> {
                Object number = number(value);
                yield number == null ? null : number instanceof BigDecimal ? number : new BigDecimal(text(number));
            }
            case "BOOLEAN" -> isTrue(value);
            default -> text(value);
        };
    }
}
