package dev.torsion.dns.client;

/**
 * One server a resolver asks.
 *
 * @param host its IP address
 * @param port its port (53)
 */
public record NameServer(String host, int port) {
    /** Parses {@code IP}, {@code IP:PORT} or {@code [IPv6]:PORT}. */
    public static NameServer parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            String host = text.substring(1, close);
            return new NameServer(host, close + 1 < text.length() ? Integer.parseInt(text.substring(close + 2)) : 53);
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            return new NameServer(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new NameServer(text, 53);
    }
}
