package io.sluice.sql.function;

import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The MySQL scalar functions of Sluice, over already evaluated argument values (see {@link SqlValues} for the value
 * model): the one implementation behind both load expressions ({@link ExpressionInterpreter}) and queries (the
 * server's Calcite functions call these methods). Every function returns NULL when an argument it needs is NULL or
 * unreadable (a date that is not a date), as MySQL does.
 */
public final class MysqlFunctions
{
    private static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;
    // FROM_UNIXTIME is NULL past 3001-01-18 (MySQL 8's limit on 64-bit platforms).
    private static final long MAX_UNIX_TIME = 32_536_771_199L;

    private MysqlFunctions() {}

    // ---- date and time

    /** NOW(): the statement's start time in the session's zone, 'yyyy-MM-dd HH:mm:ss'. */
    public static String now(long epochMillis, ZoneId zone)
    {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).truncatedTo(ChronoUnit.SECONDS);
        return DateTimes.formatDateTime(now);
    }

    /** CURDATE(), CURRENT_DATE(): 'yyyy-MM-dd'. */
    public static String curdate(long epochMillis, ZoneId zone)
    {
        return DateTimes.formatDate(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toLocalDate());
    }

    public static String dateFormat(Object value, Object format)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        if (dateTime == null || format == null) {
            return null;
        }
        return MysqlDateFormat.format(dateTime, SqlValues.text(format));
    }

    /** FROM_UNIXTIME(seconds): the date-time of a Unix time in the zone; NULL for negative or too large times. */
    public static String fromUnixtime(Object seconds, ZoneId zone)
    {
        LocalDateTime dateTime = fromUnixtimeValue(seconds, zone);
        return dateTime == null ? null : DateTimes.formatDateTime(dateTime);
    }

    public static String fromUnixtime(Object seconds, Object format, ZoneId zone)
    {
        LocalDateTime dateTime = fromUnixtimeValue(seconds, zone);
        if (dateTime == null || format == null) {
            return null;
        }
        return MysqlDateFormat.format(dateTime, SqlValues.text(format));
    }

    private static LocalDateTime fromUnixtimeValue(Object seconds, ZoneId zone)
    {
        Object number = SqlValues.number(seconds);
        if (number == null) {
            return null;
        }
        BigDecimal decimal = SqlValues.decimal(number);
        if (decimal.signum() < 0 || decimal.compareTo(BigDecimal.valueOf(MAX_UNIX_TIME)) > 0) {
            return null;
        }
        long whole = decimal.longValue();
        long micros = decimal.subtract(BigDecimal.valueOf(whole)).movePointRight(6).setScale(0, RoundingMode.DOWN).longValue();
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(whole, micros * 1000), zone);
    }

    /** UNIX_TIMESTAMP(): seconds since 1970 now. */
    public static long unixTimestamp(long epochMillis)
    {
        return Math.floorDiv(epochMillis, 1000);
    }

    /** UNIX_TIMESTAMP(date): the date-time read in the zone, as seconds since 1970; NULL when not a date. */
    public static Long unixTimestamp(Object value, ZoneId zone)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime == null ? null : dateTime.atZone(zone).toEpochSecond();
    }

    /** STR_TO_DATE: a DATETIME ('yyyy-MM-dd HH:mm:ss') when the format has a time part, else a DATE. */
    public static String strToDate(Object text, Object format)
    {
        if (text == null || format == null) {
            return null;
        }
        String pattern = SqlValues.text(format);
        LocalDateTime value = MysqlDateFormat.parse(SqlValues.text(text).trim(), pattern);
        if (value == null) {
            return null;
        }
        return MysqlDateFormat.hasTime(pattern) ? DateTimes.formatDateTime(value) : DateTimes.formatDate(value.toLocalDate());
    }

    /** TO_DATE, DATE: the date part, 'yyyy-MM-dd'. */
    public static String toDate(Object value)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime == null ? null : DateTimes.formatDate(dateTime.toLocalDate());
    }

    public static Long year(Object value)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime == null ? null : (long) dateTime.getYear();
    }

    public static Long month(Object value)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime == null ? null : (long) dateTime.getMonthValue();
    }

    public static Long day(Object value)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime == null ? null : (long) dateTime.getDayOfMonth();
    }

    /** HOUR of a date-time or of a time ('10:30:00'). */
    public static Long hour(Object value)
    {
        LocalTime time = timeOfDay(value);
        return time == null ? null : (long) time.getHour();
    }

    public static Long minute(Object value)
    {
        LocalTime time = timeOfDay(value);
        return time == null ? null : (long) time.getMinute();
    }

    public static Long second(Object value)
    {
        LocalTime time = timeOfDay(value);
        return time == null ? null : (long) time.getSecond();
    }

    private static LocalTime timeOfDay(Object value)
    {
        LocalDateTime dateTime = DateTimes.parse(value);
        return dateTime != null ? dateTime.toLocalTime() : DateTimes.parseTime(value);
    }

    /**
     * DATE_ADD(date, INTERVAL n unit) or DATE_ADD(date, days). The result is a date ('yyyy-MM-dd') when the date has no
     * time part and the unit is a day or longer, else a date-time; NULL when the date is not one or leaves years
     * 1-9999.
     */
    public static String dateAdd(Object value, Object interval)
    {
        IntervalValue amount = interval(interval);
        LocalDateTime dateTime = DateTimes.parse(value);
        if (amount == null || dateTime == null) {
            return null;
        }
        LocalDateTime result;
        try {
            result = amount.addTo(dateTime);
        }
        catch (ArithmeticException | DateTimeException e) {
            return null;
        }
        if (result.getYear() < 1 || result.getYear() > 9999) {
            return null;
        }
        boolean dateOnly = !amount.timeUnit() && !DateTimes.hasTimePart(value);
        return dateOnly ? DateTimes.formatDate(result.toLocalDate()) : DateTimes.formatDateTime(result);
    }

    /** DATE_SUB(date, INTERVAL n unit) or DATE_SUB(date, days). */
    public static String dateSub(Object value, Object interval)
    {
        IntervalValue amount = interval(interval);
        return amount == null ? null : dateAdd(value, amount.negate());
    }

    /** An INTERVAL value, or a number of days (the two-argument forms). */
    private static IntervalValue interval(Object value)
    {
        if (value == null || value instanceof IntervalValue) {
            return (IntervalValue) value;
        }
        return IntervalValue.of(value, "DAY");
    }

    /** DATEDIFF(a, b): days from b to a, time of day ignored. */
    public static Long datediff(Object left, Object right)
    {
        LocalDateTime leftDate = DateTimes.parse(left);
        LocalDateTime rightDate = DateTimes.parse(right);
        if (leftDate == null || rightDate == null) {
            return null;
        }
        return leftDate.toLocalDate().toEpochDay() - rightDate.toLocalDate().toEpochDay();
    }

    // ---- strings

    /** CONCAT: NULL if any argument is NULL. */
    public static String concat(Object[] values)
    {
        StringBuilder result = new StringBuilder();
        for (Object value : values) {
            if (value == null) {
                return null;
            }
            result.append(SqlValues.text(value));
        }
        return checkLength(result);
    }

    /** CONCAT_WS: NULL only if the separator is; NULL values are skipped. */
    public static String concatWs(Object separator, Object[] values)
    {
        if (separator == null) {
            return null;
        }
        String text = SqlValues.text(separator);
        StringBuilder result = new StringBuilder();
        boolean first = true;
        for (Object value : values) {
            if (value != null) {
                if (!first) {
                    result.append(text);
                }
                result.append(SqlValues.text(value));
                first = false;
            }
        }
        return checkLength(result);
    }

    /**
     * SUBSTRING(s, position): characters from a 1-based position; a negative position counts from the end; 0 or past
     * the end gives ''.
     */
    public static String substring(Object value, Object position)
    {
        if (value == null || position == null) {
            return null;
        }
        return substring(value, position, (long) Integer.MAX_VALUE);
    }

    public static String substring(Object value, Object position, Object length)
    {
        Long start = SqlValues.longValue(position);
        Long count = SqlValues.longValue(length);
        if (value == null || start == null || count == null) {
            return null;
        }
        String text = SqlValues.text(value);
        int characters = text.codePointCount(0, text.length());
        long begin = start > 0 ? start - 1 : characters + start;
        if (start == 0 || begin < 0 || begin >= characters || count <= 0) {
            return "";
        }
        long end = Math.min(characters, begin + count);
        int beginIndex = text.offsetByCodePoints(0, (int) begin);
        int endIndex = text.offsetByCodePoints(beginIndex, (int) (end - begin));
        return text.substring(beginIndex, endIndex);
    }

    /** LENGTH: bytes in UTF-8. */
    public static Long length(Object value)
    {
        if (value == null) {
            return null;
        }
        String text = SqlValues.text(value);
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** CHAR_LENGTH: characters (code points, so an emoji is one). */
    public static Long charLength(Object value)
    {
        if (value == null) {
            return null;
        }
        String text = SqlValues.text(value);
        return (long) text.codePointCount(0, text.length());
    }

    public static String lower(Object value)
    {
        return value == null ? null : SqlValues.text(value).toLowerCase(Locale.ROOT);
    }

    /** LOCATE(substring, string): the 1-based character position of the first match ignoring case, 0 when none. */
    public static Long locate(Object search, Object value)
    {
        return locate(search, value, 1L);
    }

    /** LOCATE(substring, string, position): the first match at or after the 1-based position. */
    public static Long locate(Object search, Object value, Object position)
    {
        Long start = SqlValues.longValue(position);
        if (search == null || value == null || start == null) {
            return null;
        }
        String text = SqlValues.text(value).toLowerCase(Locale.ROOT);
        String wanted = SqlValues.text(search).toLowerCase(Locale.ROOT);
        int characters = text.codePointCount(0, text.length());
        if (start < 1 || start > characters + 1) {
            return 0L;
        }
        int found = text.indexOf(wanted, text.offsetByCodePoints(0, (int) (start - 1)));
        return found < 0 ? 0L : text.codePointCount(0, found) + 1L;
    }

    public static String upper(Object value)
    {
        return value == null ? null : SqlValues.text(value).toUpperCase(Locale.ROOT);
    }

    /** TRIM(s): spaces (only ' ', as MySQL) removed from both ends. */
    public static String trim(Object value)
    {
        return trim("BOTH", " ", value);
    }

    public static String ltrim(Object value)
    {
        return trim("LEADING", " ", value);
    }

    public static String rtrim(Object value)
    {
        return trim("TRAILING", " ", value);
    }

    /**
     * TRIM({BOTH | LEADING | TRAILING} remove FROM s): every repetition of the string {@code remove} taken off that
     * end.
     */
    public static String trim(String where, Object remove, Object value)
    {
        if (remove == null || value == null) {
            return null;
        }
        String text = SqlValues.text(value);
        String affix = SqlValues.text(remove);
        if (affix.isEmpty()) {
            return text;
        }
        int begin = 0;
        int end = text.length();
        boolean leading = !where.equalsIgnoreCase("TRAILING");
        boolean trailing = !where.equalsIgnoreCase("LEADING");
        if (leading) {
            while (text.startsWith(affix, begin)) {
                begin += affix.length();
            }
        }
        if (trailing) {
            while (end - affix.length() >= begin && text.startsWith(affix, end - affix.length())) {
                end -= affix.length();
            }
        }
        return text.substring(begin, end);
    }

    /** REPLACE: every occurrence, case-sensitive; an empty search string changes nothing. */
    public static String replace(Object value, Object search, Object replacement)
    {
        if (value == null || search == null || replacement == null) {
            return null;
        }
        String text = SqlValues.text(value);
        String from = SqlValues.text(search);
        if (from.isEmpty()) {
            return text;
        }
        return checkLength(new StringBuilder(text.replace(from, SqlValues.text(replacement))));
    }

    /**
     * LPAD(s, length, pad): s cut or left-padded with repetitions of pad to {@code length} characters; NULL for a
     * negative length, or when padding is needed and pad is ''.
     */
    public static String lpad(Object value, Object length, Object pad)
    {
        return pad(value, length, pad, true);
    }

    public static String rpad(Object value, Object length, Object pad)
    {
        return pad(value, length, pad, false);
    }

    private static String pad(Object value, Object length, Object pad, boolean left)
    {
        Long target = SqlValues.longValue(length);
        if (value == null || target == null || pad == null || target < 0) {
            return null;
        }
        if (target > MAX_STRING_LENGTH) {
            return null;
        }
        String text = SqlValues.text(value);
        int characters = text.codePointCount(0, text.length());
        if (target <= characters) {
            return text.substring(0, text.offsetByCodePoints(0, (int) (long) target));
        }
        String padding = SqlValues.text(pad);
        int padCharacters = padding.codePointCount(0, padding.length());
        if (padCharacters == 0) {
            return null;
        }
        long missing = target - characters;
        StringBuilder fill = new StringBuilder();
        while (missing >= padCharacters) {
            fill.append(padding);
            missing -= padCharacters;
        }
        fill.append(padding, 0, padding.offsetByCodePoints(0, (int) missing));
        return left ? fill.append(text).toString() : text + fill;
    }

    private static String checkLength(StringBuilder result)
    {
        // MySQL gives NULL (with a warning) rather than a result longer than max_allowed_packet.
        return result.length() > MAX_STRING_LENGTH ? null : result.toString();
    }

    // ---- numbers

    public static Object abs(Object value)
    {
        Object number = SqlValues.number(value);
        if (number == null) {
            return null;
        }
        if (number instanceof Long longValue) {
            return longValue == Long.MIN_VALUE ? BigDecimal.valueOf(longValue).negate() : (Object) Math.abs(longValue);
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.abs();
        }
        return Math.abs((Double) number);
    }

    /** ROUND(x): to an integer, halves away from zero. */
    public static Object round(Object value)
    {
        return round(value, 0L);
    }

    /**
     * ROUND(x, d): to d decimals (d < 0 rounds to tens, hundreds...), halves away from zero. Integers stay integers,
     * decimals get scale d (at least 0), doubles stay doubles.
     */
    public static Object round(Object value, Object digits)
    {
        Object number = SqlValues.number(value);
        Long places = SqlValues.longValue(digits);
        if (number == null || places == null) {
            return null;
        }
        int scale = (int) Math.max(-100, Math.min(100, places));
        if (number instanceof Long longValue) {
            if (scale >= 0) {
                return longValue;
            }
            return SqlValues.toLongExact(BigDecimal.valueOf(longValue).setScale(scale, RoundingMode.HALF_UP).setScale(0), "ROUND");
        }
        if (number instanceof BigDecimal decimal) {
            BigDecimal rounded = decimal.setScale(scale, RoundingMode.HALF_UP);
            return scale >= 0 ? rounded : rounded.setScale(0);
        }
        double doubleValue = (Double) number;
        if (Double.isNaN(doubleValue) || Double.isInfinite(doubleValue)) {
            return doubleValue;
        }
        return BigDecimal.valueOf(doubleValue).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    public static Object floor(Object value)
    {
        return integral(value, RoundingMode.FLOOR);
    }

    public static Object ceil(Object value)
    {
        return integral(value, RoundingMode.CEILING);
    }

    /** FLOOR/CEIL: a BIGINT for integers and decimals that fit, a decimal otherwise; doubles stay doubles. */
    private static Object integral(Object value, RoundingMode mode)
    {
        Object number = SqlValues.number(value);
        if (number == null || number instanceof Long) {
            return number;
        }
        if (number instanceof Double doubleValue) {
            return mode == RoundingMode.FLOOR ? Math.floor(doubleValue) : Math.ceil(doubleValue);
        }
        BigDecimal integral = ((BigDecimal) number).setScale(0, mode);
        return SqlValues.fitsInLong(integral) ? (Object) integral.longValueExact() : integral;
    }

    /** MOD(a, b) and a % b: the sign of a; NULL when b is 0. */
    public static Object mod(Object left, Object right)
    {
        return SqlValues.arithmetic(SqlKind.MOD, left, right);
    }

    /** a / b: a decimal with 4 more decimals than a (a double if either is a double); NULL when b is 0. */
    public static Object divide(Object left, Object right)
    {
        return SqlValues.arithmetic(SqlKind.DIVIDE, left, right);
    }

    /** a DIV b. */
    public static Object integerDivide(Object left, Object right)
    {
        return SqlValues.integerDivide(left, right);
    }

    /** POW, POWER: a double; NULL when the result is not a real number (POW(-8, 0.5)). */
    public static Double power(Object base, Object exponent)
    {
        Double a = SqlValues.doubleValue(base);
        Double b = SqlValues.doubleValue(exponent);
        if (a == null || b == null) {
            return null;
        }
        return finite(Math.pow(a, b));
    }

    /** SQRT: NULL for negative numbers. */
    public static Double sqrt(Object value)
    {
        Double number = SqlValues.doubleValue(value);
        return number == null ? null : finite(Math.sqrt(number));
    }

    private static Double finite(double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    // ---- control flow (evaluated eagerly here; the interpreter evaluates only the branch it needs)

    /** IF(condition, a, b): a when the condition is true (non-zero), else b (also when it is NULL). */
    public static Object ifFunction(Object condition, Object then, Object otherwise)
    {
        return SqlValues.isTrue(condition) ? then : otherwise;
    }

    public static Object ifnull(Object value, Object otherwise)
    {
        return value != null ? value : otherwise;
    }

    /** NULLIF(a, b): NULL when a = b, else a. */
    public static Object nullif(Object value, Object other)
    {
        return value != null && other != null && SqlValues.compare(value, other) == 0 ? null : value;
    }

    /** LEAST(a, b, ...): the smallest, NULL when any is NULL (MySQL compares them as numbers when they all are). */
    public static Object least(Object[] values)
    {
        return extreme(values, -1);
    }

    /** GREATEST(a, b, ...): the largest, NULL when any is NULL. */
    public static Object greatest(Object[] values)
    {
        return extreme(values, 1);
    }

    private static Object extreme(Object[] values, int sign)
    {
        Object best = null;
        for (Object value : values) {
            if (value == null) {
                return null;
            }
            if (best == null || Integer.signum(SqlValues.compare(value, best)) == sign) {
                best = value;
            }
        }
        return best;
    }

    public static Object coalesce(Object[] values)
    {
        for (Object value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
