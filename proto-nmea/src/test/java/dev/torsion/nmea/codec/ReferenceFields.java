package dev.torsion.nmea.codec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The test oracle: {@code Fields} as it was before the single-pass decoder (String
 * {@code split}, substrings and {@code Double.parseDouble}), kept unchanged so that property tests
 * can check the new codec accepts, types and refuses exactly as it did.
 *
 * <p>The original description:
 * Parses NMEA field types (NMEA 0183 section 6.2); an empty field is null. */
final class ReferenceFields {

    private ReferenceFields() {
    }

    static Double decimal(String field) throws FieldException {
        if (field.isEmpty()) {
            return null;
        }
        try {
            // plain decimals only: no exponent, NaN, Infinity or hex float, which parseDouble takes
            if (!isPlainDecimal(field)) {
                throw new FieldException("not a number: " + field);
            }
            double value = Double.parseDouble(field);
            if (!Double.isFinite(value)) {
                throw new FieldException("not a number: " + field);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new FieldException("not a number: " + field);
        }
    }

    static Double decimal(String field, double min, double max) throws FieldException {
        Double value = decimal(field);
        if (value != null && (value < min || value > max)) {
            throw new FieldException("out of range [" + min + ", " + max + "]: " + field);
        }
        return value;
    }

    static Integer integer(String field) throws FieldException {
        if (field.isEmpty()) {
            return null;
        }
        if (field.length() > 9 || !digits(field, 0, field.length())) {
            throw new FieldException("not an integer: " + field);
        }
        return Integer.parseInt(field);
    }

    /** An integer with an optional sign ({@code +05}, {@code -03}), within {@code [min, max]}. */
    static Integer signedInteger(String field, int min, int max) throws FieldException {
        if (field.isEmpty()) {
            return null;
        }
        int from = field.charAt(0) == '+' || field.charAt(0) == '-' ? 1 : 0;
        int length = field.length() - from;
        if (length < 1 || length > 9 || !digits(field, from, field.length())) {
            throw new FieldException("not an integer: " + field);
        }
        int value = Integer.parseInt(field.startsWith("+") ? field.substring(1) : field);
        if (value < min || value > max) {
            throw new FieldException("out of range [" + min + ", " + max + "]: " + field);
        }
        return value;
    }

    static int integer(String field, int absent) throws FieldException {
        Integer value = integer(field);
        return value == null ? absent : value;
    }

    /** {@code hhmmss.ss}, UTC. */
    static LocalTime time(String field) throws FieldException {
        if (field.isEmpty()) {
            return null;
        }
        boolean fractional = field.length() > 6 && field.charAt(6) == '.' && field.length() <= 16
                && digits(field, 7, field.length());
        if (field.length() < 6 || !digits(field, 0, 6) || (field.length() > 6 && !fractional)) {
            throw new FieldException("not a time: " + field);
        }
        try {
            int nanos = 0;
            if (field.length() > 7) {
                String fraction = (field.substring(7) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction);
            }
            return LocalTime.of(Integer.parseInt(field.substring(0, 2)),
                    Integer.parseInt(field.substring(2, 4)), Integer.parseInt(field.substring(4, 6)),
                    nanos);
        } catch (DateTimeException e) {
            throw new FieldException("not a time: " + field);
        }
    }

    /** {@code ddmmyy}; two-digit years 80 to 99 are 19xx, the rest 20xx. */
    static LocalDate date(String field) throws FieldException {
        if (field.isEmpty()) {
            return null;
        }
        if (field.length() != 6 || !digits(field, 0, 6)) {
            throw new FieldException("not a date: " + field);
        }
        int year = Integer.parseInt(field.substring(4, 6));
        return date(Integer.parseInt(field.substring(0, 2)), Integer.parseInt(field.substring(2, 4)),
                year < 80 ? 2000 + year : 1900 + year);
    }

    static LocalDate date(int day, int month, int year) throws FieldException {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new FieldException("not a date: " + day + "/" + month + "/" + year);
        }
    }

    /** {@code (d)ddmm.mmmm} and a hemisphere, as signed decimal degrees. */
    static Double angle(String value, String hemisphere, char positive, char negative, double max)
            throws FieldException {
        if (value.isEmpty()) {
            return null;
        }
        Double raw = decimal(value);
        if (raw < 0) {
            throw new FieldException("negative angle: " + value);
        }
        double degrees = Math.floor(raw / 100);
        double minutes = raw - degrees * 100;
        if (minutes >= 60) {
            throw new FieldException("minutes past 60: " + value);
        }
        double result = degrees + minutes / 60;
        if (result > max) {
            throw new FieldException("angle past " + max + ": " + value);
        }
        if (hemisphere.length() == 1 && hemisphere.charAt(0) == positive) {
            return result;
        }
        if (hemisphere.length() == 1 && hemisphere.charAt(0) == negative) {
            return -result;
        }
        throw new FieldException("bad hemisphere: '" + hemisphere + "'");
    }

    static Double latitude(Sentence s, int index) throws FieldException {
        return angle(s.field(index), s.field(index + 1), 'N', 'S', 90);
    }

    static Double longitude(Sentence s, int index) throws FieldException {
        return angle(s.field(index), s.field(index + 1), 'E', 'W', 180);
    }

    /** The oracle's absent (null) decimal in the codec's primitive form, NaN. */
    static double primitive(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** The oracle's absent (null) integer in the codec's primitive form, ABSENT. */
    static int primitive(Integer value) {
        return value == null ? NmeaMessage.ABSENT : value;
    }

    /** The oracle's time as the codec keeps it, nanoseconds of the day or NO_TIME. */
    static long nanoOfDay(LocalTime time) {
        return time == null ? NmeaMessage.NO_TIME : time.toNanoOfDay();
    }

    /** The oracle's date as the codec keeps it, an epoch day or NO_DATE. */
    static long epochDay(LocalDate date) {
        return date == null ? NmeaMessage.NO_DATE : date.toEpochDay();
    }

    /** Whether {@code text[from, to)} is all ASCII digits (true when empty). */
    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code [-+]?[0-9]*\.?[0-9]*}: an optional sign, digits, at most one point. */
    private static boolean isPlainDecimal(String field) {
        int from = field.charAt(0) == '+' || field.charAt(0) == '-' ? 1 : 0;
        boolean point = false;
        for (int i = from; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
