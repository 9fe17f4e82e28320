package dev.torsion.time;

import dev.torsion.defer.Deferred;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * Calls a function every interval on a {@link Clock}, as Twisted's {@code task.LoopingCall}.
 *
 * <p>{@link #start} gives a Deferred that fires with this LoopingCall when {@link #stop()} stops
 * it, or fails with the function's exception, which also stops it. When the function returns a
 * Deferred, the next call waits for it; a failure of that Deferred stops the loop the same way.
 *
 * <p>Calls keep to the grid {@code start time + n * interval}: a call that runs late does not
 * shift the following ones, and intervals missed entirely (a busy reactor, a slow function) are
 * skipped rather than made up. {@link #withCount} tells the function how many intervals passed
 * since its last call, so it can account for the skipped ones.
 */
public final class LoopingCall {
    private final Clock clock;
    private final Callable<?> function;
    private Deferred<LoopingCall> whenStopped;
    private DelayedCall call;
    private boolean running;
    private long interval;
    private long startTime;
    private boolean runAtStart;
    /** For {@link #withCount}: when the function last ran, or -1 before its first call. */
    private long lastCallTime = -1;

    /** A LoopingCall of {@code function}, which may return a Deferred to make the next call wait. */
    public LoopingCall(Clock clock, Callable<?> function) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.function = Objects.requireNonNull(function, "function");
    }

    /** A LoopingCall of {@code action}. */
    public LoopingCall(Clock clock, Runnable action) {
        this(clock, () -> {
            action.run();
            return null;
        });
    }

    /**
     * A LoopingCall whose function receives the number of intervals that passed since it last ran
     * (1 when it keeps up; more when calls were skipped). As Twisted's {@code LoopingCall.withCount}.
     */
    public static LoopingCall withCount(Clock clock, IntFunction<?> countedFunction) {
        Objects.requireNonNull(countedFunction, "countedFunction");
        LoopingCall[] self = new LoopingCall[1];
        self[0] = new LoopingCall(clock, () -> self[0].callCounted(countedFunction));
        return self[0];
    }

    private Object callCounted(IntFunction<?> countedFunction) {
        long now = clock.nanoTime();
        if (interval == 0) {
            lastCallTime = now;
            return countedFunction.apply(1);
        }
        long last = lastCallTime;
        if (last < 0) {
            last = runAtStart ? startTime - interval : startTime;
        }
        long count = intervalOf(now) - intervalOf(last);
        if (count <= 0) {
            return null;
        }
        lastCallTime = now;
        return countedFunction.apply((int) Math.min(count, Integer.MAX_VALUE));
    }

    private long intervalOf(long time) {
        return Math.floorDiv(time - startTime, interval);
    }

    /** As {@link #start(Duration, boolean) start(interval, true)}: the first call runs at once. */
    public Deferred<LoopingCall> start(Duration interval) {
        return start(interval, true);
    }

    /**
     * Starts calling every {@code interval} (zero: as often as the clock allows); with {@code now}
     * the first call runs at once, else after one interval. Returns the Deferred that fires when
     * the loop stops. Throws {@link IllegalStateException} when already running.
     */
    public Deferred<LoopingCall> start(Duration interval, boolean now) {
        if (running) {
            throw new IllegalStateException("tried to start a LoopingCall that is already running");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0: " + interval);
        }
        running = true;
        // The loop may fail in its first call and clear the field, so keep our own reference.
        Deferred<LoopingCall> stopped = new Deferred<>();
        whenStopped = stopped;
        startTime = clock.nanoTime();
        this.interval = interval.toNanos();
        runAtStart = now;
        lastCallTime = -1;
        if (now) {
            runOnce();
        } else {
            scheduleFrom(startTime);
        }
        return stopped;
    }

    /**
     * Stops the loop. Its Deferred fires now, or, when a call's Deferred is still pending, once
     * that fires. Throws {@link IllegalStateException} when not running.
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("tried to stop a LoopingCall that is not running");
        }
        running = false;
        if (call != null) {
            call.cancel();
            call = null;
            fireStopped();
        }
    }

    /** Restarts the interval grid from now: the next call comes one interval from now. */
    public void reset() {
        if (!running) {
            throw new IllegalStateException("tried to reset a LoopingCall that is not running");
        }
        if (call != null) {
            call.cancel();
            call = null;
            startTime = clock.nanoTime();
            scheduleFrom(startTime);
        }
    }

    /** Whether the loop runs. */
    public boolean isRunning() {
        return running;
    }

    /** The interval of the current (or last) run. */
    public Duration interval() {
        return Duration.ofNanos(interval);
    }

    private void runOnce() {
        call = null;
        Deferred.maybeDeferred(function).addCallbacks(ignored -> {
            if (running) {
                scheduleFrom(clock.nanoTime());
            } else {
                fireStopped();
            }
            return null;
        }, failure -> {
            running = false;
            Deferred<LoopingCall> stopped = whenStopped;
            whenStopped = null;
            stopped.errback(failure);
            return null;
        });
    }

    private void fireStopped() {
        Deferred<LoopingCall> stopped = whenStopped;
        whenStopped = null;
        stopped.callback(this);
    }

    /** Schedules the next call at the next point of the grid after {@code when}. */
    private void scheduleFrom(long when) {
        long delay;
        if (interval == 0) {
            delay = 0;
        } else {
            long runningFor = when - startTime;
            delay = interval - Math.floorMod(runningFor, interval);
        }
        call = clock.callLater(Duration.ofNanos(delay), this::runOnce);
    }

    @Override
    public String toString() {
        return "<LoopingCall " + function + (running ? " every " + interval() : " stopped") + ">";
    }
}
