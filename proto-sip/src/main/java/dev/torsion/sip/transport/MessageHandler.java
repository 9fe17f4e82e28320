package dev.torsion.sip.transport;

/** Takes the messages a transport received and checked (the transaction layer implements it). */
public interface MessageHandler {
    /** Called on the reactor thread with each well-formed message. */
    void messageReceived(Inbound inbound);
}
