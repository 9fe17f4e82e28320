package dev.torsion.internet.error;

/** The connection was aborted by this side (abortConnection). */
public class ConnectionAborted extends ConnectionLost {
    /** Creates the error with a message. */
    public ConnectionAborted(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionAborted(String message, Throwable cause) {
        super(message, cause);
    }
}
