package dev.torsion.internet.error;

/** The reactor was asked to run while it already runs (or has run: reactors cannot be restarted). */
public class ReactorAlreadyRunning extends IllegalStateException {
    /** Creates the error with a message. */
    public ReactorAlreadyRunning(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ReactorAlreadyRunning(String message, Throwable cause) {
        super(message, cause);
    }
}
