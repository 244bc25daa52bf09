package io.sluice.sql.function;

import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The value of {@code INTERVAL n unit}: a number of months (YEAR, QUARTER, MONTH) or of microseconds (WEEK and
 * shorter). {@link #timeUnit()} tells whether the unit is shorter than a day, which makes DATE_ADD of a date give a
 * date-time.
 */
public final class IntervalValue
{
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private final long months;
    private final long microseconds;
    private final boolean timeUnit;

    private IntervalValue(long months, long microseconds, boolean timeUnit)
    {
        if (months != 0 && microseconds != 0) {
            throw new IllegalArgumentException("an interval is either months or microseconds");
        }
        this.months = months;
        this.microseconds = microseconds;
        this.timeUnit = timeUnit;
    }

    public static IntervalValue ofMonths(long months)
    {
        return new IntervalValue(months, 0, false);
    }

    /** A day-time interval; {@code timeUnit} when written with HOUR, MINUTE, SECOND or MICROSECOND. */
    public static IntervalValue ofMicroseconds(long microseconds, boolean timeUnit)
    {
        return new IntervalValue(0, microseconds, timeUnit || microseconds % MICROS_PER_DAY != 0);
    }

    /**
     * {@code INTERVAL amount unit} for a MySQL unit name (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND,
     * MICROSECOND); fractional amounts count only for SECOND. Null for an unknown unit.
     */
    public static IntervalValue of(Object amount, String unit)
    {
        String upper = unit.toUpperCase(Locale.ROOT);
        if (upper.equals("SECOND")) {
            Object number = SqlValues.number(amount);
            if (number == null) {
                return null;
            }
            long micros = SqlValues.decimal(number).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
            return ofMicroseconds(micros, true);
        }
        Long count = SqlValues.longValue(amount);
        if (count == null) {
            return null;
        }
        return switch (upper) {
            case "YEAR" -> ofMonths(Math.multiplyExact(count, 12));
            case "QUARTER" -> ofMonths(Math.multiplyExact(count, 3));
            case "MONTH" -> ofMonths(count);
            case "WEEK" -> ofMicroseconds(Math.multiplyExact(count, 7 * MICROS_PER_DAY), false);
            case "DAY" -> ofMicroseconds(Math.multiplyExact(count, MICROS_PER_DAY), false);
            case "HOUR" -> ofMicroseconds(Math.multiplyExact(count, 3_600 * MICROS_PER_SECOND), true);
            case "MINUTE" -> ofMicroseconds(Math.multiplyExact(count, 60 * MICROS_PER_SECOND), true);
            case "MICROSECOND" -> ofMicroseconds(count, true);
            default -> null;
        };
    }

    public long months()
    {
        return months;
    }

    public long microseconds()
    {
        return microseconds;
    }

    /** True when the interval has a time-of-day part (hours or shorter). */
    public boolean timeUnit()
    {
        return timeUnit;
    }

    public IntervalValue negate()
    {
        return new IntervalValue(-months, -microseconds, timeUnit);
    }

    /** Month arithmetic clamps to the end of the month, as MySQL does: 2024-01-31 + 1 month is 2024-02-29. */
    LocalDateTime addTo(LocalDateTime dateTime)
    {
        if (months != 0) {
            return dateTime.plusMonths(months);
        }
        return dateTime.plusSeconds(Math.floorDiv(microseconds, MICROS_PER_SECOND))
                .plusNanos(Math.floorMod(microseconds, MICROS_PER_SECOND) * 1000);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof IntervalValue that
                && months == that.months
                && microseconds == that.microseconds
                && timeUnit == that.timeUnit;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(months) * 31 + Long.hashCode(microseconds) * 2 + (timeUnit ? 1 : 0);
    }

    @Override
    public String toString()
    {
        return months != 0 ? "INTERVAL " + months + " MONTH" : "INTERVAL " + microseconds + " MICROSECOND";
    }
}
