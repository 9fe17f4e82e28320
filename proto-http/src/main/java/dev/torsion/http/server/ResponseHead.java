package dev.torsion.http.server;

import dev.torsion.http.Headers;

/**
 * A response head as a {@link Request} decided it, before any version's framing: what a
 * {@link ResponseSink} turns into an HTTP/1.1 status line and header section, or an HTTP/2 HEADERS
 * frame.
 *
 * @param status the status code
 * @param reason the reason phrase (HTTP/1.1 only; HTTP/2 has none)
 * @param fields the header fields, made for this answer only (Date, Server, the response's own,
 *        Set-Cookie), without the fields that frame a message on a connection ({@code Connection},
 *        {@code Transfer-Encoding}): the sink adds its own framing to them
 * @param contentLength the declared Content-Length, or -1 when the length is not known in advance
 * @param bodyAllowed whether a body follows (false for HEAD, 1xx, 204 and 304)
 * @param persistent whether the connection stays open after this answer (HTTP/1.x only)
 */
public record ResponseHead(int status, String reason, Headers fields, long contentLength, boolean bodyAllowed,
        boolean persistent) {
}
