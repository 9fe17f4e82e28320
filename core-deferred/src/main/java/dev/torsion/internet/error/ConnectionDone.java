package dev.torsion.internet.error;

/** The connection was closed cleanly. */
public class ConnectionDone extends ConnectionClosed {
    /** Creates the error with a message. */
    public ConnectionDone(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionDone(String message, Throwable cause) {
        super(message, cause);
    }
}
