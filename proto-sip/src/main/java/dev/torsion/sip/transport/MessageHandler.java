package dev.torsion.sip.transport;

/** Takes the messages a transport received and checked (the transaction layer implements it). */
public interface MessageHandler {
    /** Called on the reactor thread with each well-formed message. */
    void messageReceived(Inbound inbound);

    /**
     * A connection to {@code destination} could not be made (RFC 3261 section 18.4): requests
     * waiting for it were never sent.
     */
    default void transportFailed(Destination destination) {
    }
}
