package dev.torsion.sip.transport;

import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;

/** Sends messages as RFC 3261 section 18 says; the transaction layer talks to the network through it. */
public interface MessageSender {
    /**
     * Sends a request whose top Via carries the sender's branch; the transport stamps the Via with
     * its own transport and sent-by. Returns the transport actually used: a UDP request longer than
     * the MTU threshold goes over TCP (section 18.1.1).
     */
    TransportKind sendRequest(SipRequest request, Destination destination);

    /** Sends a response to where its request came from, by its top Via (section 18.2.2). */
    void sendResponse(SipResponse response, Inbound request);
}
