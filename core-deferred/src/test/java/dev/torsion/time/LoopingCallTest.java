package dev.torsion.time;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LoopingCall} on a {@link TestClock}, as Twisted's LoopTests. */
class LoopingCallTest {
    private final TestClock clock = new TestClock();
    private final List<Long> calledAtMillis = new ArrayList<>();

    private void record() {
        calledAtMillis.add(clock.nanoTime() / 1_000_000);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void startNowCallsAtOnceThenEveryInterval() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        Deferred<LoopingCall> stopped = loop.start(ms(1000));
        assertEquals(List.of(0L), calledAtMillis);
        clock.pump(ms(999), ms(1), ms(1000), ms(1000));
        assertEquals(List.of(0L, 1000L, 2000L, 3000L), calledAtMillis);
        assertNoResult(stopped);
        assertTrue(loop.isRunning());
        loop.stop();
        assertFalse(loop.isRunning());
        assertSame(loop, successResultOf(stopped));
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(ms(5000));
        assertEquals(4, calledAtMillis.size());
    }

    @Test
    void startLaterWaitsOneInterval() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        loop.start(ms(500), false);
        assertTrue(calledAtMillis.isEmpty());
        clock.pump(ms(500), ms(500));
        assertEquals(List.of(500L, 1000L), calledAtMillis);
        assertEquals(ms(500), loop.interval());
    }

    @Test
    void lateRunsKeepToTheGridAndSkipMissedIntervals() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        loop.start(ms(1000));
        clock.advance(ms(3500)); // the reactor was busy: one late call at 3.5 s, not three
        assertEquals(List.of(0L, 3500L), calledAtMillis);
        clock.advance(ms(500)); // back on the grid at 4 s
        assertEquals(List.of(0L, 3500L, 4000L), calledAtMillis);
    }

    @Test
    void withCountTellsHowManyIntervalsPassed() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, counts::add);
        loop.start(ms(1000));
        clock.advance(ms(1000));
        clock.advance(ms(3500)); // runs once at 4.5 s: intervals 2, 3 and 4 passed
        clock.advance(ms(500));
        assertEquals(List.of(1, 1, 3, 1), counts);
    }

    @Test
    void withCountStartingLaterCountsFromTheStart() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, counts::add);
        loop.start(ms(100), false);
        clock.advance(ms(250));
        clock.advance(ms(50));
        assertEquals(List.of(2, 1), counts);
    }

    @Test
    void exceptionStopsTheLoopWithAnErrback() {
        int[] calls = {0};
        LoopingCall loop = new LoopingCall(clock, () -> {
            if (++calls[0] == 3) {
                throw new IOException("third call failed");
            }
            return null;
        });
        Deferred<LoopingCall> stopped = loop.start(ms(10));
        clock.pump(ms(10), ms(10));
        assertEquals("third call failed", failureResultOf(stopped, IOException.class).getErrorMessage());
        assertFalse(loop.isRunning());
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertThrows(IllegalStateException.class, loop::stop);
    }

    @Test
    void nextCallWaitsForTheDeferredOfTheLastOne() {
        List<Deferred<Void>> pending = new ArrayList<>();
        LoopingCall loop = new LoopingCall(clock, () -> {
            record();
            Deferred<Void> d = new Deferred<>();
            pending.add(d);
            return d;
        });
        loop.start(ms(100));
        clock.advance(ms(250));
        assertEquals(List.of(0L), calledAtMillis, "waiting on the first call's Deferred");
        pending.get(0).callback(null); // fires at 250 ms: next call on the grid at 300 ms
        clock.advance(ms(50));
        assertEquals(List.of(0L, 300L), calledAtMillis);
    }

    @Test
    void failedDeferredOfACallStopsTheLoop() {
        Deferred<Void> work = new Deferred<>();
        LoopingCall loop = new LoopingCall(clock, () -> work);
        Deferred<LoopingCall> stopped = loop.start(ms(100));
        work.errback(new IOException("async failure"));
        failureResultOf(stopped, IOException.class);
        assertFalse(loop.isRunning());
    }

    @Test
    void stopWhileACallIsPendingFiresWhenItFinishes() {
        Deferred<Void> work = new Deferred<>();
        LoopingCall loop = new LoopingCall(clock, () -> work);
        Deferred<LoopingCall> stopped = loop.start(ms(100));
        loop.stop();
        assertNoResult(stopped);
        work.callback(null);
        assertSame(loop, successResultOf(stopped));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stopFromInsideTheFunction() {
        LoopingCall[] self = new LoopingCall[1];
        int[] calls = {0};
        self[0] = new LoopingCall(clock, () -> {
            if (++calls[0] == 2) {
                self[0].stop();
            }
        });
        Deferred<LoopingCall> stopped = self[0].start(ms(10));
        clock.advance(ms(10));
        successResultOf(stopped);
        clock.advance(ms(100));
        assertEquals(2, calls[0]);
    }

    @Test
    void zeroIntervalRunsAsOftenAsTheClockAllows() {
        LoopingCall[] self = new LoopingCall[1];
        int[] calls = {0};
        self[0] = new LoopingCall(clock, () -> {
            if (++calls[0] == 5) {
                self[0].stop();
            }
        });
        Deferred<LoopingCall> stopped = self[0].start(Duration.ZERO);
        clock.advance(Duration.ZERO);
        assertEquals(5, calls[0]);
        successResultOf(stopped);
    }

    @Test
    void resetRestartsTheGridFromNow() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        loop.start(ms(1000));
        clock.advance(ms(700));
        loop.reset();
        clock.advance(ms(999));
        assertEquals(List.of(0L), calledAtMillis);
        clock.advance(ms(1));
        assertEquals(List.of(0L, 1700L), calledAtMillis);
    }

    @Test
    void misuseIsRejected() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        assertThrows(IllegalStateException.class, loop::stop);
        assertThrows(IllegalStateException.class, loop::reset);
        assertThrows(IllegalArgumentException.class, () -> loop.start(ms(-1)));
        loop.start(ms(1));
        assertThrows(IllegalStateException.class, () -> loop.start(ms(1)));
    }

    @Test
    void canBeStartedAgainAfterStopping() {
        LoopingCall loop = new LoopingCall(clock, this::record);
        loop.start(ms(100));
        loop.stop();
        clock.advance(ms(50));
        Deferred<LoopingCall> again = loop.start(ms(100));
        clock.advance(ms(100));
        assertEquals(List.of(0L, 50L, 150L), calledAtMillis);
        loop.stop();
        successResultOf(again);
    }
}
