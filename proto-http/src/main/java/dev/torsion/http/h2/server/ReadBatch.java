package dev.torsion.http.h2.server;

import dev.torsion.internet.Transport;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one read of an HTTP/2 connection (or another call into it) gathers before it ends: the
 * frames of every stream answered in it, written to the transport as one buffer; the notices to
 * run once the call has returned (a stream's channel hearing that its stream ended); and the timers
 * that the streams' channels set, scheduled on the reactor only if they are still wanted when the
 * call ends. A request answered within the read it came in (most are) thus costs no timer on the
 * reactor's queue, and the answers of a read cost one write instead of two per stream.
 *
 * <p>It is also the {@link Clock} the streams' channels time on: outside a batch it passes every
 * call straight to the connection's clock.
 */
final class ReadBatch implements Clock {
    /** Past this many bytes a batch goes to the transport at once, so that its backpressure still applies. */
    static final int MAX_GATHERED = 64 * 1024;
    /** A gathering buffer grown past this (by a large answer) is let go after its flush, not kept per connection. */
    private static final int KEPT_BUFFER = 16 * 1024;

    private final Clock clock;
    private Transport transport;
    private boolean open;
    /** The connection is closing: nothing more is written. */
    private boolean shut;
    /** The frames gathered (made at the first batch that writes: an idle connection holds none). */
    private byte[] output = new byte[0];
    private int outputLength;
    private final List<Runnable> notices = new ArrayList<>();
    private final List<PendingCall> timers = new ArrayList<>();

    ReadBatch(Clock clock) {
        this.clock = clock;
    }

    void attach(Transport target) {
        this.transport = target;
    }

    /** Whether a batch is open (calls made now are gathered). */
    boolean isOpen() {
        return open;
    }

    /** Opens a batch; returns false when one is open already (the caller is inside it, and does not end it). */
    boolean begin() {
        if (open) {
            return false;
        }
        open = true;
        return true;
    }

    /** Ends the batch: runs its notices (which may add to it), writes its frames, schedules the timers still wanted. */
    void end() {
        try {
            for (int i = 0; i < notices.size(); i++) {
                notices.get(i).run();
            }
        } finally {
            notices.clear();
            open = false;
            flush();
            for (PendingCall timer : timers) {
                timer.schedule(clock);
            }
            timers.clear();
        }
    }

    /** Writes {@code frame} now, or gathers it while a batch is open. */
    void write(byte[] frame) {
        if (shut) {
            return;
        }
        if (!open) {
            transport.write(frame);
            return;
        }
        if (outputLength + frame.length > output.length) {
            output = Arrays.copyOf(output, Math.max(Math.max(output.length * 2, 4096), outputLength + frame.length));
        }
        System.arraycopy(frame, 0, output, outputLength, frame.length);
        outputLength += frame.length;
        if (outputLength >= MAX_GATHERED) {
            flush();
        }
    }

    void write(List<byte[]> frames) {
        for (byte[] frame : frames) {
            write(frame);
        }
    }

    /** Hands what is gathered to the transport (before the connection closes, and at the batch's end). */
    void flush() {
        if (outputLength > 0) {
            byte[] gathered = Arrays.copyOf(output, outputLength);
            outputLength = 0;
            if (output.length > KEPT_BUFFER) {
                output = new byte[0];
            }
            transport.write(gathered);
        }
    }

    /** Writes what is gathered, and nothing after: the connection is closing. */
    void shut() {
        flush();
        shut = true;
    }

    /** Runs {@code notice} once the call that led here has returned: at the batch's end, or in a reactor call. */
    void later(Runnable notice) {
        if (open) {
            notices.add(notice);
        } else {
            clock.callLater(Duration.ZERO, notice);
        }
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable action) {
        if (!open) {
            return clock.callLater(delay, action);
        }
        PendingCall call = new PendingCall(clock.nanoTime() + delay.toNanos(), action);
        timers.add(call);
        return call;
    }

    /** A timer set inside a batch: kept here until the batch ends, then scheduled on the clock unless cancelled. */
    private final class PendingCall implements DelayedCall {
        private long due;
        private final Runnable action;
        private DelayedCall scheduled;
        private boolean cancelled;

        PendingCall(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        void schedule(Clock on) {
            if (!cancelled) {
                scheduled = on.callLater(Duration.ofNanos(Math.max(0, due - on.nanoTime())), action);
            }
        }

        @Override
        public long time() {
            return scheduled != null ? scheduled.time() : due;
        }

        @Override
        public boolean active() {
            return scheduled != null ? scheduled.active() : !cancelled;
        }

        @Override
        public boolean called() {
            return scheduled != null && scheduled.called();
        }

        @Override
        public boolean cancelled() {
            return scheduled != null ? scheduled.cancelled() : cancelled;
        }

        @Override
        public void cancel() {
            if (scheduled != null) {
                scheduled.cancel();
                return;
            }
            requireActive();
            cancelled = true;
        }

        @Override
        public void reset(Duration delay) {
            if (scheduled != null) {
                scheduled.reset(delay);
                return;
            }
            requireActive();
            due = clock.nanoTime() + delay.toNanos();
        }

        @Override
        public void delay(Duration extra) {
            if (scheduled != null) {
                scheduled.delay(extra);
                return;
            }
            requireActive();
            due += extra.toNanos();
        }

        private void requireActive() {
            if (cancelled) {
                throw new IllegalStateException("the call was cancelled");
            }
        }
    }
}
