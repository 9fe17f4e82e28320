package dev.torsion.defer;

/**
 * A lock for code on one thread that waits without blocking, as Twisted's {@code DeferredLock}:
 * {@link #acquire()} gives a Deferred that fires when the lock is this caller's, and
 * {@link #release()} hands it to the next waiter in order.
 *
 * <pre>{@code
 * lock.run(() -> writeRecord(record)); // acquire, run, release whatever the outcome
 * }</pre>
 */
public final class DeferredLock extends ConcurrencyPrimitive<DeferredLock> {
    private boolean locked;

    /** Creates an unlocked lock. */
    public DeferredLock() {
    }

    /** Whether someone holds the lock. */
    public boolean isLocked() {
        return locked;
    }

    @Override
    boolean available() {
        return !locked;
    }

    @Override
    void take() {
        locked = true;
    }

    @Override
    void giveBack() {
        if (!locked) {
            throw new IllegalStateException("tried to release an unlocked DeferredLock");
        }
        locked = false;
    }
}
