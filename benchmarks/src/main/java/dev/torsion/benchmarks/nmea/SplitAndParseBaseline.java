package dev.torsion.benchmarks.nmea;

/**
 * The baseline: the NMEA reader a user writes by hand with {@code String.split}: cut the checksum
 * off without verifying it, split at commas, and turn the fields of the common fixes (GGA, RMC,
 * GLL, VTG, GSA) into numbers with {@code Double.parseDouble} and {@code Integer.parseInt}; any
 * other sentence is only split. No checks, limits, typed records or error reporting: the floor a
 * codec is measured against. {@link TorsionFold} folds the same values from Torsion's messages.
 */
final class SplitAndParseBaseline {

    private SplitAndParseBaseline() {
    }

    /** Parses one sentence; returns the sum of the values read, so the work is not elided. */
    static double parse(String line) {
        if (line.isEmpty() || (line.charAt(0) != '$' && line.charAt(0) != '!')) {
            return 0;
        }
        int star = line.lastIndexOf('*');
        String[] f = line.substring(1, star > 0 ? star : line.length()).split(",", -1);
        String type = f[0].length() >= 5 ? f[0].substring(f[0].length() - 3) : f[0];
        try {
            return switch (type) {
                case "GGA" -> time(f, 1) + angle(f, 2) + angle(f, 4) + integer(f, 6) + integer(f, 7)
                        + number(f, 8) + number(f, 9) + number(f, 11);
                case "RMC" -> time(f, 1) + angle(f, 3) + angle(f, 5) + number(f, 7) + number(f, 8)
                        + integer(f, 9);
                case "GLL" -> angle(f, 1) + angle(f, 3) + time(f, 5);
                case "VTG" -> number(f, 1) + number(f, 3) + number(f, 5) + number(f, 7);
                case "GSA" -> integer(f, 2) + number(f, 15) + number(f, 16) + number(f, 17);
                default -> f.length;
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        }
    }

    private static double number(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? Double.parseDouble(f[i]) : 0;
    }

    private static int integer(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? Integer.parseInt(f[i]) : 0;
    }

    /** {@code hhmmss.ss} as seconds of the day. */
    private static double time(String[] f, int i) {
        if (i >= f.length || f[i].length() < 6) {
            return 0;
        }
        String t = f[i];
        return Integer.parseInt(t.substring(0, 2)) * 3600 + Integer.parseInt(t.substring(2, 4)) * 60
                + Double.parseDouble(t.substring(4));
    }

    /** {@code (d)ddmm.mmmm} and its hemisphere as signed degrees. */
    private static double angle(String[] f, int i) {
        if (i + 1 >= f.length || f[i].isEmpty()) {
            return 0;
        }
        double raw = Double.parseDouble(f[i]);
        double degrees = Math.floor(raw / 100);
        double value = degrees + (raw - degrees * 100) / 60;
        return "S".equals(f[i + 1]) || "W".equals(f[i + 1]) ? -value : value;
    }
}
