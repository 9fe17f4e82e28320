package dev.torsion.sip.transaction;

import dev.torsion.sip.transport.Inbound;

/**
 * The transaction user: a UA core, a registrar or a proxy core (RFC 3261 section 17). Called on
 * the reactor thread.
 */
public interface TransactionUser {
    /** A new request, with the server transaction that answers it (CANCEL included, section 9.2). */
    void requestReceived(ServerTransaction transaction);

    /** An ACK that matched no transaction: the ACK of a 2xx, which belongs to the dialog (section 17.2.3). */
    void ackReceived(Inbound ack);

    /** A response that matched no client transaction (a retransmitted 2xx, section 17.1.1.2). */
    void strayResponse(Inbound response);

    /** A server INVITE transaction's timer H fired: the ACK never came (section 17.2.1). */
    default void ackTimedOut(ServerTransaction transaction) {
    }
}
