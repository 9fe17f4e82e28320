package dev.torsion.time;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.CancelledError;
import dev.torsion.defer.Deferred;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DeferLater#deferLater}, as Twisted's DeferLaterTests. */
class DeferLaterTest {
    private final TestClock clock = new TestClock();

    @Test
    void runsTheWorkAfterTheDelay() {
        boolean[] ran = {false};
        Deferred<String> d = DeferLater.deferLater(clock, Duration.ofSeconds(3), () -> {
            ran[0] = true;
            return "late";
        });
        clock.advance(Duration.ofMillis(2999));
        assertFalse(ran[0]);
        assertNoResult(d);
        clock.advance(Duration.ofMillis(1));
        assertEquals("late", successResultOf(d));
    }

    @Test
    void workThatThrowsFails() {
        Deferred<String> d = DeferLater.deferLater(clock, Duration.ofSeconds(1), () -> {
            throw new IOException("work");
        });
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(d, IOException.class);
    }

    @Test
    void workThatReturnsADeferredIsWaitedFor() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> d = DeferLater.deferLaterDeferred(clock, Duration.ofSeconds(1), () -> inner);
        clock.advance(Duration.ofSeconds(1));
        assertNoResult(d);
        inner.callback("inner");
        assertEquals("inner", successResultOf(d));
    }

    @Test
    void cancellingBeforeTheDelayCancelsTheTimedCall() {
        boolean[] ran = {false};
        Deferred<String> d = DeferLater.deferLater(clock, Duration.ofSeconds(1), () -> {
            ran[0] = true;
            return "x";
        });
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(ran[0]);
    }

    @Test
    void withoutWorkFiresWithNull() {
        Deferred<Void> d = DeferLater.deferLater(clock, Duration.ZERO);
        clock.advance(Duration.ZERO);
        assertNull(successResultOf(d));
    }
}
