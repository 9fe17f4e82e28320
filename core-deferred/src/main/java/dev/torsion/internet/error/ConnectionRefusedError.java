package dev.torsion.internet.error;

/** The peer refused the connection (nothing listens there). */
public class ConnectionRefusedError extends ConnectError {
    /** Creates the error with a message. */
    public ConnectionRefusedError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionRefusedError(String message, Throwable cause) {
        super(message, cause);
    }
}
