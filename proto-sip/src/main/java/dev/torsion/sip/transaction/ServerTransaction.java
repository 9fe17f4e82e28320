package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Inbound;

/** A server transaction (RFC 3261 section 17.2): one request received, the responses the TU gives it. */
public abstract sealed class ServerTransaction permits InviteServerTransaction, NonInviteServerTransaction {
    final TransactionLayer layer;
    final Inbound inbound;
    final String key;
    private String toTag;
    SipResponse lastResponse;

    ServerTransaction(TransactionLayer layer, String key, Inbound inbound) {
        this.layer = layer;
        this.key = key;
        this.inbound = inbound;
    }

    /** The request. */
    public SipRequest request() {
        return (SipRequest) inbound.message();
    }

    /** The request as the transport received it. */
    public Inbound inbound() {
        return inbound;
    }

    /** The transaction's identity (section 17.2.3). */
    public String key() {
        return key;
    }

    /** A response to this request (section 8.2.6.2), with this transaction's To tag. */
    public SipResponse response(int status, String reason) {
        if (toTag == null) {
            toTag = Responses.newTag(); // drawn when first needed: a proxy forwards the callee's tag instead
        }
        return Responses.create(request(), status, reason, toTag);
    }

    /** Builds and sends a response. */
    public void respond(int status, String reason) {
        respond(response(status, reason));
    }

    /** The TU sends a response through the transaction. */
    public abstract void respond(SipResponse response);

    /** Whether a final response was sent. */
    public abstract boolean hasFinalResponse();

    /** Whether it is over. */
    public abstract boolean isTerminated();

    /** The same request came again (a retransmission), or the ACK of an INVITE. */
    abstract void receive(SipRequest request);

    void send(SipResponse response) {
        lastResponse = response;
        layer.sender().sendResponse(response, inbound);
    }

    boolean unreliable() {
        return !inbound.kind().reliable();
    }

    void terminated() {
        layer.removeServer(this);
    }
}
