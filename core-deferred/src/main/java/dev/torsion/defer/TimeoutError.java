package dev.torsion.defer;

import java.time.Duration;

/** The failure of a {@link Deferred} that {@link Deferred#addTimeout} cancelled when its time ran out. */
public class TimeoutError extends RuntimeException {
    /** Creates the error for a timeout of the given length. */
    public TimeoutError(Duration timeout) {
        super("Deferred timed out after " + timeout.toMillis() + " ms");
    }

    /** Creates the error with a message. */
    public TimeoutError(String message) {
        super(message);
    }
}
