package dev.torsion.ssh.server;

import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code permitopen} and {@code permitlisten} options of an {@code authorized_keys} line
 * (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): without any, forwarding may go anywhere (within the
 * other options); with some, only where one of them says. {@code permitopen="host:port"} names a
 * literal host (no patterns, no lookups; IPv6 in brackets) and a port or {@code *};
 * {@code permitlisten="[host:]port"} a listen address pattern ({@code *} and {@code ?}; any when
 * absent) and a port or {@code *}, and a request for port 0 (a port the server chooses) is allowed
 * only by {@code *}, as sshd does.
 */
final class PermittedForwards {
    private static final String ANY_PORT = "*";

    private record Entry(String host, String port) {
    }

    private final List<Entry> opens;
    private final List<Entry> listens;

    private PermittedForwards(List<Entry> opens, List<Entry> listens) {
        this.opens = opens;
        this.listens = listens;
    }

    /** The permissions that {@code options} give. */
    static PermittedForwards of(AuthorizedKeyOptions options) {
        List<Entry> opens = new ArrayList<>();
        for (String value : options.values("permitopen")) {
            opens.add(entry(value, null));
        }
        List<Entry> listens = new ArrayList<>();
        for (String value : options.values("permitlisten")) {
            listens.add(entry(value, "*"));
        }
        return new PermittedForwards(List.copyOf(opens), List.copyOf(listens));
    }

    /** Splits {@code host:port} ({@code [v6]:port}); without a colon, {@code defaultHost} (null: no match). */
    private static Entry entry(String value, String defaultHost) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new Entry(defaultHost, value.trim());
        }
        String host = value.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Entry(host.toLowerCase(Locale.ROOT), value.substring(colon + 1).trim());
    }

    /** Whether a direct-tcpip channel may connect to {@code host}:{@code port}. */
    boolean allowsOpen(String host, int port) {
        if (opens.isEmpty()) {
            return true;
        }
        String wanted = host.toLowerCase(Locale.ROOT);
        return opens.stream().anyMatch(entry -> entry.host() != null && entry.host().equals(wanted)
                && portMatches(entry.port(), port));
    }

    /** Whether a tcpip-forward may listen on {@code address}:{@code port}. */
    boolean allowsListen(String address, int port) {
        if (listens.isEmpty()) {
            return true;
        }
        String wanted = address.toLowerCase(Locale.ROOT);
        return listens.stream().anyMatch(entry -> hostMatches(entry.host(), wanted)
                && (port == 0 ? ANY_PORT.equals(entry.port()) : portMatches(entry.port(), port)));
    }

    private static boolean portMatches(String permitted, int port) {
        return ANY_PORT.equals(permitted) || permitted.equals(Integer.toString(port));
    }

    /** ssh_config(5) PATTERNS: {@code *} any run of characters, {@code ?} one. */
    private static boolean hostMatches(String pattern, String host) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return host.matches(regex.toString());
    }
}
