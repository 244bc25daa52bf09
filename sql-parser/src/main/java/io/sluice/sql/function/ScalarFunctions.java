package io.sluice.sql.function;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Binds function names to {@link MysqlFunctions} for the interpreter: each call becomes a {@link ScalarExpression}
 * that evaluates its arguments and calls the shared implementation. IF, IFNULL and COALESCE evaluate only the
 * arguments they need.
 */
final class ScalarFunctions
{
    /** Every function name the interpreter knows, upper case. */
    static final Set<String> NAMES = Set.of(
            "NOW", "CURRENT_TIMESTAMP", "CURDATE", "CURRENT_DATE", "DATE_FORMAT", "FROM_UNIXTIME", "UNIX_TIMESTAMP",
            "STR_TO_DATE", "YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND", "DATE_ADD", "ADDDATE",
            "DATE_SUB", "SUBDATE", "DATEDIFF", "TO_DATE", "DATE",
            "CONCAT", "CONCAT_WS", "SUBSTR", "SUBSTRING", "LENGTH", "OCTET_LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH",
            "LOWER", "LCASE", "UPPER", "UCASE", "TRIM", "LTRIM", "RTRIM", "REPLACE", "LPAD", "RPAD", "LOCATE",
            "ABS", "ROUND", "FLOOR", "CEIL", "CEILING", "MOD", "POW", "POWER", "SQRT",
            "IF", "IFNULL", "NVL", "NULLIF", "COALESCE", "LEAST", "GREATEST");

    private ScalarFunctions() {}

    /**
     * @param name upper case
     * @param clock the clock of NOW() and friends, in the zone of date-time functions
     */
    static ScalarExpression function(String name, List<ScalarExpression> arguments, Clock clock)
    {
        int count = arguments.size();
        ZoneId zone = clock.getZone();
        return switch (name) {
            case "NOW", "CURRENT_TIMESTAMP" -> {
                requireArguments(name, count, 0, 0);
                yield inputs -> MysqlFunctions.now(clock.millis(), zone);
            }
            case "CURDATE", "CURRENT_DATE" -> {
                requireArguments(name, count, 0, 0);
                yield inputs -> MysqlFunctions.curdate(clock.millis(), zone);
            }
            case "DATE_FORMAT" -> binary(name, arguments, MysqlFunctions::dateFormat);
            case "FROM_UNIXTIME" -> {
                requireArguments(name, count, 1, 2);
                if (count == 1) {
                    yield unary(name, arguments, value -> MysqlFunctions.fromUnixtime(value, zone));
                }
                yield binary(name, arguments, (value, format) -> MysqlFunctions.fromUnixtime(value, format, zone));
            }
            case "UNIX_TIMESTAMP" -> {
                requireArguments(name, count, 0, 1);
                if (count == 0) {
                    yield inputs -> MysqlFunctions.unixTimestamp(clock.millis());
                }
                yield unary(name, arguments, value -> MysqlFunctions.unixTimestamp(value, zone));
            }
            case "STR_TO_DATE" -> binary(name, arguments, MysqlFunctions::strToDate);
            case "TO_DATE", "DATE" -> unary(name, arguments, MysqlFunctions::toDate);
            case "YEAR" -> unary(name, arguments, MysqlFunctions::year);
            case "MONTH" -> unary(name, arguments, MysqlFunctions::month);
            case "DAY", "DAYOFMONTH" -> unary(name, arguments, MysqlFunctions::day);
            case "HOUR" -> unary(name, arguments, MysqlFunctions::hour);
            case "MINUTE" -> unary(name, arguments, MysqlFunctions::minute);
            case "SECOND" -> unary(name, arguments, MysqlFunctions::second);
            case "DATE_ADD", "ADDDATE" -> binary(name, arguments, MysqlFunctions::dateAdd);
            case "DATE_SUB", "SUBDATE" -> binary(name, arguments, MysqlFunctions::dateSub);
            case "DATEDIFF" -> binary(name, arguments, MysqlFunctions::datediff);
            case "CONCAT" -> {
                requireArguments(name, count, 1, Integer.MAX_VALUE);
                yield inputs -> MysqlFunctions.concat(evaluateAll(arguments, 0, inputs));
            }
            case "CONCAT_WS" -> {
                requireArguments(name, count, 2, Integer.MAX_VALUE);
                ScalarExpression separator = arguments.get(0);
                yield inputs -> MysqlFunctions.concatWs(separator.evaluate(inputs), evaluateAll(arguments, 1, inputs));
            }
            case "SUBSTR", "SUBSTRING" -> {
                requireArguments(name, count, 2, 3);
                if (count == 2) {
                    yield binary(name, arguments, MysqlFunctions::substring);
                }
                yield ternary(name, arguments, MysqlFunctions::substring);
            }
            case "LOCATE" -> {
                requireArguments(name, count, 2, 3);
                if (count == 2) {
                    yield binary(name, arguments, MysqlFunctions::locate);
                }
                yield ternary(name, arguments, MysqlFunctions::locate);
            }
            case "LENGTH", "OCTET_LENGTH" -> unary(name, arguments, MysqlFunctions::length);
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> unary(name, arguments, MysqlFunctions::charLength);
            case "LOWER", "LCASE" -> unary(name, arguments, MysqlFunctions::lower);
            case "UPPER", "UCASE" -> unary(name, arguments, MysqlFunctions::upper);
            case "TRIM" -> unary(name, arguments, MysqlFunctions::trim);
            case "LTRIM" -> unary(name, arguments, MysqlFunctions::ltrim);
            case "RTRIM" -> unary(name, arguments, MysqlFunctions::rtrim);
            case "REPLACE" -> ternary(name, arguments, MysqlFunctions::replace);
            case "LPAD" -> ternary(name, arguments, MysqlFunctions::lpad);
            case "RPAD" -> ternary(name, arguments, MysqlFunctions::rpad);
            case "ABS" -> unary(name, arguments, MysqlFunctions::abs);
            case "ROUND" -> {
                requireArguments(name, count, 1, 2);
                if (count == 1) {
                    yield unary(name, arguments, MysqlFunctions::round);
                }
                yield binary(name, arguments, MysqlFunctions::round);
            }
            case "FLOOR" -> unary(name, arguments, MysqlFunctions::floor);
            case "CEIL", "CEILING" -> unary(name, arguments, MysqlFunctions::ceil);
            case "MOD" -> binary(name, arguments, MysqlFunctions::mod);
            case "POW", "POWER" -> binary(name, arguments, MysqlFunctions::power);
            case "SQRT" -> unary(name, arguments, MysqlFunctions::sqrt);
            case "IF" -> {
                requireArguments(name, count, 3, 3);
                ScalarExpression condition = arguments.get(0);
                ScalarExpression then = arguments.get(1);
                ScalarExpression otherwise = arguments.get(2);
                yield inputs -> SqlValues.isTrue(condition.evaluate(inputs)) ? then.evaluate(inputs) : otherwise.evaluate(inputs);
            }
            case "IFNULL", "NVL" -> {
                requireArguments(name, count, 2, 2);
                ScalarExpression value = arguments.get(0);
                ScalarExpression otherwise = arguments.get(1);
                yield inputs -> {
                    Object result = value.evaluate(inputs);
                    return result != null ? result : otherwise.evaluate(inputs);
                };
            }
            case "NULLIF" -> binary(name, arguments, MysqlFunctions::nullif);
            case "LEAST", "GREATEST" -> {
                requireArguments(name, count, 2, Integer.MAX_VALUE);
                boolean greatest = name.equals("GREATEST");
                yield inputs -> {
                    Object[] values = new Object[arguments.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = arguments.get(i).evaluate(inputs);
                    }
                    return greatest ? MysqlFunctions.greatest(values) : MysqlFunctions.least(values);
                };
            }
            case "COALESCE" -> {
                requireArguments(name, count, 1, Integer.MAX_VALUE);
                yield inputs -> {
                    for (ScalarExpression argument : arguments) {
                        Object value = argument.evaluate(inputs);
                        if (value != null) {
                            return value;
                        }
                    }
                    return null;
                };
            }
            default -> throw new ExpressionException(ExpressionException.Kind.UNKNOWN_FUNCTION,
                    "FUNCTION " + name.toLowerCase(Locale.ROOT) + " does not exist");
        };
    }

    @FunctionalInterface
    private interface UnaryFunction
    {
        Object apply(Object value);
    }

    @FunctionalInterface
    private interface BinaryFunction
    {
        Object apply(Object first, Object second);
    }

    @FunctionalInterface
    private interface TernaryFunction
    {
        Object apply(Object first, Object second, Object third);
    }

    private static ScalarExpression unary(String name, List<ScalarExpression> arguments, UnaryFunction function)
    {
        requireArguments(name, arguments.size(), 1, 1);
        ScalarExpression argument = arguments.get(0);
        return inputs -> function.apply(argument.evaluate(inputs));
    }

    private static ScalarExpression binary(String name, List<ScalarExpression> arguments, BinaryFunction function)
    {
        requireArguments(name, arguments.size(), 2, 2);
        ScalarExpression first = arguments.get(0);
        ScalarExpression second = arguments.get(1);
        return inputs -> function.apply(first.evaluate(inputs), second.evaluate(inputs));
    }

    private static ScalarExpression ternary(String name, List<ScalarExpression> arguments, TernaryFunction function)
    {
        requireArguments(name, arguments.size(), 3, 3);
        ScalarExpression first = arguments.get(0);
        ScalarExpression second = arguments.get(1);
        ScalarExpression third = arguments.get(2);
        return inputs -> function.apply(first.evaluate(inputs), second.evaluate(inputs), third.evaluate(inputs));
    }

    private static Object[] evaluateAll(List<ScalarExpression> arguments, int from, Object[] inputs)
    {
        Object[] values = new Object[arguments.size() - from];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(from + i).evaluate(inputs);
        }
        return values;
    }

    static void requireArguments(String name, int count, int minimum, int maximum)
    {
        if (count < minimum || count > maximum) {
            throw new ExpressionException(ExpressionException.Kind.INVALID,
                    "Incorrect parameter count in the call to native function '" + name.toLowerCase(Locale.ROOT) + "'");
        }
    }
}
