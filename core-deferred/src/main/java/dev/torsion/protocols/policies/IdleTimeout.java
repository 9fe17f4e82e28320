package dev.torsion.protocols.policies;

import dev.torsion.internet.Protocol;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idle timer a protocol keeps, as Twisted's {@code TimeoutMixin} (composed rather than mixed
 * in): once set, it calls its action when {@link #resetTimeout()} has not been called for the whole
 * period. A protocol resets it whenever something happens (data received, a command answered).
 *
 * <pre>{@code
 * class Server extends LineReceiver {
 *     private IdleTimeout idle;
 *     @Override public void connectionMade() {
 *         idle = IdleTimeout.abortingConnection(clock, this);
 *         idle.setTimeout(Duration.ofMinutes(5));
 *     }
 *     @Override protected void lineReceived(byte[] line) { idle.resetTimeout(); ... }
 *     @Override public void connectionLost(Failure reason) { idle.cancel(); }
 * }
 * }</pre>
 *
 * Works on any {@link Clock}: the reactor, or a {@code TestClock} in tests.
 */
public final class IdleTimeout {
    private static final Logger log = LoggerFactory.getLogger(IdleTimeout.class);

    private final Clock clock;
    private final Runnable timeoutConnection;
    private Duration period;
    private DelayedCall call;

    /** A timer on {@code clock} that runs {@code timeoutConnection} when it expires. */
    public IdleTimeout(Clock clock, Runnable timeoutConnection) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeoutConnection = Objects.requireNonNull(timeoutConnection, "timeoutConnection");
    }

    /**
     * A timer that aborts {@code protocol}'s connection when it expires, as Twisted's default
     * {@code timeoutConnection}. Abort rather than close: an idle peer may also have stopped
     * reading, and a clean close would wait for it forever.
     */
    public static IdleTimeout abortingConnection(Clock clock, Protocol protocol) {
        return new IdleTimeout(clock, () -> {
            if (protocol.transport() != null) {
                log.info("connection to {} idle for too long: aborting it", protocol.transport().getPeer());
                protocol.transport().abortConnection();
            }
        });
    }

    /**
     * Sets the idle period and starts counting from now; null (or zero) turns the timer off. Returns
     * the previous period (null when it was off).
     */
    public Duration setTimeout(Duration newPeriod) {
        Duration previous = period;
        period = newPeriod == null || newPeriod.isZero() ? null : newPeriod;
        if (period != null && period.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + newPeriod);
        }
        if (call != null && call.active()) {
            if (period == null) {
                call.cancel();
                call = null;
            } else {
                call.reset(period);
            }
        } else if (period != null) {
            call = clock.callLater(period, this::expire);
        }
        return previous;
    }

    /** Starts the idle period again from now; does nothing while the timer is off. */
    public void resetTimeout() {
        if (call != null && call.active() && period != null) {
            call.reset(period);
        }
    }

    /** Turns the timer off (as {@code setTimeout(null)}). Call it when the connection is lost. */
    public void cancel() {
        setTimeout(null);
    }

    /** The idle period, or null when the timer is off. */
    public Duration timeout() {
        return period;
    }

    /** Whether the timer is counting. */
    public boolean isActive() {
        return call != null && call.active();
    }

    private void expire() {
        call = null;
        period = null;
        timeoutConnection.run();
    }
}
