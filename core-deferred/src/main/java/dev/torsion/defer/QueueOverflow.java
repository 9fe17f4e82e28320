package dev.torsion.defer;

/** Thrown by {@link DeferredQueue#put} when the queue already holds as many objects as its size allows. */
public final class QueueOverflow extends RuntimeException {
    /** Creates the error with a message giving the size. */
    public QueueOverflow(String message) {
        super(message);
    }
}
