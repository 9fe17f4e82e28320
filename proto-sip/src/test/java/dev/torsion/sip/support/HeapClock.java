package dev.torsion.sip.support;

import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A deterministic clock, as the core's {@code TestClock}, for tests that keep tens of thousands of
 * timers pending (a proxy's lingering transactions under load): a heap with lazy cancellation, where
 * {@code TestClock} sorts its whole list on each schedule.
 */
public final class HeapClock implements Clock {
    private final PriorityQueue<Entry> calls = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.sequence, b.sequence));
    private long now;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        Call call = new Call(action);
        call.schedule(now + delay.toNanos());
        return call;
    }

    /** Moves time forward by {@code amount}, running every call then due in order of due time. */
    public void advance(Duration amount) {
        now += amount.toNanos();
        while (!calls.isEmpty() && calls.peek().due <= now) {
            Entry entry = calls.poll();
            Call call = entry.call;
            if (call.state == State.ACTIVE && call.current == entry) {
                call.state = State.CALLED;
                call.action.run();
            }
        }
    }

    /** One scheduling of a call: rescheduling queues a new entry, and the old one is skipped. */
    private record Entry(long due, long sequence, Call call) {
    }

    private enum State { ACTIVE, CALLED, CANCELLED }

    private final class Call implements DelayedCall {
        private final Runnable action;
        private Entry current;
        private State state = State.ACTIVE;

        Call(Runnable action) {
            this.action = action;
        }

        void schedule(long at) {
            current = new Entry(at, sequence++, this);
            calls.add(current);
        }

        @Override
        public long time() {
            return current.due();
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
            state = State.CANCELLED; // its heap entry is dropped when it surfaces
        }

        @Override
        public void reset(Duration delay) {
            requireActive();
            schedule(now + delay.toNanos());
        }

        @Override
        public void delay(Duration extra) {
            requireActive();
            schedule(current.due() + extra.toNanos());
        }

        private void requireActive() {
            if (state != State.ACTIVE) {
                throw new IllegalStateException("delayed call already " + state.name().toLowerCase());
            }
        }
    }
}
