package dev.torsion.defer;

/**
 * The failure of a {@link DeferredList} made with {@link DeferredList.Option#FIRE_ON_ONE_ERRBACK}
 * (and so of {@link Deferreds#gatherResults}): the first of its Deferreds to fail, and where it
 * stood in the list. As Twisted's {@code defer.FirstError}.
 */
public final class FirstError extends RuntimeException {
    private final transient Failure subFailure;
    private final int index;

    /** Creates the error for the failure of the Deferred at {@code index}. */
    public FirstError(Failure subFailure, int index) {
        super("FirstError[#" + index + ", " + subFailure + "]", subFailure.value());
        this.subFailure = subFailure;
        this.index = index;
    }

    /** The failure of the first Deferred that failed. */
    public Failure subFailure() {
        return subFailure;
    }

    /** The position of that Deferred in the list. */
    public int index() {
        return index;
    }
}
