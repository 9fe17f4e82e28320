package dev.torsion.internet.endpoints;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds an endpoint's positional and keyword arguments to its parameter names, as Python binds a
 * call's arguments: positional arguments fill, in order, the parameters not given by keyword.
 * Unknown keywords, too many arguments and bad values are {@link IllegalArgumentException}s that
 * name the endpoint kind and the argument. Parsers of endpoint kinds in other modules may use it.
 */
public final class EndpointArguments {
    private final String kind;
    private final Map<String, String> values = new LinkedHashMap<>();

    private EndpointArguments(String kind) {
        this.kind = kind;
    }

    /** Binds {@code args} and {@code kwargs} of endpoint {@code kind} to {@code parameters}, in order. */
    public static EndpointArguments bind(String kind, List<String> parameters, List<String> args,
            Map<String, String> kwargs) {
        EndpointArguments bound = new EndpointArguments(kind);
        for (Map.Entry<String, String> entry : kwargs.entrySet()) {
            if (!parameters.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown argument '" + entry.getKey() + "' for a " + kind
                        + " endpoint (it takes " + String.join(", ", parameters) + ")");
            }
            bound.values.put(entry.getKey(), entry.getValue());
        }
        int next = 0;
        for (String arg : args) {
            while (next < parameters.size() && bound.values.containsKey(parameters.get(next))) {
                next++;
            }
            if (next == parameters.size()) {
                throw new IllegalArgumentException("too many arguments for a " + kind + " endpoint: extra '" + arg
                        + "' (it takes " + String.join(", ", parameters) + ")");
            }
            bound.values.put(parameters.get(next), arg);
        }
        return bound;
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The string value of {@code name}; throws when it was not given. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("a " + kind + " endpoint needs '" + name + "'");
        }
        return value;
    }

    /** The string value of {@code name}, or {@code fallback}. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A port number (0-65535) given as {@code name}. */
    public int port(String name) {
        int port = integer(name, required(name));
        if (port < 0 || port > 65535) {
            throw bad(name, required(name), "a port number from 0 to 65535");
        }
        return port;
    }

    /** A positive integer, or {@code fallback}. */
    public int positiveInt(String name, int fallback) {
        if (!has(name)) {
            return fallback;
        }
        int value = integer(name, values.get(name));
        if (value < 1) {
            throw bad(name, values.get(name), "a positive integer");
        }
        return value;
    }

    /** A duration given in seconds (decimals allowed, more than zero), or {@code fallback}. */
    public Duration seconds(String name, Duration fallback) {
        if (!has(name)) {
            return fallback;
        }
        String text = values.get(name);
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw bad(name, text, "a number of seconds above zero");
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw bad(name, text, "a number of seconds above zero");
        }
    }

    /** A flag written 0 or 1 (as Twisted's), or {@code fallback}. */
    public boolean flag(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        return switch (values.get(name)) {
            case "0" -> false;
            case "1" -> true;
            default -> throw bad(name, values.get(name), "0 or 1");
        };
    }

    /** A file mode in octal (e.g. 660, 0660), or {@code fallback}. */
    public int octalMode(String name, int fallback) {
        if (!has(name)) {
            return fallback;
        }
        String text = values.get(name);
        try {
            int mode = Integer.parseInt(text, 8);
            if (mode < 0 || mode > 07777) {
                throw bad(name, text, "an octal file mode such as 660");
            }
            return mode;
        } catch (NumberFormatException e) {
            throw bad(name, text, "an octal file mode such as 660");
        }
    }

    /** An IP address literal (no name lookup), or {@code fallback}. */
    public String ipLiteral(String name, String fallback, boolean ipv6) {
        if (!has(name)) {
            return fallback;
        }
        String text = values.get(name);
        if (text.isEmpty()) {
            return text;
        }
        boolean valid = ipv6 ? isIpv6Literal(text) : isIpv4Literal(text);
        if (!valid) {
            throw bad(name, text, ipv6 ? "an IPv6 address (escape its colons: \\:\\:1)" : "an IPv4 address");
        }
        return text;
    }

    private static boolean isIpv4Literal(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A colon marks an IPv6 literal, which the JDK parses without any name lookup. */
    private static boolean isIpv6Literal(String text) {
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(name, text, "an integer");
        }
    }

    private IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException("bad " + name + " '" + value + "' for a " + kind + " endpoint: expected "
                + expected);
    }
}
