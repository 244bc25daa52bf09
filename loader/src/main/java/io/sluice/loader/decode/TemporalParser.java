package io.sluice.loader.decode;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses DATE and DATETIME text without allocating formatters: {@code yyyy-MM-dd}, {@code yyyyMMdd},
 * {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (a 'T' may replace the space). Two-digit fields may have one digit.
 */
final class TemporalParser
{
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TemporalParser() {}

    static long parseDate(String text, String column)
            throws ConversionException
    {
        String value = text.trim();
        if (value.length() == 8 && allDigits(value)) {
            return epochDay(column, text, "date", Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 4, 6, 10), Integer.parseInt(value, 6, 8, 10));
        }
        Cursor cursor = new Cursor(value);
        int year = cursor.number(4);
        cursor.expect('-');
        int month = cursor.number(2);
        cursor.expect('-');
        int day = cursor.number(2);
        if (!cursor.ok) {
            throw invalid(text, "date", column);
        }
        if (!cursor.atEnd()) {
            // A datetime loads as its date, but only if it is a valid datetime: "2020-05-11xyz" is not a date.
            try {
                return Math.floorDiv(parseDateTime(text, column), MICROS_PER_DAY);
            }
            catch (ConversionException e) {
                throw invalid(text, "date", column);
            }
        }
        return epochDay(column, text, "date", year, month, day);
    }

    static long parseDateTime(String text, String column)
            throws ConversionException
    {
        String value = text.trim();
        if ((value.length() == 8 || value.length() == 14) && allDigits(value)) {
            return dateTimeFromNumber(Long.parseLong(value), column);
        }
        Cursor cursor = new Cursor(value);
        int year = cursor.number(4);
        cursor.expect('-');
        int month = cursor.number(2);
        cursor.expect('-');
        int day = cursor.number(2);
        if (!cursor.ok) {
            throw invalid(text, "datetime", column);
        }
        long micros = epochDay(column, text, "datetime", year, month, day) * MICROS_PER_DAY;
        if (cursor.atEnd()) {
            return micros;
        }
        if (!cursor.accept(' ') && !cursor.accept('T')) {
            throw invalid(text, "datetime", column);
        }
        int hour = cursor.number(2);
        cursor.expect(':');
        int minute = cursor.number(2);
        cursor.expect(':');
        int second = cursor.number(2);
        long fraction = 0;
        if (cursor.ok && cursor.accept('.')) {
            int digits = 0;
            while (!cursor.atEnd() && Character.isDigit(cursor.peek()) && digits < 6) {
                fraction = fraction * 10 + (cursor.next() - '0');
                digits++;
            }
            for (; digits < 6; digits++) {
                fraction *= 10;
            }
            while (!cursor.atEnd() && Character.isDigit(cursor.peek())) {
                cursor.next();
            }
        }
        if (!cursor.ok || !cursor.atEnd() || hour > 23 || minute > 59 || second > 59) {
            throw invalid(text, "datetime", column);
        }
        return micros + ((hour * 60L + minute) * 60 + second) * 1_000_000 + fraction;
    }

    /** A number such as 20200511 as a date. */
    static long dateFromNumber(long value, String column)
            throws ConversionException
    {
        return dateFromNumber(value, column, "date");
    }

    private static long dateFromNumber(long value, String column, String type)
            throws ConversionException
    {
        if (value < 0 || value > 99_991_231) {
            throw invalid(Long.toString(value), type, column);
        }
        return epochDay(column, Long.toString(value), type, (int) (value / 10000), (int) (value / 100 % 100), (int) (value % 100));
    }

    /** A number such as 20200511120000 as a datetime. */
    static long dateTimeFromNumber(long value, String column)
            throws ConversionException
    {
        if (value >= 0 && value < 100_000_000L) {
            return dateFromNumber(value, column, "datetime") * MICROS_PER_DAY;
        }
        long date = value / 1_000_000;
        long time = value % 1_000_000;
        long hour = time / 10000;
        long minute = time / 100 % 100;
        long second = time % 100;
        // yyyyMMddHHmmss only: a 10-digit number (a unix timestamp) has no valid reading.
        if (value < 10_000_000_000_000L || hour > 23 || minute > 59 || second > 59) {
            throw invalid(Long.toString(value), "datetime", column);
        }
        try {
            return dateFromNumber(date, column, "datetime") * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1_000_000;
        }
        catch (ConversionException e) {
            throw invalid(Long.toString(value), "datetime", column);
        }
    }

    private static long epochDay(String column, String text, String type, int year, int month, int day)
            throws ConversionException
    {
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        }
        catch (DateTimeException e) {
            throw invalid(text, type, column);
        }
    }

    private static boolean allDigits(String value)
    {
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static ConversionException invalid(String text, String type, String column)
    {
        return new ConversionException("Value '" + ValueConverter.abbreviate(text) + "' is not a valid " + type + " for column " + column);
    }

    private static final class Cursor
    {
        private final String text;
        private int position;
        private boolean ok = true;

        Cursor(String text)
        {
            this.text = text;
        }

        int number(int maxDigits)
        {
            int value = 0;
            int digits = 0;
            while (position < text.length() && digits < maxDigits && Character.isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position++) - '0');
                digits++;
            }
            if (digits == 0) {
                ok = false;
            }
            return value;
        }

        void expect(char character)
        {
            if (!accept(character)) {
                ok = false;
            }
        }

        boolean accept(char character)
        {
            if (position < text.length() && text.charAt(position) == character) {
                position++;
                return true;
            }
            return false;
        }

        boolean atEnd()
        {
            return position >= text.length();
        }

        char peek()
        {
            return text.charAt(position);
        }

        char next()
        {
            return text.charAt(position++);
        }
    }
}
