package dev.torsion.internet.error;

/** A connection attempt failed: the base of the connect errors. */
public class ConnectError extends RuntimeException {
    /** Creates the error with a message. */
    public ConnectError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectError(String message, Throwable cause) {
        super(message, cause);
    }
}
