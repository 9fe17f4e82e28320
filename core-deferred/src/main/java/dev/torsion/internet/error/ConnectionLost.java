package dev.torsion.internet.error;

/** The connection was lost in a non-clean fashion. */
public class ConnectionLost extends ConnectionClosed {
    /** Creates the error with a message. */
    public ConnectionLost(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
