package dev.torsion.http.websocket;

/**
 * What a WebSocket application implements, on the server ({@code WebSocketResource}) and the
 * client ({@code WebSocketClient}) alike. Every call comes on the reactor thread. An exception
 * thrown from a call fails the connection with 1011 (internal error).
 *
 * <pre>{@code
 * final class Echo implements WebSocketProtocol {
 *     private WebSocket socket;
 *     @Override public void onOpen(WebSocket socket) { this.socket = socket; }
 *     @Override public void onText(String text) { socket.sendText(text); }
 *     @Override public void onBinary(byte[] data) { socket.sendBinary(data); }
 * }
 * }</pre>
 */
public interface WebSocketProtocol {
    /** The opening handshake is done: {@code socket} sends, closes and steers the reading. */
    default void onOpen(WebSocket socket) {
    }

    /** A whole text message, validated as UTF-8. */
    default void onText(String text) {
    }

    /** A whole binary message. */
    default void onBinary(byte[] data) {
    }

    /** A Ping came; the Pong is sent already (RFC 6455 section 5.5.2). */
    default void onPing(byte[] data) {
    }

    /** A Pong came (the answer to {@link WebSocket#ping}, or unsolicited). */
    default void onPong(byte[] data) {
    }

    /**
     * The peer sent its Close frame: the answer goes out and the connection closes after this call.
     * {@link #onClose} follows once the connection is gone.
     */
    default void onCloseFrame(int code, String reason) {
    }

    /** The connection is gone; {@code status} says how it ended. Called exactly once after {@link #onOpen}. */
    default void onClose(CloseStatus status) {
    }
}
