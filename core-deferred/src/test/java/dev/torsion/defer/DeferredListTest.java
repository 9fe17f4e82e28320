package dev.torsion.defer;

import static dev.torsion.defer.DeferredList.Option.CONSUME_ERRORS;
import static dev.torsion.defer.DeferredList.Option.FIRE_ON_ONE_CALLBACK;
import static dev.torsion.defer.DeferredList.Option.FIRE_ON_ONE_ERRBACK;
import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.DeferredList.Outcome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every mode of {@link DeferredList}, as Twisted's DeferredListTests. */
class DeferredListTest {

    @Test
    void waitsForAllAndGivesEveryOutcomeInListOrder() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<String> c = new Deferred<>();
        DeferredList<String> all = new DeferredList<>(List.of(a, b, c));
        c.callback("c");
        IOException boom = new IOException("b failed");
        b.errback(boom);
        assertNoResult(all);
        assertEquals(2, all.finishedCount());
        a.callback("a");
        List<Outcome<String>> outcomes = successResultOf(all);
        assertEquals(Outcome.succeeded(0, "a"), outcomes.get(0));
        assertFalse(outcomes.get(1).success());
        assertSame(boom, outcomes.get(1).failure().value());
        assertEquals(Outcome.succeeded(2, "c"), outcomes.get(2));
        // Without CONSUME_ERRORS the failure is still in b's chain.
        failureResultOf(b, IOException.class);
        assertEquals("a", successResultOf(a), "values pass on unchanged");
    }

    @Test
    void consumeErrorsLeavesNullInTheFailedDeferred() {
        Deferred<String> bad = new Deferred<>();
        DeferredList<String> all = new DeferredList<>(List.of(bad), CONSUME_ERRORS);
        bad.errback(new IOException());
        assertFalse(successResultOf(all).get(0).success());
        assertNull(successResultOf(bad));
    }

    @Test
    void emptyListFiresAtOnce() {
        assertEquals(List.of(), successResultOf(new DeferredList<String>(List.of())));
    }

    @Test
    void emptyListWithFireOnOneCallbackNeverFires() {
        assertNoResult(new DeferredList<String>(List.of(), FIRE_ON_ONE_CALLBACK));
    }

    @Test
    void fireOnOneCallbackFiresWithTheFirstSuccessAndItsIndex() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        DeferredList<String> first = new DeferredList<>(List.of(a, b), FIRE_ON_ONE_CALLBACK);
        a.errback(new IOException());
        a.addErrback(f -> null);
        assertNoResult(first);
        b.callback("winner");
        assertEquals(List.of(Outcome.succeeded(1, "winner")), successResultOf(first));
    }

    @Test
    void fireOnOneCallbackWithAllFailedGivesEveryOutcome() {
        Deferred<String> a = Deferred.fail(new IOException("a"));
        Deferred<String> b = Deferred.fail(new IOException("b"));
        DeferredList<String> first = new DeferredList<>(List.of(a, b), FIRE_ON_ONE_CALLBACK, CONSUME_ERRORS);
        List<Outcome<String>> outcomes = successResultOf(first);
        assertEquals(2, outcomes.size());
        assertEquals("b", outcomes.get(1).failure().getErrorMessage());
    }

    @Test
    void fireOnOneErrbackFailsWithFirstError() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), FIRE_ON_ONE_ERRBACK, CONSUME_ERRORS);
        a.callback("fine");
        assertNoResult(list);
        IOException boom = new IOException("second");
        b.errback(boom);
        FirstError error = (FirstError) failureResultOf(list, FirstError.class).value();
        assertEquals(1, error.index());
        assertSame(boom, error.subFailure().value());
        assertTrue(error.getMessage().contains("#1"));
    }

    @Test
    void fireOnOneErrbackWithAllSucceededGivesTheValues() {
        DeferredList<Integer> list = new DeferredList<>(
                List.of(Deferred.succeed(1), Deferred.succeed(2)), FIRE_ON_ONE_ERRBACK);
        assertEquals(List.of(Outcome.succeeded(0, 1), Outcome.succeeded(1, 2)), successResultOf(list));
    }

    @Test
    void laterOutcomesAfterFiringDoNotFireAgain() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), FIRE_ON_ONE_CALLBACK);
        a.callback("one");
        b.callback("two"); // must not raise AlreadyCalledError
        assertEquals(List.of(Outcome.succeeded(0, "one")), successResultOf(list));
        assertEquals(2, list.finishedCount());
    }

    @Test
    void cancellingCancelsEveryDeferredAndFiresWithTheirFailures() {
        boolean[] cancelled = {false, false};
        Deferred<String> a = new Deferred<>(self -> cancelled[0] = true);
        Deferred<String> b = new Deferred<>(self -> cancelled[1] = true);
        DeferredList<String> list = new DeferredList<>(List.of(a, b), CONSUME_ERRORS);
        list.cancel();
        assertTrue(cancelled[0] && cancelled[1]);
        List<Outcome<String>> outcomes = successResultOf(list);
        assertEquals(CancelledError.class, outcomes.get(0).failure().type());
        assertEquals(CancelledError.class, outcomes.get(1).failure().type());
    }

    @Test
    void cancellingWithFireOnOneErrbackFailsWithFirstErrorOfTheCancellation() {
        Deferred<String> a = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a), FIRE_ON_ONE_ERRBACK, CONSUME_ERRORS);
        list.cancel();
        FirstError error = (FirstError) failureResultOf(list, FirstError.class).value();
        assertEquals(CancelledError.class, error.subFailure().type());
    }

    @Test
    void aThrowingCancellerDoesNotStopTheOthersBeingCancelled() {
        Deferred<String> a = new Deferred<>(self -> {
            throw new IllegalStateException("bad canceller");
        });
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), CONSUME_ERRORS);
        list.cancel();
        assertTrue(b.isCalled());
        assertNoResult(list); // a never fired
        a.callback("eventually");
        assertTrue(successResultOf(list).get(0).success());
    }

    @Test
    void cancellingAFiredListDoesNothingToItsDeferreds() {
        Deferred<String> a = Deferred.succeed("a");
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), FIRE_ON_ONE_CALLBACK);
        list.cancel();
        assertFalse(b.isCalled());
        assertEquals(1, successResultOf(list).size());
    }
}
