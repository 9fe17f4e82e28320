package dev.torsion.testing;

import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A deterministic {@link Clock} for tests, as Twisted's {@code task.Clock}: time stands still until
 * {@link #advance} moves it, and then every call that has come due runs, in order of due time (calls
 * due at the same time run in the order they were scheduled).
 */
public final class TestClock implements Clock {
    private long now;
    private long sequence;
    private static final Comparator<ScheduledCall> ORDER =
            Comparator.comparingLong((ScheduledCall c) -> c.due).thenComparingLong(c -> c.sequence);
    /** Ordered by due time, then by scheduling: O(log n) per call, so tests may hold tens of thousands of timers. */
    private final NavigableSet<ScheduledCall> calls = new TreeSet<>(ORDER);

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        ScheduledCall call = new ScheduledCall(now + delay.toNanos(), sequence++, action);
        calls.add(call);
        return call;
    }

    /** Moves time forward by {@code amount} and runs every call that is then due. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + amount);
        }
        now += amount.toNanos();
        while (!calls.isEmpty() && calls.first().due <= now) {
            ScheduledCall call = calls.pollFirst();
            call.state = State.CALLED;
            call.action.run();
        }
    }

    /** Advances by each amount in turn, as Twisted's {@code Clock.pump}. */
    public void pump(Duration... amounts) {
        for (Duration amount : amounts) {
            advance(amount);
        }
    }

    /** The calls still scheduled, soonest first. */
    public List<DelayedCall> getDelayedCalls() {
        return List.copyOf(calls);
    }

    private enum State { ACTIVE, CALLED, CANCELLED }

    private final class ScheduledCall implements DelayedCall {
        private long due;
        private long sequence;
        private final Runnable action;
        private State state = State.ACTIVE;

        ScheduledCall(long due, long sequence, Runnable action) {
            this.due = due;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public long time() {
            return due;
        }

        @Override
        public boolean active() {
            return state == State.ACTIVE;
        }

        @Override
        public boolean called() {
            return state == State.CALLED;
        }

        @Override
        public boolean cancelled() {
            return state == State.CANCELLED;
        }

        @Override
        public void cancel() {
            requireActive();
            state = State.CANCELLED;
            calls.remove(this);
        }

        @Override
        public void reset(Duration delay) {
            requireActive();
            reschedule(now + delay.toNanos());
        }

        @Override
        public void delay(Duration extra) {
            requireActive();
            reschedule(due + extra.toNanos());
        }

        private void reschedule(long newDue) {
            calls.remove(this); // before its keys change: the set is ordered by them
            due = newDue;
            sequence = TestClock.this.sequence++;
            calls.add(this);
        }

        private void requireActive() {
            if (state != State.ACTIVE) {
                throw new IllegalStateException("delayed call already " + state.name().toLowerCase());
            }
        }

        @Override
        public String toString() {
            return "<DelayedCall due=" + due + "ns " + state.name().toLowerCase() + " " + action + ">";
        }
    }
}
