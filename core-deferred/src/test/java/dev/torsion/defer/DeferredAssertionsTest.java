package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The messages and effects of {@link dev.torsion.testing.DeferredAssertions}. */
class DeferredAssertionsTest {

    @Test
    void successResultOfGivesTheValueAndConsumesIt() {
        Deferred<String> d = Deferred.succeed("v");
        assertEquals("v", successResultOf(d));
        assertNull(successResultOf(d));
    }

    @Test
    void successResultOfWithoutResultSaysSo() {
        AssertionError error = assertThrows(AssertionError.class, () -> successResultOf(new Deferred<String>()));
        assertTrue(error.getMessage().startsWith("Success result expected on <Deferred@"), error.getMessage());
        assertTrue(error.getMessage().endsWith("found no result instead"), error.getMessage());
    }

    @Test
    void successResultOfAFailureShowsItsTraceback() {
        IOException boom = new IOException("disk gone");
        AssertionError error = assertThrows(AssertionError.class, () -> successResultOf(Deferred.fail(boom)));
        assertTrue(error.getMessage().contains("found failure result instead"), error.getMessage());
        assertTrue(error.getMessage().contains("java.io.IOException: disk gone"), error.getMessage());
        assertSame(boom, error.getCause());
    }

    @Test
    void failureResultOfGivesTheFailureOfAnAcceptedType() {
        IOException boom = new IOException();
        Failure failure = failureResultOf(Deferred.fail(boom), IllegalStateException.class, IOException.class);
        assertSame(boom, failure.value());
        assertSame(boom, failureResultOf(Deferred.fail(boom)).value(), "no types: any failure");
    }

    @Test
    void failureResultOfAnotherTypeNamesBoth() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> failureResultOf(Deferred.fail(new IOException("io")), IllegalStateException.class));
        String expected = "Failure of type (" + IllegalStateException.class.getName() + ") expected";
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        String found = "found type " + IOException.class.getName() + " instead";
        assertTrue(error.getMessage().contains(found), error.getMessage());
    }

    @Test
    void failureResultOfASuccessOrNothingSaysSo() {
        AssertionError success = assertThrows(AssertionError.class, () -> failureResultOf(Deferred.succeed(42)));
        assertTrue(success.getMessage().contains("found success result (42) instead"), success.getMessage());
        AssertionError nothing = assertThrows(AssertionError.class, () -> failureResultOf(new Deferred<>()));
        assertTrue(nothing.getMessage().contains("found no result instead"), nothing.getMessage());
    }

    @Test
    void assertNoResultPassesOnWaitingDeferredsAndLeavesLaterResultsAlone() {
        Deferred<String> d = new Deferred<>();
        assertNoResult(d);
        d.errback(new IOException("later"));
        failureResultOf(d, IOException.class); // the later failure was not swallowed
    }

    @Test
    void assertNoResultFailsOnAResultAndKeepsIt() {
        Deferred<String> d = Deferred.succeed("there");
        AssertionError error = assertThrows(AssertionError.class, () -> assertNoResult(d));
        assertTrue(error.getMessage().contains("No result expected on"), error.getMessage());
        assertTrue(error.getMessage().endsWith("found there instead"), error.getMessage());
        assertEquals("there", successResultOf(d));
    }

    @Test
    void assertNoResultFailsOnAFailureAndMarksItReported() {
        Deferred<String> d = Deferred.fail(new IOException("reported"));
        AssertionError error = assertThrows(AssertionError.class, () -> assertNoResult(d));
        assertTrue(error.getMessage().contains("found failure result instead"), error.getMessage());
        assertNull(successResultOf(d));
    }
}
