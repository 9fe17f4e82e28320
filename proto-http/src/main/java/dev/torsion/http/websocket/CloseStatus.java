package dev.torsion.http.websocket;

/**
 * How a WebSocket connection ended (RFC 6455 section 7.1.5).
 *
 * @param code the code of the peer's Close frame (1005 when it had none) after a closing handshake;
 *        the code this side failed the connection with; or 1006 when the connection was lost
 *        without one
 * @param reason the reason with the code, possibly empty
 * @param clean whether both Close frames were exchanged before the connection closed
 *        (section 7.1.4's "cleanly")
 */
public record CloseStatus(int code, String reason, boolean clean) {
}
