package dev.torsion.internet.error;

/** The reactor was asked to stop while it was not running. */
public class ReactorNotRunning extends IllegalStateException {
    /** Creates the error with a message. */
    public ReactorNotRunning(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ReactorNotRunning(String message, Throwable cause) {
        super(message, cause);
    }
}
