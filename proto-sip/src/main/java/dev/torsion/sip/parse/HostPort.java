package dev.torsion.sip.parse;

import java.util.regex.Pattern;

/**
 * A {@code hostport} (RFC 3261 section 25.1): a host name, an IPv4 address or a bracketed IPv6
 * reference, and a port or -1.
 *
 * @param host the host as written (IPv6 with its brackets)
 * @param port the port, or -1 when absent
 */
public record HostPort(String host, int port) {
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?");

    /** Parses {@code host[:port]}; a malformed one is a 400. */
    public static HostPort parse(String text) throws SipParseException {
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new SipParseException(400, "Malformed Host");
            }
            host = text.substring(0, close + 1);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new SipParseException(400, "Malformed Host");
                }
                portText = after.substring(1);
            }
            if (!IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
                throw new SipParseException(400, "Malformed Host");
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!HOST.matcher(host).matches()) {
                throw new SipParseException(400, "Malformed Host");
            }
        }
        int port = -1;
        if (portText != null) {
            if (!Syntax.isDigits(portText, 5) || Integer.parseInt(portText) > 65535) {
                throw new SipParseException(400, "Malformed Port");
            }
            port = Integer.parseInt(portText);
        }
        return new HostPort(host, port);
    }

    /** The host without IPv6 brackets, as a socket address wants it. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return port < 0 ? host : host + ":" + port;
    }
}
