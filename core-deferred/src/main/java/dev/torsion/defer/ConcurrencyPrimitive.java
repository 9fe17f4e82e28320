package dev.torsion.defer;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * What {@link DeferredLock} and {@link DeferredSemaphore} share, as Twisted's
 * {@code _ConcurrencyPrimitive}: a queue of waiters, each a Deferred that {@link #acquire()} gave
 * out and that fires when its turn comes, and {@link #run} to hold the primitive around some work.
 *
 * <p>Cancelling a waiter's Deferred takes it out of the queue (it fails with
 * {@link CancelledError}); cancelling a Deferred that already fired does nothing, and the holder
 * must still {@link #release()}.
 *
 * @param <S> the type of the primitive, which each acquirer receives
 */
public abstract class ConcurrencyPrimitive<S extends ConcurrencyPrimitive<S>> {
    private final ArrayDeque<Deferred<S>> waiting = new ArrayDeque<>();

    ConcurrencyPrimitive() {
    }

    /** Whether the primitive can be taken by one more acquirer now. */
    abstract boolean available();

    /** Takes one unit of the primitive (it is available). */
    abstract void take();

    /** Gives one unit back. */
    abstract void giveBack();

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * A Deferred that fires with this primitive once it is acquired: at once when available, else
     * when the waiters before it have had their turn.
     */
    public Deferred<S> acquire() {
        Deferred<S> turn = new Deferred<>(waiting::remove);
        if (available()) {
            take();
            turn.callback(self());
        } else {
            waiting.add(turn);
        }
        return turn;
    }

    /** Gives the primitive back, and hands it to the first waiter if there is one. */
    public void release() {
        giveBack();
        Deferred<S> next = waiting.poll();
        if (next != null) {
            take();
            next.callback(self());
        }
    }

    /** How many acquirers wait for their turn. */
    public int waitingCount() {
        return waiting.size();
    }

    /**
     * Acquires, runs {@code work} (as {@link Deferred#maybeDeferred}: a value, a Deferred, or an
     * exception), releases when its outcome is known, and gives that outcome.
     */
    public <R> Deferred<R> run(Callable<? extends R> work) {
        return runDeferred(() -> Deferred.maybeDeferred(work));
    }

    /** As {@link #run}, for work that returns a Deferred: releases when that Deferred fires. */
    public <R> Deferred<R> runDeferred(Callable<? extends Deferred<? extends R>> work) {
        return acquire().addCallbackDeferred(
                ignored -> Deferred.<R>maybeDeferredDeferred(work).addFinally(this::release));
    }
}
