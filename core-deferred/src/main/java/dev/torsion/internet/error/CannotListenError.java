package dev.torsion.internet.error;

/** A listening socket could not be bound (address in use, no permission, ...). */
public class CannotListenError extends RuntimeException {
    /** Creates the error with a message. */
    public CannotListenError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public CannotListenError(String message, Throwable cause) {
        super(message, cause);
    }
}
