package dev.torsion.http.client;

import dev.torsion.http.Headers;
import dev.torsion.http.MessageWriter;
import java.net.URI;

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
        Headers fields = new Headers();
        if (!headers.contains("Host")) {
            fields.add("Host", hostHeader(uri));
        }
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                fields.add(name, value);
            }
        });
        if (body != null) {
            if (body.length() >= 0) {
                fields.add("Content-Length", Long.toString(body.length()));
            } else {
                fields.add("Transfer-Encoding", "chunked");
            }
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            fields.add("Content-Length", "0");
        }
        return MessageWriter.requestHead(method, target, fields);
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
