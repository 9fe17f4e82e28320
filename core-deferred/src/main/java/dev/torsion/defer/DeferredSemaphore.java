package dev.torsion.defer;

/**
 * A semaphore for code on one thread that waits without blocking, as Twisted's
 * {@code DeferredSemaphore}: at most {@code tokens} holders at a time, the others waiting in order.
 * {@code semaphore.run(work)} bounds how many of some jobs run at once.
 */
public final class DeferredSemaphore extends ConcurrencyPrimitive<DeferredSemaphore> {
    private final int limit;
    private int tokens;

    /** Creates a semaphore with {@code tokens} (one or more) free tokens. */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("a DeferredSemaphore needs tokens >= 1, got " + tokens);
        }
        this.limit = tokens;
        this.tokens = tokens;
    }

    /** How many tokens are free now. */
    public int tokens() {
        return tokens;
    }

    /** How many tokens the semaphore has in all. */
    public int limit() {
        return limit;
    }

    @Override
    boolean available() {
        return tokens > 0;
    }

    @Override
    void take() {
        tokens--;
    }

    @Override
    void giveBack() {
        if (tokens >= limit) {
            throw new IllegalStateException("DeferredSemaphore released more times than acquired");
        }
        tokens++;
    }
}
