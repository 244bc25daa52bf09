package io.sluice.loader.decode;

/**
 * Parses DATE and DATETIME text without allocating: {@code yyyy-MM-dd}, {@code yyyyMMdd},
 * {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (a 'T' may replace the space), {@code yyyyMMddHHmmss}. Two-digit fields may
 * have one digit; surrounding spaces are ignored. Only ASCII digits count.
 */
final class TemporalParser
{
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private TemporalParser() {}

    static long parseDate(CharSequence text, String column)
            throws ConversionException
    {
        int start = firstNonSpace(text);
        int end = lastNonSpace(text, start);
        if (end - start == 8 && allDigits(text, start, end)) {
            return epochDay(text, "date", column, digits(text, start, 4), digits(text, start + 4, 2), digits(text, start + 6, 2));
        }
        Cursor cursor = new Cursor(text, start, end);
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
        return epochDay(text, "date", column, year, month, day);
    }

    static long parseDateTime(CharSequence text, String column)
            throws ConversionException
    {
        int start = firstNonSpace(text);
        int end = lastNonSpace(text, start);
        if ((end - start == 8 || end - start == 14) && allDigits(text, start, end)) {
            long value = 0;
            for (int i = start; i < end; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return dateTimeFromNumber(value, column);
        }
        Cursor cursor = new Cursor(text, start, end);
        int year = cursor.number(4);
        cursor.expect('-');
        int month = cursor.number(2);
        cursor.expect('-');
        int day = cursor.number(2);
        if (!cursor.ok) {
            throw invalid(text, "datetime", column);
        }
        long micros = epochDay(text, "datetime", column, year, month, day) * MICROS_PER_DAY;
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
            while (!cursor.atEnd() && isDigit(cursor.peek()) && digits < 6) {
                fraction = fraction * 10 + (cursor.next() - '0');
                digits++;
            }
            for (; digits < 6; digits++) {
                fraction *= 10;
            }
            // Digits beyond microseconds are dropped, as MySQL does.
            while (!cursor.atEnd() && isDigit(cursor.peek())) {
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
        return epochDay(Long.toString(value), type, column, (int) (value / 10000), (int) (value / 100 % 100), (int) (value % 100));
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

    /** Days since 1970-01-01 of a valid proleptic Gregorian date of years 0-9999, computed without objects. */
    private static long epochDay(CharSequence text, String type, String column, int year, int month, int day)
            throws ConversionException
    {
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw invalid(text, type, column);
        }
        // Days from civil (H. Hinnant's algorithm), valid for any year >= 0.
        int shiftedYear = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(shiftedYear, 400);
        int yearOfEra = shiftedYear - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int daysInMonth(int year, int month)
    {
        if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    private static int firstNonSpace(CharSequence text)
    {
        int start = 0;
        while (start < text.length() && text.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    private static int lastNonSpace(CharSequence text, int start)
    {
        int end = text.length();
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    private static boolean allDigits(CharSequence text, int start, int end)
    {
        for (int i = start; i < end; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int digits(CharSequence text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static boolean isDigit(char character)
    {
        return character >= '0' && character <= '9';
    }

    private static ConversionException invalid(CharSequence text, String type, String column)
    {
        return ConversionException.invalidValue("Value '" + ValueConverter.abbreviate(text) + "' is not a valid " + type + " for column " + column);
    }

    private static final class Cursor
    {
        private final CharSequence text;
        private final int end;
        private int position;
        private boolean ok = true;

        Cursor(CharSequence text, int start, int end)
        {
            this.text = text;
            this.position = start;
            this.end = end;
        }

        int number(int maxDigits)
        {
            int value = 0;
            int digits = 0;
            while (position < end && digits < maxDigits && isDigit(text.charAt(position))) {
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
            if (position < end && text.charAt(position) == character) {
                position++;
                return true;
            }
            return false;
        }

        boolean atEnd()
        {
            return position >= end;
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
