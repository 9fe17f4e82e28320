package dev.torsion.ftp.parse;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses listing lines: MLSD's facts (RFC 3659 §7) and the common {@code ls -l} forms servers send
 * for LIST (Unix {@code ls}, with a year or a time; vsftpd, ProFTPD, Twisted, Pure-FTPd).
 */
public final class ListingParser {
    /** One entry of a listing. {@code size} is -1 when unknown; {@code modified} is the raw text (MLSD: YYYYMMDDHHMMSS). */
    public record Entry(String name, boolean directory, long size, String modified) {
    }

    private static final Pattern LS = Pattern.compile(
            "([-dlbcps])[-rwxsStTl+.@]{9,10}\\s+\\d+\\s+\\S+\\s+(?:\\S+\\s+)?(\\d+)\\s+(\\w{3}\\s+\\d{1,2}\\s+(?:\\d{1,2}:\\d{2}|\\d{4}))\\s(.+)");

    private ListingParser() {
    }

    /** An MLSD line: {@code fact=value;... name}; empty when malformed. */
    public static Optional<Entry> parseMlsd(String line) {
        int space = line.indexOf(' ');
        if (space < 0 || space == line.length() - 1) {
            return Optional.empty();
        }
        String name = line.substring(space + 1);
        boolean directory = false;
        long size = -1;
        String modified = "";
        for (String fact : line.substring(0, space).split(";")) {
            int eq = fact.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = fact.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = fact.substring(eq + 1);
            switch (key) {
                case "type" -> directory = value.equalsIgnoreCase("dir") || value.equalsIgnoreCase("cdir") || value.equalsIgnoreCase("pdir");
                case "size" -> size = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
                case "modify" -> modified = value;
                default -> {
                }
            }
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(new Entry(name, directory, size, modified));
    }

    /** A LIST line in {@code ls -l} form; empty for {@code total} lines and anything else. */
    public static Optional<Entry> parseLs(String line) {
        Matcher m = LS.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(4);
        if (m.group(1).equals("l")) {
            int arrow = name.indexOf(" -> ");
            if (arrow > 0) {
                name = name.substring(0, arrow);
            }
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(new Entry(name, m.group(1).equals("d"), Long.parseLong(m.group(2)), m.group(3)));
    }
}
