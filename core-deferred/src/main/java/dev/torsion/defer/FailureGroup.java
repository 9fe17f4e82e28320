package dev.torsion.defer;

import java.util.List;

/**
 * The failure of {@link Deferreds#race} when every Deferred in the race failed: their failures, in
 * the order of the Deferreds. As Twisted's {@code FailureGroup}.
 */
public final class FailureGroup extends RuntimeException {
    private final transient List<Failure> failures;

    /** Creates the error holding {@code failures}, in the order of the Deferreds that failed. */
    public FailureGroup(List<Failure> failures) {
        super("every Deferred failed: " + failures);
        this.failures = List.copyOf(failures);
        for (Failure failure : this.failures) {
            addSuppressed(failure.value());
        }
    }

    /** The failures, one per Deferred, in the order of the Deferreds. */
    public List<Failure> failures() {
        return failures;
    }
}
