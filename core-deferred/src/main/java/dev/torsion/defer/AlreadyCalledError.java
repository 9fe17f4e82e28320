package dev.torsion.defer;

/** Thrown when a {@link Deferred} that has already fired is fired again. */
public final class AlreadyCalledError extends IllegalStateException {
    /** Creates the error with a message naming the Deferred. */
    public AlreadyCalledError(String message) {
        super(message);
    }
}
