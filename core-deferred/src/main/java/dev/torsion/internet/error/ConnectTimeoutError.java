package dev.torsion.internet.error;

/** The connection attempt took longer than its timeout. */
public class ConnectTimeoutError extends ConnectError {
    /** Creates the error with a message. */
    public ConnectTimeoutError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
