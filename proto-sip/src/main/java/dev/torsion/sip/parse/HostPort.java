package dev.torsion.sip.parse;

/**
 * A {@code hostport} (RFC 3261 section 25.1): a host name, an IPv4 address or a bracketed IPv6
 * reference, and a port or -1.
 *
 * @param host the host as written (IPv6 with its brackets)
 * @param port the port, or -1 when absent
 */
public record HostPort(String host, int port) {
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
            if (!isIpv6Reference(host)) {
                throw new SipParseException(400, "Malformed Host");
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!isHost(host)) {
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

    /**
     * A host name or IPv4 address: letters, digits, dots and hyphens, starting with a letter or
     * digit and not ending with a hyphen. A loop, not a regular expression: every message's Via
     * goes through here, several times on a proxy's path.
     */
    private static boolean isHost(String host) {
        int n = host.length();
        if (n == 0 || !isAlphaNum(host.charAt(0)) || host.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = host.charAt(i);
            if (!isAlphaNum(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [hex, colons and dots]}: the characters of an IPv6 reference, brackets included. */
    private static boolean isIpv6Reference(String host) {
        int n = host.length() - 1;
        if (n < 2) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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
