package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Deferreds#gatherResults} and {@link Deferreds#race}. */
class DeferredsTest {

    @Test
    void gatherResultsGivesTheValuesInListOrder() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = Deferreds.gatherResults(List.of(a, b));
        b.callback(2);
        assertNoResult(all);
        a.callback(1);
        assertEquals(List.of(1, 2), successResultOf(all));
    }

    @Test
    void gatherResultsKeepsNullValues() {
        Deferred<List<String>> all = Deferreds.gatherResults(List.of(Deferred.succeed(null), Deferred.succeed("x")));
        assertEquals(Arrays.asList(null, "x"), successResultOf(all));
    }

    @Test
    void gatherResultsFailsWithTheFirstErrorAndLeavesItInTheDeferred() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = Deferreds.gatherResults(List.of(a, b));
        b.errback(new IOException("b"));
        FirstError error = (FirstError) failureResultOf(all, FirstError.class).value();
        assertEquals(1, error.index());
        assertEquals("b", error.subFailure().getErrorMessage());
        failureResultOf(b, IOException.class);
        a.callback(1); // later results change nothing
    }

    @Test
    void gatherResultsWithConsumeErrorsHandlesTheFailuresInTheirDeferreds() {
        Deferred<Integer> a = Deferred.fail(new IOException("a"));
        Deferred<List<Integer>> all = Deferreds.gatherResults(List.of(a), true);
        failureResultOf(all, FirstError.class);
        assertNull(successResultOf(a));
    }

    @Test
    void cancellingGatherResultsCancelsTheDeferreds() {
        boolean[] cancelled = {false};
        Deferred<Integer> a = new Deferred<>(self -> cancelled[0] = true);
        Deferred<List<Integer>> all = Deferreds.gatherResults(List.of(a), true);
        all.cancel();
        assertTrue(cancelled[0]);
        FirstError error = (FirstError) failureResultOf(all, FirstError.class).value();
        assertEquals(CancelledError.class, error.subFailure().type());
    }

    @Test
    void raceGivesTheFirstSuccessAndCancelsTheRest() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> a = new Deferred<>(self -> cancelled.add("a"));
        Deferred<String> b = new Deferred<>(self -> cancelled.add("b"));
        Deferred<String> c = new Deferred<>(self -> cancelled.add("c"));
        Deferred<Deferreds.RaceWinner<String>> race = Deferreds.race(List.of(a, b, c));
        a.errback(new IOException("a lost"));
        assertNoResult(race);
        b.callback("b wins");
        assertEquals(new Deferreds.RaceWinner<>(1, "b wins"), successResultOf(race));
        assertEquals(List.of("c"), cancelled, "only the one still running is cancelled");
        assertEquals("b wins", successResultOf(b));
    }

    @Test
    void raceWonAlreadyIgnoresACancellerThatFiresWithAValue() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>(self -> self.callback("b's fallback"));
        Deferred<Deferreds.RaceWinner<String>> race = Deferreds.race(List.of(a, b));
        a.callback("a");
        assertEquals(new Deferreds.RaceWinner<>(0, "a"), successResultOf(race));
    }

    @Test
    void raceWhereAllFailGivesAFailureGroupInListOrder() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<Deferreds.RaceWinner<String>> race = Deferreds.race(List.of(a, b));
        b.errback(new IOException("b"));
        a.errback(new IllegalStateException("a"));
        FailureGroup group = (FailureGroup) failureResultOf(race, FailureGroup.class).value();
        assertEquals(IllegalStateException.class, group.failures().get(0).type());
        assertEquals(IOException.class, group.failures().get(1).type());
        assertNull(successResultOf(a), "the race handled the failures");
    }

    @Test
    void cancellingTheRaceCancelsEveryRunner() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<Deferreds.RaceWinner<String>> race = Deferreds.race(List.of(a, b));
        race.cancel();
        assertTrue(a.isCalled() && b.isCalled());
        FailureGroup group = (FailureGroup) failureResultOf(race, FailureGroup.class).value();
        assertEquals(CancelledError.class, group.failures().get(0).type());
    }

    @Test
    void raceOfNothingFailsAtOnce() {
        FailureGroup group = (FailureGroup) failureResultOf(Deferreds.race(List.<Deferred<String>>of()),
                FailureGroup.class).value();
        assertTrue(group.failures().isEmpty());
    }

    @Test
    void raceWithAnAlreadyFiredRunnerIsDecidedAtOnce() {
        Deferred<String> pending = new Deferred<>();
        Deferred<Deferreds.RaceWinner<String>> race = Deferreds.race(List.of(Deferred.succeed("now"), pending));
        assertEquals("now", successResultOf(race).value());
        assertTrue(pending.isCalled());
        assertFalse(race.isPaused());
    }
}
