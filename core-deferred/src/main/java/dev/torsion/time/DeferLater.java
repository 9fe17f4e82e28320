package dev.torsion.time;

import dev.torsion.defer.Deferred;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Work run later on a {@link Clock}, with its result as a Deferred: Twisted's {@code task.deferLater}. */
public final class DeferLater {
    private DeferLater() {
    }

    /**
     * A Deferred that, after {@code delay} on {@code clock}, calls {@code work} and fires with its
     * value (or its failure; a Deferred it returns is waited for). Cancelling it before then
     * cancels the timed call, and it fails with {@link dev.torsion.defer.CancelledError}.
     */
    public static <T> Deferred<T> deferLater(Clock clock, Duration delay, Callable<? extends T> work) {
        Objects.requireNonNull(work, "work");
        return deferLaterDeferred(clock, delay, () -> Deferred.maybeDeferred(work));
    }

    /** As {@link #deferLater(Clock, Duration, Callable)}, for work that returns a Deferred. */
    public static <T> Deferred<T> deferLaterDeferred(
            Clock clock, Duration delay, Callable<? extends Deferred<? extends T>> work) {
        Objects.requireNonNull(work, "work");
        DelayedCall[] timer = new DelayedCall[1];
        Deferred<Object> due = new Deferred<>(self -> timer[0].cancel());
        timer[0] = clock.callLater(delay, () -> due.callback(null));
        return due.addCallbackDeferred(ignored -> Deferred.<T>maybeDeferredDeferred(work));
    }

    /** A Deferred that fires with {@code null} after {@code delay} on {@code clock}; cancellable. */
    public static Deferred<Void> deferLater(Clock clock, Duration delay) {
        return deferLater(clock, delay, () -> null);
    }
}
