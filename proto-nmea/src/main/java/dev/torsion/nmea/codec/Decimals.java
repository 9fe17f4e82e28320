package dev.torsion.nmea.codec;

/**
 * Plain decimal numbers ({@code [-+]?[0-9]*\.?[0-9]*}, at least one digit) read straight from a
 * line's bytes, with the value {@link Double#parseDouble} gives.
 *
 * <p>The digits become an integer mantissa and the count of digits after the point a decimal
 * scale. When the mantissa is at most 2<sup>53</sup> and the scale at most 22 (every number NMEA
 * sends: latitudes carry 4 to 9 decimals, 10 to 13 digits in all), both are exact doubles and one
 * IEEE division rounds their quotient correctly, so the result is exactly the nearest double to
 * the decimal, as {@code parseDouble}'s. Longer numbers fall back on {@code parseDouble}.
 */
final class Decimals {

    /** Past this many digits the mantissa may overflow a long: the slow path. */
    private static final int MAX_FAST_DIGITS = 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private Decimals() {
    }

    /** The number in {@code text[from, to)}, which is not empty. */
    static double parse(byte[] text, int from, int to) throws FieldException {
        int i = from;
        byte first = text[i];
        boolean negative = first == '-';
        if (negative || first == '+') {
            i++;
        }
        // the whole part, then the fraction: two tight loops rather than a test of the point
        // at every digit; a long mantissa may overflow, which the digit count below catches
        long mantissa = 0;
        int wholeFrom = i;
        for (int digit; i < to && (digit = digit(text[i])) >= 0; i++) {
            mantissa = mantissa * 10 + digit;
        }
        int digits = i - wholeFrom;
        int scale = 0;
        if (i < to && text[i] == '.') {
            int fractionFrom = ++i;
            for (int digit; i < to && (digit = digit(text[i])) >= 0; i++) {
                mantissa = mantissa * 10 + digit;
            }
            scale = i - fractionFrom;
            digits += scale;
        }
        if (i != to || digits == 0) {
            throw notANumber(text, from, to);
        }
        if (digits > MAX_FAST_DIGITS || mantissa > MAX_EXACT_MANTISSA
                || scale >= POWERS_OF_TEN.length) {
            return slowly(text, from, to);
        }
        double value = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
        return negative ? -value : value;
    }

    /** The value of the ASCII digit {@code c}, or -1: one unsigned comparison. */
    private static int digit(byte c) {
        int value = c - '0';
        return Integer.compareUnsigned(value, 9) <= 0 ? value : -1;
    }

    private static double slowly(byte[] text, int from, int to) throws FieldException {
        double value = Double.parseDouble(Ascii.text(text, from, to));
        if (!Double.isFinite(value)) {
            throw notANumber(text, from, to);
        }
        return value;
    }

    static FieldException notANumber(byte[] text, int from, int to) {
        return new FieldException("not a number: " + Ascii.text(text, from, to));
    }
}
