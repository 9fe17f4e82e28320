package dev.torsion.defer;

/** The failure of a {@link Deferred} that was cancelled before it had a result. */
public class CancelledError extends RuntimeException {
    /** Creates the error. */
    public CancelledError() {
        super("Deferred was cancelled");
    }

    /** Creates the error with a message. */
    public CancelledError(String message) {
        super(message);
    }
}
