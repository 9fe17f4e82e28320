package dev.torsion.sip.transaction;

import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;

/** One named timer of a transaction (A to K) on the reactor's clock, restartable and cancellable. */
final class TransactionTimer {
    private final Clock clock;
    private final Runnable action;
    private DelayedCall call;
    private Duration interval;

    TransactionTimer(Clock clock, Runnable action) {
        this.clock = clock;
        this.action = action;
    }

    /** Starts (or restarts) the timer to fire after {@code delay}. */
    void start(Duration delay) {
        cancel();
        interval = delay;
        call = clock.callLater(delay, action);
    }

    /** The delay it was last started with. */
    Duration interval() {
        return interval;
    }

    /** Stops it if it is pending. */
    void cancel() {
        if (call != null && call.active()) {
            call.cancel();
        }
        call = null;
    }

    /** Whether it is pending. */
    boolean pending() {
        return call != null && call.active();
    }
}
