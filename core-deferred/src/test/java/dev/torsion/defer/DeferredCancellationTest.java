package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancellation and timeouts, in the spirit of Twisted's DeferredCancellerTests. */
class DeferredCancellationTest {

    @Test
    void withoutCancellerFailsWithCancelledErrorAndSwallowsOneLateFiring() {
        Deferred<String> d = new Deferred<>();
        d.cancel();
        failureResultOf(d, CancelledError.class);
        d.callback("late, ignored");
        assertThrows(AlreadyCalledError.class, () -> d.callback("second late one"));
    }

    @Test
    void cancellerThatDoesNotFireLeadsToCancelledErrorAndLateFiringIsAnError() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = new Deferred<>(self -> calls.add("canceller"));
        d.cancel();
        assertEquals(List.of("canceller"), calls);
        failureResultOf(d, CancelledError.class);
        assertThrows(AlreadyCalledError.class, () -> d.callback("producer was not stopped"));
    }

    @Test
    void cancellerMayFireWithAValue() {
        Deferred<String> d = new Deferred<>(self -> self.callback("default"));
        d.cancel();
        assertEquals("default", successResultOf(d));
    }

    @Test
    void cancellerMayFireWithAnotherError() {
        Deferred<String> d = new Deferred<>(self -> self.errback(new IOException("aborted")));
        d.cancel();
        failureResultOf(d, IOException.class);
    }

    @Test
    void cancellingAFiredDeferredDoesNothing() {
        int[] cancellerCalls = {0};
        Deferred<String> d = new Deferred<>(self -> cancellerCalls[0]++);
        d.callback("done");
        d.cancel();
        assertEquals(0, cancellerCalls[0]);
        assertEquals("done", successResultOf(d));
    }

    @Test
    void cancellingTwiceCallsTheCancellerOnce() {
        int[] cancellerCalls = {0};
        Deferred<String> d = new Deferred<>(self -> cancellerCalls[0]++);
        d.cancel();
        d.cancel();
        assertEquals(1, cancellerCalls[0]);
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void cancellingAChainWaitingOnInnerWithoutCancellerFailsTheOuter() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = Deferred.succeed(1).addCallbackDeferred(v -> inner);
        outer.cancel();
        failureResultOf(outer, CancelledError.class);
        inner.callback("producer's late value is swallowed");
    }

    @Test
    void cancellingReachesThroughSeveralWaitingLevels() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> innermost = new Deferred<>(self -> cancelled.add("innermost"));
        Deferred<String> middle = Deferred.succeed(1).addCallbackDeferred(v -> innermost);
        Deferred<String> outer = Deferred.succeed(2).addCallbackDeferred(v -> middle);
        outer.cancel();
        assertEquals(List.of("innermost"), cancelled);
        failureResultOf(outer, CancelledError.class);
    }

    @Test
    void cancellingAChainWhoseInnerAlreadyFiredDoesNothing() {
        Deferred<String> d = Deferred.succeed(1).addCallbackDeferred(v -> Deferred.succeed("x"));
        d.cancel();
        assertEquals("x", successResultOf(d));
    }

    // ------------------------------------------------------------ timeouts

    @Test
    void resultInTimeCancelsTheTimer() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(10), clock);
        assertEquals(1, clock.getDelayedCalls().size());
        d.callback("in time");
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(Duration.ofSeconds(20));
        assertEquals("in time", successResultOf(d));
    }

    @Test
    void otherFailuresPassThroughTheTimeout() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(10), clock);
        d.errback(new IOException("not a timeout"));
        assertTrue(clock.getDelayedCalls().isEmpty());
        failureResultOf(d, IOException.class);
    }

    @Test
    void cancelledByTheUserIsNotATimeout() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(10), clock);
        d.cancel();
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void timeoutUsesTheCancellerSoTheWorkIsStopped() {
        TestClock clock = new TestClock();
        boolean[] stopped = {false};
        Deferred<String> d = new Deferred<>(self -> stopped[0] = true);
        d.addTimeout(Duration.ofMillis(500), clock);
        clock.advance(Duration.ofMillis(499));
        assertNoResult(d);
        clock.advance(Duration.ofMillis(1));
        assertTrue(stopped[0]);
        TimeoutError error = (TimeoutError) failureResultOf(d, TimeoutError.class).value();
        assertTrue(error.getMessage().contains("500 ms"), error.getMessage());
    }

    @Test
    void timeoutOfAChainWaitingOnInnerCancelsTheInner() {
        TestClock clock = new TestClock();
        boolean[] innerCancelled = {false};
        Deferred<String> inner = new Deferred<>(self -> innerCancelled[0] = true);
        Deferred<Integer> start = new Deferred<>();
        Deferred<String> d = start.addCallbackDeferred(v -> inner).addTimeout(Duration.ofSeconds(1), clock);
        start.callback(0);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(innerCancelled[0]);
        failureResultOf(d, TimeoutError.class);
    }

    @Test
    void onTimeoutCancelTurnsTheTimeoutIntoAValue() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        List<Duration> seen = new ArrayList<>();
        d.addTimeout(Duration.ofSeconds(3), clock, (cancellation, timeout) -> {
            assertTrue(cancellation.check(CancelledError.class) != null);
            seen.add(timeout);
            return "default answer";
        });
        clock.advance(Duration.ofSeconds(3));
        assertEquals("default answer", successResultOf(d));
        assertEquals(List.of(Duration.ofSeconds(3)), seen);
    }

    @Test
    void onTimeoutCancelTurnsTheTimeoutIntoAnotherFailure() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(3), clock, (cancellation, timeout) -> {
            throw new IOException("peer too slow after " + timeout.toSeconds() + " s");
        });
        clock.advance(Duration.ofSeconds(3));
        assertEquals("peer too slow after 3 s", failureResultOf(d, IOException.class).getErrorMessage());
    }

    @Test
    void onTimeoutCancelIsNotCalledForTheUsersOwnCancel() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        List<String> calls = new ArrayList<>();
        d.addTimeout(Duration.ofSeconds(3), clock, (cancellation, timeout) -> {
            calls.add("translated");
            return "not for a user's cancel";
        });
        d.cancel();
        failureResultOf(d, CancelledError.class);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), calls);
    }

    @Test
    void onTimeoutCancelIsNotCalledForOtherOutcomes() {
        TestClock clock = new TestClock();
        List<String> calls = new ArrayList<>();
        Deferred.OnTimeoutCancel<String> translator = (cancellation, timeout) -> {
            calls.add("translated");
            return "never";
        };
        Deferred<String> failed = new Deferred<>();
        failed.addTimeout(Duration.ofSeconds(3), clock, translator);
        failed.errback(new IOException("own failure"));
        failureResultOf(failed, IOException.class);
        Deferred<String> answered = new Deferred<>();
        answered.addTimeout(Duration.ofSeconds(3), clock, translator);
        answered.callback("in time");
        clock.advance(Duration.ofSeconds(10));
        assertEquals("in time", successResultOf(answered));
        assertEquals(List.of(), calls);
    }

    @Test
    void aCancellerThatAnswersItselfIsNotTranslated() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>(self -> self.errback(new IOException("stopped by canceller")));
        d.addTimeout(Duration.ofSeconds(1), clock, (cancellation, timeout) -> "translated");
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(d, IOException.class);
    }

    @Test
    void cancelledWaiterOfACancellerlessInnerIsReleasedOnlyOnce() {
        Deferred<String> inner = new Deferred<>();
        List<Object> outcomes = new ArrayList<>();
        Deferred<String> outer = Deferred.succeed(0).addCallbackDeferred(v -> inner);
        outer.addBoth((v, f) -> outcomes.add(f == null ? v : f.type()));
        outer.cancel();
        inner.callback("late");
        assertEquals(List.of(CancelledError.class), outcomes);
    }
}
