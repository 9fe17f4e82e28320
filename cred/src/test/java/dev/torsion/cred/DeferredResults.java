package dev.torsion.cred;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;

/** Twisted's successResultOf / failureResultOf / assertNoResult for synchronous tests. */
public final class DeferredResults {
    private DeferredResults() {
    }

    /** The value {@code d} already fired with; fails the test otherwise. */
    public static <T> T successResultOf(Deferred<T> d) {
        Object[] box = new Object[2];
        d.addCallbacks(value -> {
            box[0] = value;
            box[1] = Boolean.TRUE;
            return value;
        }, failure -> {
            box[1] = failure;
            return null;
        });
        if (box[1] instanceof Failure) {
            fail("expected success, got " + ((Failure) box[1]).getTraceback());
        }
        assertNotNull(box[1], "Deferred has not fired");
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }

    /** The failure {@code d} already failed with, checked to be of {@code type}; consumes it. */
    public static Failure failureResultOf(Deferred<?> d, Class<? extends Throwable> type) {
        Object[] box = new Object[1];
        d.addCallbacks(value -> {
            box[0] = "success: " + value;
            return null;
        }, failure -> {
            box[0] = failure;
            return null;
        });
        assertNotNull(box[0], "Deferred has not fired");
        if (!(box[0] instanceof Failure)) {
            fail("expected failure " + type.getSimpleName() + ", got " + box[0]);
        }
        Failure failure = (Failure) box[0];
        assertTrue(type.isInstance(failure.value()), () -> "expected " + type.getName() + ", got " + failure.getTraceback());
        return failure;
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
        assertFalse(d.isCalled(), "Deferred fired too early");
    }
}
