package dev.torsion.internet.error;

/** A connection closed: the base of ConnectionDone and ConnectionLost. */
public class ConnectionClosed extends RuntimeException {
    /** Creates the error with a message. */
    public ConnectionClosed(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
