package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.SipResponse;

/** What a client transaction tells its transaction user (RFC 3261 section 17.1). */
public interface ClientTransactionListener {
    /** A provisional (1xx) response. */
    default void provisional(ClientTransaction transaction, SipResponse response) {
    }

    /** The final response (for an INVITE, a 2xx is passed up and the transaction ends, section 17.1.1.2). */
    void finalResponse(ClientTransaction transaction, SipResponse response);

    /** Timer B or F fired: no final response came (section 17.1.1.2, 17.1.2.2): a 408 to the TU. */
    void timedOut(ClientTransaction transaction);

    /**
     * The request could not be sent (section 17.1.4: the transport failed, the transaction ended);
     * RFC 3263 section 4.3 lets the TU try the next destination. Unless overridden, a timeout.
     */
    default void transportError(ClientTransaction transaction) {
        timedOut(transaction);
    }
}
