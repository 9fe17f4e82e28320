package dev.torsion.http.web;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code --listen} description in the endpoint-string syntax, parsed here minimally until the
 * core's {@code Endpoints.serverFromString} is available: {@code tcp:PORT}, {@code tcp:port=PORT},
 * with {@code interface=ADDR} and {@code backlog=N}; {@code ssl:PORT} likewise, with
 * {@code privateKey=FILE} and {@code certKey=FILE} (else the server's {@code --certificate} and
 * {@code --private-key}). A colon inside a value is written {@code \:}.
 *
 * @param tls whether the endpoint is {@code ssl}
 * @param port the port (0: any free one)
 * @param interfaceAddress the address to bind ("" for all)
 * @param backlog the listen backlog
 * @param privateKey the key file for ssl, or null
 * @param certificate the certificate chain file for ssl, or null
 */
public record ListenSpec(boolean tls, int port, String interfaceAddress, int backlog, Path privateKey, Path certificate) {
    /** Parses {@code description}; throws {@link IllegalArgumentException} with the reason when it cannot. */
    public static ListenSpec parse(String description) {
        String[] parts = description.split("(?<!\\\\):");
        String kind = parts[0].toLowerCase(Locale.ROOT);
        if (!kind.equals("tcp") && !kind.equals("ssl")) {
            throw new IllegalArgumentException("unsupported endpoint type '" + parts[0] + "' (tcp or ssl): " + description);
        }
        Map<String, String> options = new HashMap<>();
        String port = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].replace("\\:", ":");
            int equals = part.indexOf('=');
            if (equals < 0) {
                if (port != null) {
                    throw new IllegalArgumentException("more than one port in " + description);
                }
                port = part;
            } else {
                options.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        if (port == null) {
            port = options.remove("port");
        } else {
            options.remove("port");
        }
        if (port == null) {
            throw new IllegalArgumentException("no port in " + description);
        }
        int portNumber = parseNumber(port, "port", description);
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("port out of range in " + description);
        }
        String iface = options.getOrDefault("interface", "");
        int backlog = options.containsKey("backlog") ? parseNumber(options.get("backlog"), "backlog", description) : 50;
        Path key = options.containsKey("privateKey") ? Path.of(options.get("privateKey")) : null;
        Path cert = options.containsKey("certKey") ? Path.of(options.get("certKey")) : null;
        for (String name : options.keySet()) {
            if (!name.equals("interface") && !name.equals("backlog") && !name.equals("privateKey") && !name.equals("certKey")) {
                throw new IllegalArgumentException("unknown option '" + name + "' in " + description);
            }
        }
        if (!kind.equals("ssl") && (key != null || cert != null)) {
            throw new IllegalArgumentException("privateKey and certKey belong to ssl endpoints: " + description);
        }
        return new ListenSpec(kind.equals("ssl"), portNumber, iface, backlog, key, cert);
    }

    private static int parseNumber(String text, String what, String description) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "' in " + description);
        }
    }
}
