package dev.torsion.nmea.position;

/** The lifecycle of an {@link NmeaProtocol}'s connection to its receiver. */
public enum ReceiverState {
    /** Not yet connected to a transport. */
    IDLE,
    /** Reading sentences. */
    RECEIVING,
    /** The stream ended; the last cycle was flushed. */
    CLOSED
}
