package dev.torsion.benchmarks.nmea;

/**
 * The baseline: the NMEA reader a user writes by hand with {@code String.split}: verify the
 * checksum (XOR of the characters between the start and {@code *}, against the two hex digits
 * after it) or, in the variant without it, cut it off unread; split at commas; and turn every
 * field Torsion's parser types into numbers with {@code Double.parseDouble} and
 * {@code Integer.parseInt}: GGA, RMC, GLL, VTG (both layouts), GSA (PRNs too), GSV (every
 * satellite), ZDA, GNS, GST, HDT, DTM, TXT, VDM/VDO fragment fields and payload length, Garmin
 * PGRMZ and u-blox PUBX,00. Any other sentence is only split and its fields counted. No range
 * checks, limits, typed records or error reporting: the floor a codec is measured against.
 * {@link TorsionFold} folds the same values from Torsion's messages, field by field.
 */
final class SplitAndParseBaseline {

    private SplitAndParseBaseline() {
    }

    /** Parses one sentence, its checksum verified; returns the sum of the values read. */
    static double parse(String line) {
        return parse(line, true);
    }

    /** Parses one sentence with its checksum cut off unread. */
    static double parseUnchecked(String line) {
        return parse(line, false);
    }

    private static double parse(String line, boolean verify) {
        if (line.isEmpty() || (line.charAt(0) != '$' && line.charAt(0) != '!')) {
            return 0;
        }
        int star = line.lastIndexOf('*');
        try {
            if (verify && star > 0 && !checksumMatches(line, star)) {
                return 0;
            }
            String[] f = line.substring(1, star > 0 ? star : line.length()).split(",", -1);
            if (f[0].startsWith("P")) {
                return proprietary(f);
            }
            String type = f[0].length() >= 5 ? f[0].substring(f[0].length() - 3) : f[0];
            if (line.charAt(0) == '!') {
                return "VDM".equals(type) || "VDO".equals(type) ? vdm(f) : f.length;
            }
            return switch (type) {
                case "GGA" -> time(f, 1) + angle(f, 2) + angle(f, 4) + integer(f, 6) + integer(f, 7)
                        + number(f, 8) + number(f, 9) + number(f, 11);
                case "RMC" -> time(f, 1) + is(f, 2, "A") + angle(f, 3) + angle(f, 5) + number(f, 7)
                        + number(f, 8) + integer(f, 9) + variation(f);
                case "GLL" -> angle(f, 1) + angle(f, 3) + time(f, 5) + is(f, 6, "A");
                case "VTG" -> is(f, 2, "T") == 1
                        ? number(f, 1) + number(f, 3) + number(f, 5) + number(f, 7)
                        : number(f, 1) + number(f, 2) + number(f, 3) + number(f, 4);
                case "GSA" -> gsa(f);
                case "GSV" -> gsv(f);
                case "ZDA" -> time(f, 1) + integer(f, 2) + integer(f, 3) + integer(f, 4)
                        + integer(f, 5) + integer(f, 6);
                case "GNS" -> time(f, 1) + angle(f, 2) + angle(f, 4) + integer(f, 7) + number(f, 8)
                        + number(f, 9) + number(f, 10);
                case "GST" -> time(f, 1) + number(f, 2) + number(f, 6) + number(f, 7) + number(f, 8);
                case "HDT" -> number(f, 1);
                case "DTM" -> signed(f, 3, "S") + signed(f, 5, "W") + number(f, 7);
                case "TXT" -> integer(f, 1) + integer(f, 2) + integer(f, 3) + length(f, 4);
                default -> f.length;
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        }
    }

    private static boolean checksumMatches(String line, int star) {
        int sum = 0;
        for (int i = 1; i < star; i++) {
            sum ^= line.charAt(i);
        }
        return sum == Integer.parseInt(line.substring(star + 1), 16);
    }

    private static double gsa(String[] f) {
        double sum = integer(f, 2);
        for (int i = 3; i < 15; i++) {
            sum += integer(f, i);
        }
        return sum + number(f, 15) + number(f, 16) + number(f, 17);
    }

    private static double gsv(String[] f) {
        double sum = integer(f, 1) + integer(f, 2) + integer(f, 3);
        int groups = Math.max(0, f.length - 4) / 4;
        for (int i = 4; i < 4 + groups * 4; i += 4) {
            if (!f[i].isEmpty()) {
                sum += integer(f, i) + integer(f, i + 1) + integer(f, i + 2) + integer(f, i + 3);
            }
        }
        return sum;
    }

    private static double vdm(String[] f) {
        return integer(f, 1) + integer(f, 2) + integer(f, 3) + (f[4].isEmpty() ? 0 : f[4].charAt(0))
                + length(f, 5) + integer(f, 6);
    }

    private static double proprietary(String[] f) {
        if ("PGRMZ".equals(f[0])) {
            double feet = "f".equalsIgnoreCase(f.length > 2 ? f[2] : "") ? 0.3048 : 1;
            return number(f, 1) * feet + integer(f, 3);
        }
        if ("PUBX".equals(f[0]) && "00".equals(f[1])) {
            return time(f, 2) + angle(f, 3) + angle(f, 5) + number(f, 7) + number(f, 9)
                    + number(f, 10) + number(f, 11) + number(f, 12) + number(f, 13) + number(f, 15)
                    + number(f, 16) + number(f, 17) + integer(f, 18);
        }
        return f.length;
    }

    private static double number(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? Double.parseDouble(f[i]) : 0;
    }

    private static int integer(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? Integer.parseInt(f[i]) : 0;
    }

    private static int length(String[] f, int i) {
        return i < f.length ? f[i].length() : 0;
    }

    private static int is(String[] f, int i, String value) {
        return i < f.length && value.equals(f[i]) ? 1 : 0;
    }

    /** RMC's magnetic variation; past 180 (999.9 from some receivers) it is not available. */
    private static double variation(String[] f) {
        double value = signed(f, 10, "W");
        return Math.abs(value) > 180 ? 0 : value;
    }

    /** A number negated when the field after it is {@code negative} (a hemisphere, E/W). */
    private static double signed(String[] f, int i, String negative) {
        double value = number(f, i);
        return is(f, i + 1, negative) == 1 ? -value : value;
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
