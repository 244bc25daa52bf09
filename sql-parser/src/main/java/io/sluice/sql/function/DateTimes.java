package io.sluice.sql.function;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Reading and printing dates and date-times as MySQL writes them; see {@link SqlValues#parseDateTime}. */
final class DateTimes
{
    private DateTimes() {}

    static LocalDateTime parse(Object value)
    {
        if (value == null || value instanceof Boolean || value instanceof IntervalValue) {
            return null;
        }
        String text = SqlValues.text(value).trim();
        if (isDigits(text)) {
            return parseCompact(text);
        }
        return parseDelimited(text);
    }

    /** Whether the text has a time of day: it has a ':' or is the 14-digit compact form. */
    static boolean hasTimePart(Object value)
    {
        String text = SqlValues.text(value).trim();
        return text.indexOf(':') >= 0 || (text.length() == 14 && isDigits(text));
    }

    private static LocalDateTime parseCompact(String digits)
    {
        try {
            if (digits.length() == 8) {
                return LocalDate.of(field(digits, 0, 4), field(digits, 4, 6), field(digits, 6, 8)).atStartOfDay();
            }
            if (digits.length() == 14) {
                return LocalDateTime.of(field(digits, 0, 4), field(digits, 4, 6), field(digits, 6, 8),
                        field(digits, 8, 10), field(digits, 10, 12), field(digits, 12, 14));
            }
        }
        catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private static LocalDateTime parseDelimited(String text)
    {
        // year - month - day [ (' ' | 'T') hour : minute [ : second [ . fraction ] ] ]
        int[] fields = new int[7];
        int length = text.length();
        int position = 0;
        int field = 0;
        int fractionDigits = 0;
        while (field < 7) {
            int start = position;
            int value = 0;
            int maxDigits = field == 0 ? 4 : field == 6 ? 9 : 2;
            while (position < length && position - start < maxDigits && Character.isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position++) - '0');
            }
            if (position == start) {
                return null;
            }
            if (field == 0 && position - start <= 2) {
                // Two-digit years: 70-99 are 1970-1999, 00-69 are 2000-2069.
                value += value < 70 ? 2000 : 1900;
            }
            if (field == 6) {
                fractionDigits = position - start;
                while (position < length && Character.isDigit(text.charAt(position))) {
                    position++;
                }
            }
            fields[field++] = value;
            if (position == length) {
                break;
            }
            char separator = text.charAt(position++);
            boolean expected = switch (field) {
                case 1, 2 -> separator == '-' || separator == '/' || separator == '.';
                case 3 -> separator == ' ' || separator == 'T';
                case 4, 5 -> separator == ':';
                case 6 -> separator == '.';
                default -> false;
            };
            if (!expected) {
                return null;
            }
            if (field == 3) {
                while (position < length && text.charAt(position) == ' ') {
                    position++;
                }
            }
        }
        if (position != length || field < 3 || field == 4) {
            return null;
        }
        int nanos = fields[6];
        for (int i = fractionDigits; i < 9; i++) {
            nanos *= 10;
        }
        // Sub-microsecond digits are dropped, as MySQL keeps at most 6.
        nanos = nanos / 1000 * 1000;
        try {
            return LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], nanos);
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    static LocalTime parseTime(Object value)
    {
        if (value == null) {
            return null;
        }
        String text = SqlValues.text(value).trim();
        int firstColon = text.indexOf(':');
        if (firstColon < 1 || firstColon > 2) {
            return null;
        }
        LocalDateTime parsed = parseDelimited("2000-01-01 " + text);
        return parsed == null ? null : parsed.toLocalTime();
    }

    private static boolean isDigits(String text)
    {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int field(String digits, int start, int end)
    {
        return Integer.parseInt(digits, start, end, 10);
    }

    static String formatDate(LocalDate date)
    {
        StringBuilder result = new StringBuilder(10);
        appendDate(result, date);
        return result.toString();
    }

    static String formatDateTime(LocalDateTime dateTime)
    {
        StringBuilder result = new StringBuilder(26);
        appendDate(result, dateTime.toLocalDate());
        result.append(' ');
        pad(result, dateTime.getHour(), 2);
        result.append(':');
        pad(result, dateTime.getMinute(), 2);
        result.append(':');
        pad(result, dateTime.getSecond(), 2);
        int micros = dateTime.getNano() / 1000;
        if (micros != 0) {
            result.append('.');
            pad(result, micros, 6);
        }
        return result.toString();
    }

    private static void appendDate(StringBuilder result, LocalDate date)
    {
        pad(result, date.getYear(), 4);
        result.append('-');
        pad(result, date.getMonthValue(), 2);
        result.append('-');
        pad(result, date.getDayOfMonth(), 2);
    }

    static void pad(StringBuilder result, int value, int width)
    {
        if (value < 0) {
            result.append('-');
            value = -value;
        }
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            result.append('0');
        }
        result.append(digits);
    }
}
