package dev.torsion.http.client;

import dev.torsion.http.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request as it goes on the wire: method, the URI asked for, the target written in the request
 * line (origin form, or absolute form through a proxy), headers and body.
 */
record OutgoingRequest(String method, URI uri, String target, Headers headers, BodyProducer body) {
    /** Whether the request may be sent again after a connection failed under it (RFC 9110 9.2.2). */
    boolean isRetryable() {
        boolean idempotent = switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" -> true;
            default -> false;
        };
        return idempotent && (body == null || body.isReplayable());
    }

    /** The request head in bytes, framing headers added. */
    byte[] head() {
        StringBuilder text = new StringBuilder(128).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!headers.contains("Host")) {
            text.append("Host: ").append(hostHeader(uri)).append("\r\n");
        }
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                text.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (body != null) {
            if (body.length() >= 0) {
                text.append("Content-Length: ").append(body.length()).append("\r\n");
            } else {
                text.append("Transfer-Encoding: chunked\r\n");
            }
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            text.append("Content-Length: 0\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Host header of {@code uri}: host, with port unless it is the scheme's default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }
}
