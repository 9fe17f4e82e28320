package dev.torsion.benchmarks.nmea;

/**
 * The baseline: what a hand-written NMEA reader does with {@code String.split}: check the XOR
 * checksum, split at commas, and turn the fields of the common fixes (GGA, RMC, GLL, VTG, GSA)
 * into numbers, degrees and seconds of the day. No limits, no typed records, no error reporting:
 * the floor a codec is measured against.
 */
final class SplitAndParseBaseline {

    private SplitAndParseBaseline() {
    }

    /** Parses one sentence; returns a number folded from its values, so the work is not elided. */
    static double parse(String line) {
        int star = line.lastIndexOf('*');
        if (line.isEmpty() || (line.charAt(0) != '$' && line.charAt(0) != '!')) {
            return 0;
        }
        if (star > 0) {
            int sum = 0;
            for (int i = 1; i < star; i++) {
                sum ^= line.charAt(i);
            }
            try {
                if (Integer.parseInt(line.substring(star + 1), 16) != sum) {
                    return 0;
                }
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        String[] f = line.substring(1, star > 0 ? star : line.length()).split(",", -1);
        String type = f[0].length() >= 5 ? f[0].substring(f[0].length() - 3) : f[0];
        try {
            return switch (type) {
                case "GGA" -> time(f, 1) + angle(f, 2) + angle(f, 4) + number(f, 6) + number(f, 7)
                        + number(f, 8) + number(f, 9) + number(f, 11);
                case "RMC" -> time(f, 1) + angle(f, 3) + angle(f, 5) + number(f, 7) + number(f, 8)
                        + number(f, 9);
                case "GLL" -> angle(f, 1) + angle(f, 3) + time(f, 5);
                case "VTG" -> number(f, 1) + number(f, 3) + number(f, 5) + number(f, 7);
                case "GSA" -> number(f, 2) + number(f, 15) + number(f, 16) + number(f, 17);
                default -> f.length;
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        }
    }

    private static double number(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? Double.parseDouble(f[i]) : 0;
    }

    private static double time(String[] f, int i) {
        if (i >= f.length || f[i].length() < 6) {
            return 0;
        }
        String t = f[i];
        return Integer.parseInt(t.substring(0, 2)) * 3600 + Integer.parseInt(t.substring(2, 4)) * 60
                + Double.parseDouble(t.substring(4));
    }

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
