package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chaining, recovery, pausing and nesting, in the spirit of Twisted's test_defer.py. */
class DeferredSemanticsTest {

    @AfterEach
    void debuggingOff() {
        Deferred.setDebugging(false);
    }

    @Test
    void callbackAddedAfterFiringRunsAtOnce() {
        Deferred<String> d = Deferred.succeed("ready");
        List<String> seen = new ArrayList<>();
        d.addCallback(seen::add);
        assertEquals(List.of("ready"), seen);
    }

    @Test
    void callbackThatThrowsTurnsTheChainToFailure() {
        Deferred<Integer> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> {
            throw new IOException("disk");
        }).addCallback(v -> seen.add("skipped")).addErrback(f -> {
            seen.add(f.type());
            seen.add(f.getErrorMessage());
            return true;
        });
        d.callback(1);
        assertEquals(List.of(IOException.class, "disk"), seen);
    }

    @Test
    void errbackThatReturnsAValueRecoversAndLaterCallbacksRun() {
        Deferred<String> d = new Deferred<>();
        Deferred<String> recovered = d.addErrback(f -> "fallback").addCallback(v -> v + "!");
        d.errback(new IllegalStateException("x"));
        assertEquals("fallback!", successResultOf(recovered));
    }

    @Test
    void addCallbacksRunsOnlyOneOfThePair() {
        List<String> seen = new ArrayList<>();
        Deferred<String> ok = new Deferred<>();
        ok.addCallbacks(v -> seen.add("cb " + v), f -> seen.add("eb"));
        ok.callback("a");
        Deferred<String> bad = new Deferred<>();
        // The callback of a pair does not catch the errback's failure, nor the reverse.
        bad.addCallbacks(v -> seen.add("cb"), f -> seen.add("eb " + f.getErrorMessage()));
        bad.errback(new RuntimeException("b"));
        assertEquals(List.of("cb a", "eb b"), seen);
    }

    @Test
    void errbackOfAPairDoesNotSeeTheFailureOfItsOwnCallback() {
        Deferred<String> d = new Deferred<>();
        List<String> seen = new ArrayList<>();
        d.addCallbacks(v -> {
            throw new IllegalStateException("from callback");
        }, f -> seen.add("same-step errback")).addErrback(f -> seen.add("next errback: " + f.getErrorMessage()));
        d.callback("go");
        assertEquals(List.of("next errback: from callback"), seen);
    }

    @Test
    void trapWithSeveralTypesMatchesAnyAndPassesTheSameFailureOn() {
        Failure original = Failure.of(new IllegalArgumentException("arg"));
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> {
            f.trap(IOException.class, ArithmeticException.class);
            return "no";
        }).addErrback(f -> {
            seen.add(f);
            seen.add(f.trap(IOException.class, IllegalArgumentException.class));
            return "yes";
        });
        d.errback(original);
        assertSame(original, seen.get(0), "trap passes on the very same Failure");
        assertEquals(IllegalArgumentException.class, seen.get(1));
        assertEquals("yes", successResultOf(d));
    }

    @Test
    void addBothSeesValueOrFailure() {
        List<String> seen = new ArrayList<>();
        Deferred.succeed("v").addBoth((v, f) -> seen.add(v + "/" + f));
        Deferred.<String>fail(new IOException("io")).addBoth((v, f) -> seen.add(v + "/" + f.getErrorMessage()));
        assertEquals(List.of("v/null", "null/io"), seen);
    }

    @Test
    void addFinallyRunsOnBothPathsAndKeepsTheOutcome() {
        int[] runs = {0};
        Deferred<String> ok = Deferred.succeed("kept").addFinally(() -> runs[0]++);
        Deferred<String> bad = Deferred.<String>fail(new IOException("kept too")).addFinally(() -> runs[0]++);
        assertEquals(2, runs[0]);
        assertEquals("kept", successResultOf(ok));
        assertEquals("kept too", failureResultOf(bad, IOException.class).getErrorMessage());
    }

    @Test
    void addFinallyThatThrowsBecomesTheFailure() {
        Deferred<String> d = Deferred.succeed("v").addFinally(() -> {
            throw new IllegalStateException("cleanup broke");
        });
        assertEquals("cleanup broke", failureResultOf(d, IllegalStateException.class).getErrorMessage());
    }

    @Test
    void errbackKeepsTheFailureIdentity() {
        Failure failure = Failure.of(new IOException("same"));
        Deferred<String> d = Deferred.fail(failure);
        assertSame(failure, failureResultOf(d));
    }

    @Test
    void firingTwiceEitherWayIsAlreadyCalled() {
        Deferred<String> d = new Deferred<>();
        d.errback(new IOException());
        d.addErrback(f -> null);
        assertThrows(AlreadyCalledError.class, () -> d.callback("b"));
        assertThrows(AlreadyCalledError.class, () -> d.errback(new IOException()));
    }

    @Test
    void debugModeNamesWhereItWasFirstFiredInAlreadyCalled() {
        Deferred.setDebugging(true);
        Deferred<String> d = new Deferred<>();
        d.callback("first");
        AlreadyCalledError error = assertThrows(AlreadyCalledError.class, () -> d.callback("second"));
        assertTrue(error.getMessage().contains("debugModeNamesWhereItWasFirstFiredInAlreadyCalled"),
                error.getMessage());
    }

    @Test
    void aDeferredCannotBeTheResultOfCallback() {
        Deferred<Object> d = new Deferred<>();
        assertThrows(IllegalArgumentException.class, () -> d.callback(new Deferred<>()));
        assertFalse(d.isCalled());
    }

    @Test
    void callbackReturningItsOwnDeferredFails() {
        Deferred<Object> d = new Deferred<>();
        Deferred<Object>[] self = new Deferred[] {d};
        d.addCallbackDeferred(v -> self[0]);
        d.callback("x");
        failureResultOf(d, IllegalStateException.class);
    }

    // ------------------------------------------------------------ pausing

    @Test
    void pauseHoldsCallbacksUntilUnpausedAndPausesNest() {
        Deferred<String> d = new Deferred<>();
        List<String> seen = new ArrayList<>();
        d.pause();
        d.pause();
        Deferred<Boolean> view = d.addCallback(seen::add);
        d.callback("held");
        assertTrue(seen.isEmpty());
        d.unpause();
        assertTrue(seen.isEmpty(), "one pause left");
        view.addCallback(added -> seen.add("added while paused"));
        d.unpause();
        assertEquals(List.of("held", "added while paused"), seen);
    }

    @Test
    void unpauseBeforeFiringJustLetsItRunWhenFired() {
        Deferred<String> d = new Deferred<>();
        d.pause();
        d.unpause();
        d.callback("now");
        assertEquals("now", successResultOf(d));
        assertThrows(IllegalStateException.class, d::unpause);
    }

    @Test
    void pausedDeferredReportsNoResult() {
        Deferred<String> d = Deferred.succeed("x");
        d.pause();
        assertNoResult(d);
        d.unpause();
        assertEquals("x", successResultOf(d));
    }

    // ------------------------------------------------------------ nesting

    @Test
    void innerDeferredAlreadyFiredIsTakenAndLeftWithNull() {
        Deferred<String> inner = Deferred.succeed("inner value");
        Deferred<String> outer = Deferred.succeed(1).addCallbackDeferred(v -> inner);
        assertEquals("inner value", successResultOf(outer));
        assertNull(successResultOf(inner), "as Twisted, the inner chain goes on with None");
    }

    @Test
    void innerFailureAlreadyThereIsTakenAndCountsAsHandledByTheOuter() {
        Deferred<String> inner = Deferred.fail(new IOException("inner"));
        Deferred<String> outer = Deferred.succeed(1).addCallbackDeferred(v -> inner);
        assertEquals("inner", failureResultOf(outer, IOException.class).getErrorMessage());
        assertNull(successResultOf(inner));
    }

    @Test
    void innerFailureLaterReachesTheOuterErrbacks() {
        Deferred<String> inner = new Deferred<>();
        Deferred<Integer> start = new Deferred<>();
        Deferred<String> outer = start.addCallbackDeferred(v -> inner); // the same chain, re-typed
        start.callback(7);
        assertNoResult(outer);
        assertTrue(outer.isPaused());
        inner.errback(new IOException("late"));
        assertEquals("late", failureResultOf(outer, IOException.class).getErrorMessage());
    }

    @Test
    void innerPausedDeferredIsWaitedFor() {
        Deferred<String> inner = Deferred.succeed("paused value");
        inner.pause();
        Deferred<String> outer = Deferred.succeed(0).addCallbackDeferred(v -> inner);
        assertNoResult(outer);
        inner.unpause();
        assertEquals("paused value", successResultOf(outer));
    }

    @Test
    void errbackReturningADeferredIsWaitedFor() {
        Deferred<String> rescue = new Deferred<>();
        Deferred<String> d = Deferred.<String>fail(new IOException()).addErrbackDeferred(f -> rescue);
        assertNoResult(d);
        rescue.callback("rescued");
        assertEquals("rescued", successResultOf(d));
    }

    @Test
    void outerPausedByUserStaysPausedAfterInnerFires() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = Deferred.succeed(0).addCallbackDeferred(v -> inner);
        outer.pause();
        inner.callback("v");
        assertNoResult(outer);
        outer.unpause();
        assertEquals("v", successResultOf(outer));
    }

    @Test
    void chainDeferredPassesValueAndFailureOn() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        first.chainDeferred(second);
        first.callback("along");
        assertEquals("along", successResultOf(second));
        assertNull(successResultOf(first));

        Deferred<String> a = new Deferred<>();
        Deferred<Object> b = new Deferred<>();
        a.chainDeferred(b);
        a.errback(new IOException("along too"));
        failureResultOf(b, IOException.class);
        assertNull(successResultOf(a), "the failure was handed on, so the first chain is clean");
    }

    @Test
    void chainOfWaitingDeferredsUnwindsInOrder() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<Integer> c = new Deferred<>();
        List<String> order = new ArrayList<>();
        a.addCallbackDeferred(v -> b).addCallback(v -> order.add("a got " + v));
        b.addCallbackDeferred(v -> c).addCallback(v -> {
            order.add("b got " + v);
            return v * 10;
        });
        a.callback(0);
        b.callback(0);
        assertTrue(order.isEmpty());
        c.callback(3);
        assertEquals(List.of("b got 3", "a got 30"), order);
    }

    // ------------------------------------------------------------ factories

    @Test
    void maybeDeferredCoversValueExceptionDeferredAndFailure() {
        assertEquals("v", successResultOf(Deferred.<String>maybeDeferred(() -> "v")));
        failureResultOf(Deferred.maybeDeferred(() -> {
            throw new IOException("thrown");
        }), IOException.class);
        Deferred<String> pending = new Deferred<>();
        assertSame(pending, Deferred.<String>maybeDeferredDeferred(() -> pending));
        Callable<?> untyped = () -> pending;
        assertSame(pending, Deferred.maybeDeferred(untyped));
        Failure failure = Failure.of(new ArithmeticException());
        assertSame(failure, failureResultOf(Deferred.maybeDeferred(() -> failure)));
    }

    @Test
    void failureDescribesItself() {
        Failure f = Failure.of(new IOException("no disk"));
        assertEquals("no disk", f.getErrorMessage());
        assertEquals(IOException.class.getName(), Failure.of(new IOException()).getErrorMessage());
        assertTrue(f.getTraceback().contains("failureDescribesItself"));
        assertNull(f.check(IllegalStateException.class));
        assertEquals(IOException.class, f.check(RuntimeException.class, Exception.class) == Exception.class
                ? IOException.class : null);
        FailureException thrown = assertThrows(FailureException.class, () -> f.trap(RuntimeException.class));
        assertSame(f, thrown.failure());
    }

    @Test
    void toStringSaysTheState() {
        Deferred<String> d = new Deferred<>();
        assertTrue(d.toString().contains("waiting"));
        d.callback("x");
        assertTrue(d.toString().contains("current result: x"));
    }

    @Test
    void callbackAddedFromInsideACallbackRunsAfterTheCurrentOne() {
        Deferred<String> d = new Deferred<>();
        List<String> order = new ArrayList<>();
        d.addCallback(v -> {
            d.addCallback(w -> {
                order.add("added inside, got " + w);
                return w;
            });
            order.add("first");
            return v + "+1";
        });
        d.callback("v");
        assertEquals(List.of("first", "added inside, got v+1"), order);
    }

    @Test
    void firingAnotherDeferredFromACallbackRunsItsChainToo() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        List<String> order = new ArrayList<>();
        b.addCallback(v -> order.add("b " + v));
        a.addCallback(v -> {
            b.callback(v + " via a");
            order.add("a " + v);
            return v;
        });
        a.callback("x");
        assertEquals(List.of("b x via a", "a x"), order);
    }

    @Test
    void stageAlreadyCompleteFiresAtOnce() {
        Deferred<String> d = Deferred.fromCompletionStage(CompletableFuture.completedFuture("c"));
        assertEquals("c", successResultOf(d));
    }
}
