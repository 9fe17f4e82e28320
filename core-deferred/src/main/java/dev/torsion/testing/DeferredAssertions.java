package dev.torsion.testing;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Assertions on the state of a {@link Deferred} in tests, as Twisted's {@code SynchronousTestCase}
 * helpers: the result of a Deferred that must have succeeded, the failure of one that must have
 * failed, or that one has no result yet. Each throws an {@link AssertionError} that says what it
 * found instead, so they work with any test framework.
 *
 * <p>As in Twisted, taking the result consumes it: the Deferred's chain goes on with {@code null},
 * and a failure taken this way counts as handled.
 */
public final class DeferredAssertions {
    private DeferredAssertions() {
    }

    /** What a Deferred's chain holds right now. */
    private static final class Seen {
        boolean fired;
        Object value;
        Failure failure;
    }

    private static Seen take(Deferred<?> deferred) {
        Seen seen = new Seen();
        deferred.addCallbacks(value -> {
            seen.fired = true;
            seen.value = value;
            return null;
        }, failure -> {
            seen.fired = true;
            seen.failure = failure;
            return null;
        });
        return seen;
    }

    /**
     * The value {@code deferred} has already succeeded with. Fails when it has no result yet (or
     * waits on another Deferred) or when it failed.
     */
    @SuppressWarnings("unchecked")
    public static <T> T successResultOf(Deferred<T> deferred) {
        String described = deferred.toString();
        Seen seen = take(deferred);
        if (!seen.fired) {
            throw new AssertionError("Success result expected on " + described + ", found no result instead");
        }
        if (seen.failure != null) {
            throw new AssertionError("Success result expected on " + described
                    + ", found failure result instead:\n" + seen.failure.getTraceback(), seen.failure.value());
        }
        return (T) seen.value;
    }

    /**
     * The failure {@code deferred} has already failed with; given {@code types}, the failure must
     * be of one of them. Fails when it has no result yet, when it succeeded, or when the failure
     * is of another type.
     */
    @SafeVarargs
    public static Failure failureResultOf(Deferred<?> deferred, Class<? extends Throwable>... types) {
        String described = deferred.toString();
        Seen seen = take(deferred);
        if (!seen.fired) {
            throw new AssertionError("Failure result expected on " + described + ", found no result instead");
        }
        if (seen.failure == null) {
            throw new AssertionError("Failure result expected on " + described
                    + ", found success result (" + seen.value + ") instead");
        }
        if (types.length > 0 && seen.failure.check(types) == null) {
            String expected = Arrays.stream(types).map(Class::getName).collect(Collectors.joining(", "));
            throw new AssertionError("Failure of type (" + expected + ") expected on " + described
                    + ", found type " + seen.failure.type().getName() + " instead:\n"
                    + seen.failure.getTraceback(), seen.failure.value());
        }
        return seen.failure;
    }

    /**
     * Asserts that {@code deferred} has no result yet: not fired, paused, or waiting on another
     * Deferred. When it has one, the result is consumed (a failure counts as handled, being
     * reported here) and the assertion fails, naming it.
     */
    public static void assertNoResult(Deferred<?> deferred) {
        String described = deferred.toString();
        Seen seen = new Seen();
        // Passes the outcome on unchanged: a result that comes later is none of our business.
        deferred.addCallbacks(value -> {
            seen.fired = true;
            seen.value = value;
            return value;
        }, failure -> {
            seen.fired = true;
            seen.failure = failure;
            throw failure.rethrow();
        });
        if (!seen.fired) {
            return;
        }
        if (seen.failure != null) {
            deferred.addErrback(reported -> null);
            throw new AssertionError("No result expected on " + described + ", found failure result instead:\n"
                    + seen.failure.getTraceback(), seen.failure.value());
        }
        throw new AssertionError("No result expected on " + described + ", found " + seen.value + " instead");
    }
}
