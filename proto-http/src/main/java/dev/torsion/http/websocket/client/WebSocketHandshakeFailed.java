package dev.torsion.http.websocket.client;

/**
 * The server did not accept the opening handshake (RFC 6455 section 4.1): another status than 101
 * ({@link #status()}), a wrong {@code Sec-WebSocket-Accept}, an extension or subprotocol not
 * offered, or no answer in time ({@link #status()} is 0 then).
 */
public final class WebSocketHandshakeFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A failed handshake answered with {@code status} (0 when there was no valid answer). */
    public WebSocketHandshakeFailed(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The server's status, or 0 when it gave no valid answer. */
    public int status() {
        return status;
    }
}
