package dev.torsion.defer;

import java.util.ArrayDeque;

/**
 * A queue whose {@link #get()} gives a Deferred, as Twisted's {@code DeferredQueue}: it fires at
 * once with the oldest object put, or later with the next object {@link #put}. Objects are handed
 * to waiting getters in the order they asked.
 *
 * <p>Both sides are bounded: {@code size} objects at most wait for a getter (one more
 * {@link #put} throws {@link QueueOverflow}), and {@code backlog} getters at most wait for an
 * object (one more {@link #get} throws {@link QueueUnderflow}). Cancelling a getter's Deferred
 * before it fires takes it out of the line.
 *
 * @param <T> the type of the objects
 */
public final class DeferredQueue<T> {
    /** The size or backlog of a queue without that limit. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();
    private final int size;
    private final int backlog;

    /** Creates a queue without limits. */
    public DeferredQueue() {
        this(UNBOUNDED, UNBOUNDED);
    }

    /**
     * Creates a queue that holds at most {@code size} objects and lets at most {@code backlog}
     * getters wait ({@link #UNBOUNDED} for no limit; zero is allowed for either).
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0 || backlog < 0) {
            throw new IllegalArgumentException("size and backlog must be >= 0: " + size + ", " + backlog);
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Gives {@code object} to the first waiting getter, or keeps it for the next one. Throws
     * {@link QueueOverflow} when {@code size} objects already wait.
     */
    public void put(T object) {
        Deferred<T> getter = waiting.poll();
        if (getter != null) {
            getter.callback(object);
        } else if (pending.size() < size) {
            pending.add(object);
        } else {
            throw new QueueOverflow("DeferredQueue is full (size " + size + ")");
        }
    }

    /**
     * A Deferred of the next object: fired already when one waits. Throws {@link QueueUnderflow}
     * when {@code backlog} getters already wait.
     */
    public Deferred<T> get() {
        if (!pending.isEmpty()) {
            return Deferred.succeed(pending.poll());
        }
        if (waiting.size() >= backlog) {
            throw new QueueUnderflow("DeferredQueue has " + backlog + " getters waiting already");
        }
        Deferred<T> getter = new Deferred<>(waiting::remove);
        waiting.add(getter);
        return getter;
    }

    /** How many objects wait for a getter. */
    public int pendingCount() {
        return pending.size();
    }

    /** How many getters wait for an object. */
    public int waitingCount() {
        return waiting.size();
    }
}
