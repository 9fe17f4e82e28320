package dev.torsion.http.websocket;

/** The life of a WebSocket connection after its opening handshake (RFC 6455 sections 4 and 7). */
public enum WebSocketState {
    /** Messages flow both ways. */
    OPEN,
    /** This side sent its Close and waits for the peer's (within the close timeout). */
    CLOSE_SENT,
    /**
     * Both Close frames are exchanged, or the connection was failed: the TCP connection is closing
     * (a server closes it at once, RFC 6455 section 7.1.1; a client waits for the server to, then closes).
     */
    CLOSING,
    /** The connection is gone. */
    CLOSED
}
