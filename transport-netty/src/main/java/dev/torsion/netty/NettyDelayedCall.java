package dev.torsion.netty;

import dev.torsion.time.DelayedCall;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call scheduled on the event loop's timer queue. {@link #reset} and {@link #delay} cancel the
 * Netty task and schedule a new one, because Netty's scheduled tasks cannot move.
 */
final class NettyDelayedCall implements DelayedCall, Runnable {
    private static final Logger log = LoggerFactory.getLogger(NettyDelayedCall.class);

    private final EventLoop loop;
    private final Runnable action;
    private volatile long time;
    private volatile boolean called;
    private volatile boolean cancelled;
    private ScheduledFuture<?> future;

    NettyDelayedCall(EventLoop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
    }

    /** Schedules the call {@code delayNanos} from now. */
    NettyDelayedCall schedule(long delayNanos) {
        long delay = Math.max(0, delayNanos);
        time = System.nanoTime() + delay;
        future = loop.schedule(this, delay, TimeUnit.NANOSECONDS);
        return this;
    }

    @Override
    public void run() {
        if (cancelled || called) {
            return;
        }
        called = true;
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            // As Twisted: an exception in a timed call is logged and the reactor goes on.
            log.error("Unhandled error in delayed call {}", action, e);
        }
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public boolean active() {
        return !called && !cancelled;
    }

    @Override
    public boolean called() {
        return called;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void cancel() {
        requireActive("cancel");
        cancelled = true;
        future.cancel(false);
    }

    @Override
    public void reset(Duration delay) {
        requireActive("reset");
        future.cancel(false);
        schedule(delay.toNanos());
    }

    @Override
    public void delay(Duration extra) {
        requireActive("delay");
        future.cancel(false);
        schedule(time + extra.toNanos() - System.nanoTime());
    }

    private void requireActive(String what) {
        if (called) {
            throw new IllegalStateException("cannot " + what + " a delayed call that has already run");
        }
        if (cancelled) {
            throw new IllegalStateException("cannot " + what + " a delayed call that was cancelled");
        }
    }

    @Override
    public String toString() {
        return "DelayedCall(" + action + (called ? ", called" : cancelled ? ", cancelled" : "") + ")";
    }
}
