package dev.torsion.defer;

/**
 * The unchecked exception that carries a {@link Failure} out of a callback or errback, so that the
 * failure keeps its identity down the chain. {@link Failure#trap} and {@link Failure#rethrow} make
 * one; a Deferred unwraps it.
 */
public final class FailureException extends RuntimeException {
    private final transient Failure failure;

    FailureException(Failure failure) {
        super(failure.getErrorMessage(), failure.value(), false, false);
        this.failure = failure;
    }

    /** The failure this exception carries. */
    public Failure failure() {
        return failure;
    }
}
