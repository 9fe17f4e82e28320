package dev.torsion.nmea.codec;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Parses NMEA field types (NMEA 0183 section 6.2) straight from a sentence's bytes, field
 * {@code index} of a {@link Sentence}; an empty or absent field is NaN, {@link NmeaMessage#ABSENT},
 * {@link NmeaMessage#NO_TIME} or {@link NmeaMessage#NO_DATE}. A field is made into a
 * string only for the message of a {@link FieldException}.
 */
final class Fields {

    private static final int MAX_INTEGER_DIGITS = 9;
    private static final int[] NANOS_PER_DIGIT = {
        100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1,
    };

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Fields() {
    }

    static double decimal(Sentence s, int index) throws FieldException {
        int from = s.from(index);
        int to = s.to(index);
        return from == to ? Double.NaN : Decimals.parse(s.line(), from, to);
    }

    static double decimal(Sentence s, int index, double min, double max) throws FieldException {
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return Double.NaN;
        }
        double value = Decimals.parse(s.line(), from, to);
        if (value < min || value > max) {
            throw new FieldException("out of range [" + min + ", " + max + "]: "
                    + Ascii.text(s.line(), from, to));
        }
        return value;
    }

    static int integer(Sentence s, int index) throws FieldException {
        return integer(s.line(), s.from(index), s.to(index));
    }

    /** Digits only, at most nine of them, in {@code line[from, to)}; ABSENT when empty. */
    static int integer(byte[] line, int from, int to) throws FieldException {
        if (from == to) {
            return NmeaMessage.ABSENT;
        }
        int value = to - from > MAX_INTEGER_DIGITS ? -1 : digitsValue(line, from, to);
        if (value < 0) {
            throw new FieldException("not an integer: " + Ascii.text(line, from, to));
        }
        return value;
    }

    static int integer(Sentence s, int index, int absent) throws FieldException {
        int value = integer(s, index);
        return value == NmeaMessage.ABSENT ? absent : value;
    }

    /** An integer with an optional sign ({@code +05}, {@code -03}), within {@code [min, max]}. */
    static int signedInteger(Sentence s, int index, int min, int max) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return NmeaMessage.ABSENT;
        }
        byte sign = line[from];
        int digitsFrom = sign == '+' || sign == '-' ? from + 1 : from;
        int length = to - digitsFrom;
        int value = length < 1 || length > MAX_INTEGER_DIGITS ? -1 : digitsValue(line, digitsFrom, to);
        if (value < 0) {
            throw new FieldException("not an integer: " + Ascii.text(line, from, to));
        }
        value = sign == '-' ? -value : value;
        if (value < min || value > max) {
            throw new FieldException("out of range [" + min + ", " + max + "]: "
                    + Ascii.text(line, from, to));
        }
        return value;
    }

    /**
     * {@code hhmmss.ss}, UTC, as nanoseconds of the day ({@link NmeaMessage#NO_TIME} when empty);
     * at most nine decimals; hour 0 to 23, minute and second 0 to 59 (as {@code LocalTime}).
     */
    static long time(Sentence s, int index) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        int length = to - from;
        if (length == 0) {
            return NmeaMessage.NO_TIME;
        }
        int hhmmss = length < 6 ? -1 : digitsValue(line, from, from + 6);
        int nanos = length <= 6 ? 0 : fraction(line, from + 6, to);
        int hours = hhmmss / 10_000;
        int minutes = hhmmss / 100 % 100;
        int seconds = hhmmss % 100;
        if (hhmmss < 0 || nanos < 0 || hours > 23 || minutes > 59 || seconds > 59) {
            throw new FieldException("not a time: " + Ascii.text(line, from, to));
        }
        return (hours * 3600 + minutes * 60 + seconds) * NANOS_PER_SECOND + nanos;
    }

    /**
     * {@code ddmmyy} as an epoch day ({@link NmeaMessage#NO_DATE} when empty); two-digit years 80
     * to 99 are 19xx, the rest 20xx.
     */
    static long date(Sentence s, int index) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return NmeaMessage.NO_DATE;
        }
        if (to - from != 6 || digitsValue(line, from, to) < 0) {
            throw new FieldException("not a date: " + Ascii.text(line, from, to));
        }
        int year = digitsValue(line, from + 4, from + 6);
        return date(digitsValue(line, from, from + 2), digitsValue(line, from + 2, from + 4),
                year < 80 ? 2000 + year : 1900 + year);
    }

    /** A date as an epoch day, checked by hand so that no exception is made for a valid one. */
    static long date(int day, int month, int year) throws FieldException {
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || year < Year.MIN_VALUE || year > Year.MAX_VALUE) {
            throw new FieldException("not a date: " + day + "/" + month + "/" + year);
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    /** {@code .sssssssss} in {@code text[from, to)} as nanoseconds; -1 unless a point and 0 to 9 digits. */
    private static int fraction(byte[] text, int from, int to) {
        if (text[from] != '.' || to - from - 1 > NANOS_PER_DIGIT.length) {
            return -1;
        }
        int nanos = 0;
        for (int i = from + 1; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            nanos += digit * NANOS_PER_DIGIT[i - from - 1];
        }
        return nanos;
    }

    /**
     * {@code (d)ddmm.mmmm} in field {@code index} and a hemisphere after it, as signed degrees;
     * NaN when empty.
     */
    static double angle(Sentence s, int index, char positive, char negative, int max)
            throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return Double.NaN;
        }
        double raw = Decimals.parse(line, from, to);
        if (raw < 0) {
            throw new FieldException("negative angle: " + Ascii.text(line, from, to));
        }
        double degrees = Math.floor(raw / 100);
        double minutes = raw - degrees * 100;
        if (minutes >= 60) {
            throw new FieldException("minutes past 60: " + Ascii.text(line, from, to));
        }
        double result = degrees + minutes / 60;
        if (result > max) {
            // shown as the double it was compared as
            throw new FieldException("angle past " + max + ".0: " + Ascii.text(line, from, to));
        }
        if (s.fieldIs(index + 1, positive)) {
            return result;
        }
        if (s.fieldIs(index + 1, negative)) {
            return -result;
        }
        throw new FieldException("bad hemisphere: '" + s.field(index + 1) + "'");
    }

    static double latitude(Sentence s, int index) throws FieldException {
        return angle(s, index, 'N', 'S', 90);
    }

    static double longitude(Sentence s, int index) throws FieldException {
        return angle(s, index, 'E', 'W', 180);
    }

    /** The value of the digits {@code text[from, to)}, at most nine of them; -1 past a non-digit. */
    private static int digitsValue(byte[] text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
