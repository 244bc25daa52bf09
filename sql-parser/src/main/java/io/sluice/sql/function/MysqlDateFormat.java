package io.sluice.sql.function;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * MySQL's date format specifiers (%Y %m %d %H %i %s ...), for DATE_FORMAT, FROM_UNIXTIME and STR_TO_DATE.
 */
public final class MysqlDateFormat
{
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
                case 'Y' -> pad(result, value.getYear(), 4);
                case 'y' -> pad(result, value.getYear() % 100, 2);
                case 'm' -> pad(result, value.getMonthValue(), 2);
                case 'c' -> result.append(value.getMonthValue());
                case 'd' -> pad(result, value.getDayOfMonth(), 2);
                case 'e' -> result.append(value.getDayOfMonth());
                case 'H' -> pad(result, value.getHour(), 2);
                case 'k' -> result.append(value.getHour());
                case 'h', 'I' -> pad(result, (value.getHour() + 11) % 12 + 1, 2);
                case 'l' -> result.append((value.getHour() + 11) % 12 + 1);
                case 'i' -> pad(result, value.getMinute(), 2);
                case 's', 'S' -> pad(result, value.getSecond(), 2);
                case 'f' -> pad(result, value.getNano() / 1000, 6);
                case 'p' -> result.append(value.getHour() < 12 ? "AM" : "PM");
                case 'j' -> pad(result, value.getDayOfYear(), 3);
                case 'M' -> result.append(value.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b' -> result.append(value.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'W' -> result.append(value.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> result.append(value.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'T' -> result.append(format(value, "%H:%i:%s"));
                case 'r' -> result.append(format(value, "%h:%i:%s %p"));
                default -> result.append(specifier);
            }
        }
        return result.toString();
    }

    private static void pad(StringBuilder result, int value, int width)
    {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            result.append('0');
        }
        result.append(digits);
    }

    /** Parses text with a format; null when it does not match (MySQL returns NULL). */
    public static LocalDateTime parse(String text, String format)
    {
        int year = 0;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        boolean pm = false;
        boolean twelveHour = false;
        int position = 0;
        for (int i = 0; i < format.length(); i++) {
            char character = format.charAt(i);
            if (character != '%' || i + 1 == format.length()) {
                if (position >= text.length() || text.charAt(position) != character) {
                    return null;
                }
                position++;
                continue;
            }
            char specifier = format.charAt(++i);
            int maxDigits = switch (specifier) {
                case 'Y' -> 4;
                case 'f' -> 6;
                case 'j' -> 3;
                default -> 2;
            };
            if (specifier == 'p') {
                if (position + 2 > text.length()) {
                    return null;
                }
                pm = text.regionMatches(true, position, "PM", 0, 2);
                position += 2;
                continue;
            }
            int start = position;
            int value = 0;
            while (position < text.length() && position - start < maxDigits && Character.isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position++) - '0');
            }
            if (position == start) {
                return null;
            }
            switch (specifier) {
                case 'Y' -> year = value;
                case 'y' -> year = value < 70 ? 2000 + value : 1900 + value;
                case 'm', 'c' -> month = value;
                case 'd', 'e' -> day = value;
                case 'H', 'k' -> hour = value;
                case 'h', 'I', 'l' -> {
                    hour = value;
                    twelveHour = true;
                }
                case 'i' -> minute = value;
                case 's', 'S' -> second = value;
                case 'f' -> micros = value * (int) Math.pow(10, 6 - (position - start));
                default -> {
                    return null;
                }
            }
        }
        if (twelveHour) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        try {
            return LocalDate.of(year, month, day).atTime(hour, minute, second, micros * 1000);
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    public static boolean hasTime(String format)
    {
        for (String specifier : new String[] {"%H", "%k", "%h", "%I", "%l", "%i", "%s", "%S", "%T", "%r", "%f"}) {
            if (format.contains(specifier)) {
                return true;
            }
        }
        return false;
    }
}
