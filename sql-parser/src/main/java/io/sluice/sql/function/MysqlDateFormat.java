package io.sluice.sql.function;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * MySQL's date format specifiers (%Y %m %d %H %i %s ...), for DATE_FORMAT, FROM_UNIXTIME and STR_TO_DATE.
 */
public final class MysqlDateFormat
{
    // MySQL's week modes: %U/%V/%X count weeks from Sunday, week 1 is the one with the year's first Sunday;
    // %u/%v/%x count from Monday, week 1 is the first with 4 or more days (ISO 8601).
    private static final WeekFields SUNDAY_WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 7);
    private static final WeekFields MONDAY_WEEKS = WeekFields.of(DayOfWeek.MONDAY, 4);

    private static final String[] MONTH_NAMES = new String[12];
    private static final String[] DAY_NAMES = new String[7];

    static {
        for (Month month : Month.values()) {
            MONTH_NAMES[month.ordinal()] = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            DAY_NAMES[day.ordinal()] = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
    }

    private MysqlDateFormat() {}

    public static String format(LocalDateTime value, String format)
    {
        StringBuilder result = new StringBuilder(format.length() + 8);
        for (int i = 0; i < format.length(); i++) {
            char character = format.charAt(i);
            if (character != '%' || i + 1 == format.length()) {
                result.append(character);
                continue;
            }
            char specifier = format.charAt(++i);
            switch (specifier) {
                case 'Y' -> DateTimes.pad(result, value.getYear(), 4);
                case 'y' -> DateTimes.pad(result, value.getYear() % 100, 2);
                case 'm' -> DateTimes.pad(result, value.getMonthValue(), 2);
                case 'c' -> result.append(value.getMonthValue());
                case 'd' -> DateTimes.pad(result, value.getDayOfMonth(), 2);
                case 'e' -> result.append(value.getDayOfMonth());
                case 'D' -> result.append(value.getDayOfMonth()).append(ordinalSuffix(value.getDayOfMonth()));
                case 'H' -> DateTimes.pad(result, value.getHour(), 2);
                case 'k' -> result.append(value.getHour());
                case 'h', 'I' -> DateTimes.pad(result, (value.getHour() + 11) % 12 + 1, 2);
                case 'l' -> result.append((value.getHour() + 11) % 12 + 1);
                case 'i' -> DateTimes.pad(result, value.getMinute(), 2);
                case 's', 'S' -> DateTimes.pad(result, value.getSecond(), 2);
                case 'f' -> DateTimes.pad(result, value.getNano() / 1000, 6);
                case 'p' -> result.append(value.getHour() < 12 ? "AM" : "PM");
                case 'j' -> DateTimes.pad(result, value.getDayOfYear(), 3);
                case 'M' -> result.append(MONTH_NAMES[value.getMonthValue() - 1]);
                case 'b' -> result.append(MONTH_NAMES[value.getMonthValue() - 1], 0, 3);
                case 'W' -> result.append(DAY_NAMES[value.getDayOfWeek().ordinal()]);
                case 'a' -> result.append(DAY_NAMES[value.getDayOfWeek().ordinal()], 0, 3);
                case 'w' -> result.append(value.getDayOfWeek().getValue() % 7);
                case 'U' -> DateTimes.pad(result, value.get(SUNDAY_WEEKS.weekOfYear()), 2);
                case 'u' -> DateTimes.pad(result, value.get(MONDAY_WEEKS.weekOfYear()), 2);
                case 'V' -> DateTimes.pad(result, value.get(SUNDAY_WEEKS.weekOfWeekBasedYear()), 2);
                case 'v' -> DateTimes.pad(result, value.get(MONDAY_WEEKS.weekOfWeekBasedYear()), 2);
                case 'X' -> DateTimes.pad(result, value.get(SUNDAY_WEEKS.weekBasedYear()), 4);
                case 'x' -> DateTimes.pad(result, value.get(MONDAY_WEEKS.weekBasedYear()), 4);
                case 'T' -> result.append(format(value, "%H:%i:%s"));
                case 'r' -> result.append(format(value, "%h:%i:%s %p"));
                default -> result.append(specifier);
            }
        }
        return result.toString();
    }

    private static String ordinalSuffix(int day)
    {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /**
     * Parses text with a format, as STR_TO_DATE does; null when it does not match (MySQL returns NULL). Text left
     * after the format is ignored, as in MySQL.
     */
    public static LocalDateTime parse(String text, String format)
    {
        Parser parser = new Parser(text);
        if (!parser.parse(format)) {
            return null;
        }
        return parser.result();
    }

    /** Whether the format reads or prints a time of day, so that STR_TO_DATE gives a DATETIME rather than a DATE. */
    public static boolean hasTime(String format)
    {
        for (int i = 0; i + 1 < format.length(); i++) {
            if (format.charAt(i) == '%') {
                switch (format.charAt(++i)) {
                    case 'H', 'k', 'h', 'I', 'l', 'i', 's', 'S', 'T', 'r', 'f', 'p' -> {
                        return true;
                    }
                    default -> {
                        // a date part or a literal
                    }
                }
            }
        }
        return false;
    }

    private static final class Parser
    {
        private final String text;
        private int position;
        private int year;
        private int month = 1;
        private int day = 1;
        private int dayOfYear;
        private int hour;
        private int minute;
        private int second;
        private int micros;
        private boolean pm;
        private boolean twelveHour;

        Parser(String text)
        {
            this.text = text;
        }

        boolean parse(String format)
        {
            for (int i = 0; i < format.length(); i++) {
                char character = format.charAt(i);
                if (character != '%' || i + 1 == format.length()) {
                    if (character == ' ') {
                        skipSpaces();
                        continue;
                    }
                    if (position >= text.length() || text.charAt(position) != character) {
                        return false;
                    }
                    position++;
                    continue;
                }
                if (!parseSpecifier(format.charAt(++i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean parseSpecifier(char specifier)
        {
            switch (specifier) {
                case 'Y' -> {
                    int start = position;
                    year = number(4);
                    if (year >= 0 && position - start <= 2) {
                        year += year < 70 ? 2000 : 1900;
                    }
                    return year >= 0;
                }
                case 'y' -> {
                    year = number(2);
                    year += year < 70 ? 2000 : 1900;
                    return year >= 1900;
                }
                case 'm', 'c' -> {
                    month = number(2);
                    return month >= 0;
                }
                case 'd', 'e' -> {
                    day = number(2);
                    return day >= 0;
                }
                case 'D' -> {
                    day = number(2);
                    // the English suffix: 1st, 2nd, 3rd, 4th
                    position = Math.min(text.length(), position + 2);
                    return day >= 0;
                }
                case 'j' -> {
                    dayOfYear = number(3);
                    return dayOfYear > 0;
                }
                case 'H', 'k' -> {
                    hour = number(2);
                    return hour >= 0;
                }
                case 'h', 'I', 'l' -> {
                    hour = number(2);
                    twelveHour = true;
                    return hour >= 0;
                }
                case 'i' -> {
                    minute = number(2);
                    return minute >= 0;
                }
                case 's', 'S' -> {
                    second = number(2);
                    return second >= 0;
                }
                case 'f' -> {
                    int start = position;
                    micros = number(6);
                    for (int digits = position - start; digits < 6; digits++) {
                        micros *= 10;
                    }
                    return micros >= 0;
                }
                case 'p' -> {
                    if (text.regionMatches(true, position, "PM", 0, 2)) {
                        pm = true;
                    }
                    else if (!text.regionMatches(true, position, "AM", 0, 2)) {
                        return false;
                    }
                    position += 2;
                    return true;
                }
                case 'M', 'b' -> {
                    int found = name(MONTH_NAMES, specifier == 'b');
                    month = found + 1;
                    return found >= 0;
                }
                case 'W', 'a' -> {
                    // The day name is checked to be one, but the date comes from the other fields.
                    return name(DAY_NAMES, specifier == 'a') >= 0;
                }
                case 'w' -> {
                    return number(1) >= 0;
                }
                case 'T' -> {
                    return parse("%H:%i:%s");
                }
                case 'r' -> {
                    return parse("%h:%i:%s %p");
                }
                default -> {
                    // %% and unknown specifiers match the character itself.
                    if (position >= text.length() || text.charAt(position) != specifier) {
                        return false;
                    }
                    position++;
                    return true;
                }
            }
        }

        private void skipSpaces()
        {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        /** Up to {@code maxDigits} digits; -1 when there is none. */
        private int number(int maxDigits)
        {
            int start = position;
            int value = 0;
            while (position < text.length() && position - start < maxDigits && Character.isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position++) - '0');
            }
            return position == start ? -1 : value;
        }

        /** The index of the (optionally three-letter abbreviated) name at the current position, ignoring case; -1. */
        private int name(String[] names, boolean abbreviated)
        {
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                int length = abbreviated ? 3 : name.length();
                if (text.regionMatches(true, position, name, 0, length)) {
                    position += length;
                    return i;
                }
            }
            return -1;
        }

        LocalDateTime result()
        {
            if (twelveHour) {
                if (hour < 1 || hour > 12) {
                    return null;
                }
                hour = hour % 12 + (pm ? 12 : 0);
            }
            try {
                LocalDate date = dayOfYear > 0 ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
                return date.atTime(hour, minute, second, micros * 1000);
            }
            catch (DateTimeException e) {
                return null;
            }
        }
    }
}
