package dev.torsion.time;

import java.time.Duration;

/**
 * A source of time that schedules calls: Twisted's {@code IReactorTime}. The reactor implements it;
 * tests use the deterministic {@link dev.torsion.testing.TestClock}. Everything time-based in
 * Torsion takes a Clock, so that it can be tested without waiting.
 */
public interface Clock {
    /** The current time in nanoseconds on this clock's monotonic scale (its origin is arbitrary). */
    long nanoTime();

    /** The current time in seconds on the same scale as {@link #nanoTime()}. */
    default double seconds() {
        return nanoTime() / 1e9;
    }

    /**
     * Runs {@code action} once after {@code delay} (zero or more). On a reactor the action runs on
     * the reactor thread, and the returned call may be cancelled, reset or delayed from there.
     */
    DelayedCall callLater(Duration delay, Runnable action);
}
