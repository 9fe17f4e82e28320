package dev.torsion.nmea.position;

/** The lifecycle of a reader's connection to its source; one method per transition. */
public enum ReceiverState {
    /** Not yet connected to a transport. */
    IDLE,
    /** Reading sentences. */
    RECEIVING,
    /** The stream ended; the last cycle was flushed. */
    CLOSED;

    /** The transport connected: sentences are read from now on. */
    public ReceiverState connected() {
        if (this != IDLE) {
            throw new IllegalStateException("connected while " + this);
        }
        return RECEIVING;
    }

    /** The stream ended (from any state: a transport may fail before it connects). */
    public ReceiverState closed() {
        return CLOSED;
    }
}
