package dev.torsion.defer;

/** Thrown by {@link DeferredQueue#get} when as many getters already wait as the backlog allows. */
public final class QueueUnderflow extends RuntimeException {
    /** Creates the error with a message giving the backlog. */
    public QueueUnderflow(String message) {
        super(message);
    }
}
