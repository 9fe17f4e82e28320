package dev.torsion.nmea.codec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * Parses NMEA field types (NMEA 0183 section 6.2) straight from a sentence's bytes, field
 * {@code index} of a {@link Sentence}; an empty or absent field is null. A field is made into a
 * string only for the message of a {@link FieldException}.
 */
final class Fields {

    private static final int MAX_INTEGER_DIGITS = 9;
    private static final int[] NANOS_PER_DIGIT = {
        100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1,
    };

    private static final Integer[] BOXED = new Integer[1024];

    static {
        Arrays.setAll(BOXED, Integer::valueOf);
    }

    private Fields() {
    }

    static Double decimal(Sentence s, int index) throws FieldException {
        int from = s.from(index);
        int to = s.to(index);
        return from == to ? null : Decimals.parse(s.line(), from, to);
    }

    static Double decimal(Sentence s, int index, double min, double max) throws FieldException {
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return null;
        }
        double value = Decimals.parse(s.line(), from, to);
        if (value < min || value > max) {
            throw new FieldException("out of range [" + min + ", " + max + "]: "
                    + Ascii.text(s.line(), from, to));
        }
        return value;
    }

    static Integer integer(Sentence s, int index) throws FieldException {
        return integer(s.line(), s.from(index), s.to(index));
    }

    /** Digits only, at most nine of them, in {@code line[from, to)}; null when empty. */
    static Integer integer(byte[] line, int from, int to) throws FieldException {
        if (from == to) {
            return null;
        }
        int value = to - from > MAX_INTEGER_DIGITS ? -1 : digitsValue(line, from, to);
        if (value < 0) {
            throw new FieldException("not an integer: " + Ascii.text(line, from, to));
        }
        return boxed(value);
    }

    /** {@code value} boxed: shared below {@link #BOXED}'s length (PRNs, angles, SNRs, counts). */
    private static Integer boxed(int value) {
        return value < BOXED.length ? BOXED[value] : Integer.valueOf(value);
    }

    static int integer(Sentence s, int index, int absent) throws FieldException {
        Integer value = integer(s, index);
        return value == null ? absent : value;
    }

    /** An integer with an optional sign ({@code +05}, {@code -03}), within {@code [min, max]}. */
    static Integer signedInteger(Sentence s, int index, int min, int max) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return null;
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

    /** {@code hhmmss.ss}, UTC; at most nine decimals. */
    static LocalTime time(Sentence s, int index) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        int length = to - from;
        if (length == 0) {
            return null;
        }
        int hhmmss = length < 6 ? -1 : digitsValue(line, from, from + 6);
        int nanos = length <= 6 ? 0 : fraction(line, from + 6, to);
        if (hhmmss < 0 || nanos < 0) {
            throw new FieldException("not a time: " + Ascii.text(line, from, to));
        }
        try {
            return LocalTime.of(hhmmss / 10_000, hhmmss / 100 % 100, hhmmss % 100, nanos);
        } catch (DateTimeException e) {
            throw new FieldException("not a time: " + Ascii.text(line, from, to));
        }
    }

    /** {@code ddmmyy}; two-digit years 80 to 99 are 19xx, the rest 20xx. */
    static LocalDate date(Sentence s, int index) throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return null;
        }
        if (to - from != 6 || digitsValue(line, from, to) < 0) {
            throw new FieldException("not a date: " + Ascii.text(line, from, to));
        }
        int year = digitsValue(line, from + 4, from + 6);
        return date(digitsValue(line, from, from + 2), digitsValue(line, from + 2, from + 4),
                year < 80 ? 2000 + year : 1900 + year);
    }

    static LocalDate date(int day, int month, int year) throws FieldException {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new FieldException("not a date: " + day + "/" + month + "/" + year);
        }
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

    /** {@code (d)ddmm.mmmm} in field {@code index} and a hemisphere after it, as signed degrees. */
    static Double angle(Sentence s, int index, char positive, char negative, int max)
            throws FieldException {
        byte[] line = s.line();
        int from = s.from(index);
        int to = s.to(index);
        if (from == to) {
            return null;
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

    static Double latitude(Sentence s, int index) throws FieldException {
        return angle(s, index, 'N', 'S', 90);
    }

    static Double longitude(Sentence s, int index) throws FieldException {
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
