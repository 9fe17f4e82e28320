package dev.torsion.ftp.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host and port of a data connection, as PORT and EPRT give them and PASV and EPSV announce
 * them. Only numeric addresses: no name is ever looked up.
 *
 * @param host an IPv4 dotted quad or an IPv6 literal; empty in an EPSV reply (same host as control)
 * @param port 1 to 65535
 */
public record DataAddress(String host, int port) {
    private static final Pattern PASV_REPLY = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Checks the port. */
    public DataAddress {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * RFC 959 §4.1.2: PORT's {@code h1,h2,h3,h4,p1,p2}, each a decimal 0 to 255; empty when
     * malformed (the server answers {@code 501}).
     */
    public static Optional<DataAddress> parsePort(String argument) {
        Matcher m = PASV_REPLY.matcher(argument);
        if (!m.matches()) {
            return Optional.empty();
        }
        return fromNumbers(m);
    }

    /**
     * RFC 2428 §2: EPRT's {@code <d><af><d><address><d><port><d>}, with the delimiter any ASCII
     * character from 33 to 126; address family 1 (IPv4) or 2 (IPv6). Empty when malformed; the
     * server answers {@code 501}, or {@code 522} for an unknown family (see {@link #eprtFamily}).
     */
    public static Optional<DataAddress> parseEprt(String argument) {
        String[] parts = eprtParts(argument);
        if (parts == null) {
            return Optional.empty();
        }
        String family = parts[0];
        String host = parts[1];
        boolean valid = family.equals("1") ? ipv4(host) : family.equals("2") && IPV6.matcher(host).matches() && host.contains(":");
        if (!valid || !parts[2].matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(parts[2]);
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new DataAddress(host, port));
    }

    /** The address family EPRT names, or null when the argument is malformed. */
    public static String eprtFamily(String argument) {
        String[] parts = eprtParts(argument);
        return parts == null ? null : parts[0];
    }

    private static String[] eprtParts(String argument) {
        if (argument.length() < 7) {
            return null;
        }
        char d = argument.charAt(0);
        if (d < 33 || d > 126 || argument.charAt(argument.length() - 1) != d) {
            return null;
        }
        String[] parts = argument.substring(1, argument.length() - 1).split(Pattern.quote(String.valueOf(d)), -1);
        return parts.length == 3 ? parts : null;
    }

    /** Finds the {@code h1,h2,h3,h4,p1,p2} of a 227 reply's text (RFC 959 §4.1.2; RFC 1123 §4.1.2.6: anywhere in it). */
    public static Optional<DataAddress> parsePasvReply(String text) {
        Matcher m = PASV_REPLY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return fromNumbers(m);
    }

    /** Finds the {@code (|||port|)} of a 229 reply's text (RFC 2428 §3); the host is empty. */
    public static Optional<DataAddress> parseEpsvReply(String text) {
        int open = text.indexOf('(');
        int close = text.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        String[] parts = eprtParts(text.substring(open + 1, close));
        if (parts == null || !parts[0].isEmpty() || !parts[1].isEmpty() || !parts[2].matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(parts[2]);
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new DataAddress("", port));
    }

    private static Optional<DataAddress> fromNumbers(Matcher m) {
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = Integer.parseInt(m.group(i + 1));
            if (n[i] > 255) {
                return Optional.empty();
            }
        }
        int port = n[4] * 256 + n[5];
        if (port == 0) {
            return Optional.empty();
        }
        return Optional.of(new DataAddress(n[0] + "." + n[1] + "." + n[2] + "." + n[3], port));
    }

    private static boolean ipv4(String host) {
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** This IPv4 address as PORT and the 227 reply write it: {@code h1,h2,h3,h4,p1,p2}. */
    public String toPortArgument() {
        if (!ipv4(host)) {
            throw new IllegalStateException("not an IPv4 address: " + host);
        }
        return host.replace('.', ',') + "," + (port >> 8) + "," + (port & 0xff);
    }

    /** This address as EPRT writes it: {@code |1|host|port|} or {@code |2|host|port|}. */
    public String toEprtArgument() {
        return "|" + (host.contains(":") ? "2" : "1") + "|" + host + "|" + port + "|";
    }
}
