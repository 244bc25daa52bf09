package io.sluice.sql.function;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The MySQL scalar functions of Sluice's SQL function library, with MySQL/StarRocks semantics (NULL in, NULL out).
 */
final class ScalarFunctions
{
    private static final String DATETIME_FORMAT = "%Y-%m-%d %H:%i:%s";

    private ScalarFunctions() {}

    static ScalarExpression function(String name, List<ScalarExpression> arguments, ZoneId zone)
    {
        int count = arguments.size();
        return switch (name) {
            case "FROM_UNIXTIME" -> {
                requireArguments(name, count, 1, 2);
                ScalarExpression format = count == 2 ? arguments.get(1) : inputs -> DATETIME_FORMAT;
                yield inputs -> {
                    Long seconds = SqlValues.longValue(arguments.get(0).evaluate(inputs));
                    Object pattern = format.evaluate(inputs);
                    if (seconds == null || pattern == null || seconds < 0) {
                        return null;
                    }
                    return MysqlDateFormat.format(fromEpochSeconds(seconds, zone), pattern.toString());
                };
            }
            case "UNIX_TIMESTAMP" -> {
                requireArguments(name, count, 0, 1);
                yield inputs -> {
                    if (count == 0) {
                        return System.currentTimeMillis() / 1000;
                    }
                    LocalDateTime value = dateTime(arguments.get(0).evaluate(inputs));
                    return value == null ? null : value.atZone(zone).toEpochSecond();
                };
            }
            case "DATE_FORMAT" -> {
                requireArguments(name, count, 2, 2);
                yield inputs -> {
                    LocalDateTime value = dateTime(arguments.get(0).evaluate(inputs));
                    Object pattern = arguments.get(1).evaluate(inputs);
                    return value == null || pattern == null ? null : MysqlDateFormat.format(value, pattern.toString());
                };
            }
            case "STR_TO_DATE" -> {
                requireArguments(name, count, 2, 2);
                yield inputs -> {
                    Object text = arguments.get(0).evaluate(inputs);
                    Object pattern = arguments.get(1).evaluate(inputs);
                    if (text == null || pattern == null) {
                        return null;
                    }
                    LocalDateTime value = MysqlDateFormat.parse(text.toString().trim(), pattern.toString());
                    if (value == null) {
                        return null;
                    }
                    return MysqlDateFormat.format(value, MysqlDateFormat.hasTime(pattern.toString()) ? DATETIME_FORMAT : "%Y-%m-%d");
                };
            }
            case "DATE", "TO_DATE" -> unary(name, arguments, value -> {
                LocalDateTime dateTime = dateTime(value);
                return dateTime == null ? null : MysqlDateFormat.format(dateTime, "%Y-%m-%d");
            });
            case "YEAR" -> unary(name, arguments, value -> datePart(value, "%Y"));
            case "MONTH" -> unary(name, arguments, value -> datePart(value, "%c"));
            case "DAY", "DAYOFMONTH" -> unary(name, arguments, value -> datePart(value, "%e"));
            case "HOUR" -> unary(name, arguments, value -> datePart(value, "%k"));
            case "NOW", "CURRENT_TIMESTAMP" -> inputs -> MysqlDateFormat.format(LocalDateTime.now(zone), DATETIME_FORMAT);
            case "CONCAT" -> inputs -> {
                StringBuilder result = new StringBuilder();
                for (ScalarExpression argument : arguments) {
                    Object value = argument.evaluate(inputs);
                    if (value == null) {
                        return null;
                    }
                    result.append(SqlValues.text(value));
                }
                return result.toString();
            };
            case "CONCAT_WS" -> inputs -> {
                Object separator = arguments.get(0).evaluate(inputs);
                if (separator == null) {
                    return null;
                }
                StringBuilder result = new StringBuilder();
                for (int i = 1; i < count; i++) {
                    Object value = arguments.get(i).evaluate(inputs);
                    if (value != null) {
                        if (!result.isEmpty()) {
                            result.append(separator);
                        }
                        result.append(SqlValues.text(value));
                    }
                }
                return result.toString();
            };
            case "UPPER", "UCASE" -> unary(name, arguments, value -> SqlValues.text(value).toUpperCase(Locale.ROOT));
            case "LOWER", "LCASE" -> unary(name, arguments, value -> SqlValues.text(value).toLowerCase(Locale.ROOT));
            case "TRIM" -> inputs -> {
                // Calcite's TRIM carries (flag, characters, value) operands.
                Object value = arguments.get(count - 1).evaluate(inputs);
                return value == null ? null : SqlValues.text(value).trim();
            };
            case "LENGTH", "CHAR_LENGTH" -> unary(name, arguments, value -> (long) SqlValues.text(value).length());
            case "SUBSTR", "SUBSTRING" -> {
                requireArguments(name, count, 2, 3);
                yield inputs -> {
                    Object value = arguments.get(0).evaluate(inputs);
                    Long start = SqlValues.longValue(arguments.get(1).evaluate(inputs));
                    Long length = count == 3 ? SqlValues.longValue(arguments.get(2).evaluate(inputs)) : Long.valueOf(Integer.MAX_VALUE);
                    if (value == null || start == null || length == null) {
                        return null;
                    }
                    String text = SqlValues.text(value);
                    int begin = (int) (start > 0 ? start - 1 : text.length() + start);
                    if (begin < 0 || begin >= text.length() || length <= 0) {
                        return "";
                    }
                    return text.substring(begin, (int) Math.min(text.length(), begin + length));
                };
            }
            case "REPLACE" -> {
                requireArguments(name, count, 3, 3);
                yield inputs -> {
                    Object value = arguments.get(0).evaluate(inputs);
                    Object from = arguments.get(1).evaluate(inputs);
                    Object to = arguments.get(2).evaluate(inputs);
                    return value == null || from == null || to == null ? null : SqlValues.text(value).replace(SqlValues.text(from), SqlValues.text(to));
                };
            }
            case "IF" -> {
                requireArguments(name, count, 3, 3);
                yield inputs -> SqlValues.isTrue(arguments.get(0).evaluate(inputs)) ? arguments.get(1).evaluate(inputs) : arguments.get(2).evaluate(inputs);
            }
            case "IFNULL", "NVL" -> {
                requireArguments(name, count, 2, 2);
                yield inputs -> {
                    Object value = arguments.get(0).evaluate(inputs);
                    return value != null ? value : arguments.get(1).evaluate(inputs);
                };
            }
            case "COALESCE" -> inputs -> {
                for (ScalarExpression argument : arguments) {
                    Object value = argument.evaluate(inputs);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            };
            case "NULLIF" -> {
                requireArguments(name, count, 2, 2);
                yield inputs -> {
                    Object value = arguments.get(0).evaluate(inputs);
                    Object other = arguments.get(1).evaluate(inputs);
                    return value != null && other != null && SqlValues.compare(value, other) == 0 ? null : value;
                };
            }
            case "ABS" -> unary(name, arguments, value -> {
                Object number = SqlValues.number(value);
                return number == null ? null : SqlValues.compare(number, 0L) < 0 ? SqlValues.negate(number) : number;
            });
            default -> throw new ExpressionException(ExpressionException.Kind.UNKNOWN_FUNCTION, "FUNCTION " + name.toLowerCase(Locale.ROOT) + " does not exist");
        };
    }

    private interface UnaryFunction
    {
        Object apply(Object value);
    }

    private static ScalarExpression unary(String name, List<ScalarExpression> arguments, UnaryFunction function)
    {
        requireArguments(name, arguments.size(), 1, 1);
        ScalarExpression argument = arguments.get(0);
        return inputs -> {
            Object value = argument.evaluate(inputs);
            return value == null ? null : function.apply(value);
        };
    }

    private static Object datePart(Object value, String format)
    {
        LocalDateTime dateTime = dateTime(value);
        return dateTime == null ? null : Long.parseLong(MysqlDateFormat.format(dateTime, format));
    }

    /** Reads 'yyyy-MM-dd[ HH:mm:ss]' (or a 'T' separator); null when it is not a date. */
    private static LocalDateTime dateTime(Object value)
    {
        if (value == null) {
            return null;
        }
        String text = SqlValues.text(value).trim().replace('T', ' ');
        LocalDateTime parsed = MysqlDateFormat.parse(text, text.length() > 10 ? DATETIME_FORMAT : "%Y-%m-%d");
        if (parsed == null && text.length() == 8) {
            parsed = MysqlDateFormat.parse(text, "%Y%m%d");
        }
        return parsed;
    }

    private static LocalDateTime fromEpochSeconds(long seconds, ZoneId zone)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone);
    }

    private static void requireArguments(String name, int count, int minimum, int maximum)
    {
        if (count < minimum || count > maximum) {
            throw new ExpressionException(ExpressionException.Kind.INVALID,
                    "Incorrect parameter count in the call to native function '" + name.toLowerCase(Locale.ROOT) + "'");
        }
    }
}
