package dev.torsion.http.websocket.codec;

/**
 * Input that breaks RFC 6455 (or RFC 7692) or a limit. {@link #closeCode()} is the status of the
 * Close frame the connection is failed with (1002, 1007, 1009, ...); the codec is unusable afterwards.
 */
public final class WebSocketException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    /** A violation answered with {@code closeCode}. */
    public WebSocketException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close status the connection is failed with. */
    public int closeCode() {
        return closeCode;
    }
}
