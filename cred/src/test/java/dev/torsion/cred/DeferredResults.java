package dev.torsion.cred;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.testing.DeferredAssertions;

/**
 * The core test kit's {@link DeferredAssertions}, plus a failure check that says what it checks
 * (the cred tests name the reason a login must fail).
 */
public final class DeferredResults {
    private DeferredResults() {
    }

    /** The value {@code d} already fired with; fails the test otherwise. */
    public static <T> T successResultOf(Deferred<T> d) {
        return DeferredAssertions.successResultOf(d);
    }

    /** The failure {@code d} already failed with, checked to be of {@code type}; consumes it. */
    public static Failure failureResultOf(Deferred<?> d, Class<? extends Throwable> type) {
        return DeferredAssertions.failureResultOf(d, type);
    }

    /** As {@link #failureResultOf(Deferred, Class)}, with a note saying what is checked. */
    public static Failure failureResultOf(Deferred<?> d, Class<? extends Throwable> type, String because) {
        try {
            return failureResultOf(d, type);
        } catch (AssertionError e) {
            throw new AssertionError(because + ": " + e.getMessage(), e);
        }
    }

    /** Asserts that {@code d} has not fired yet. */
    public static void assertNoResult(Deferred<?> d) {
        DeferredAssertions.assertNoResult(d);
    }
}
