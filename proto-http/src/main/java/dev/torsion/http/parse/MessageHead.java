package dev.torsion.http.parse;

import dev.torsion.http.Headers;

/**
 * The start line and header fields of a parsed message. For a request {@link #method()} and
 * {@link #target()} are set; for a response {@link #status()} and {@link #reason()}.
 *
 * @param method the request method (null for a response)
 * @param target the request target as sent (null for a response)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status the response status (0 for a request)
 * @param reason the response reason phrase (null for a request)
 * @param headers the header fields
 */
public record MessageHead(String method, String target, String version, int status, String reason, Headers headers) {
    /** Whether the message is HTTP/1.1 (or later minor version) rather than HTTP/1.0. */
    public boolean isHttp11() {
        return !"HTTP/1.0".equals(version);
    }
}
