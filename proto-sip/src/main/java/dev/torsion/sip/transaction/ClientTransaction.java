package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;

/** A client transaction (RFC 3261 section 17.1): one request sent, its responses, its timers. */
public abstract sealed class ClientTransaction permits InviteClientTransaction, NonInviteClientTransaction {
    final TransactionLayer layer;
    final SipRequest request;
    final Destination destination;
    final ClientTransactionListener listener;
    final String key;
    TransportKind sentOver;

    ClientTransaction(TransactionLayer layer, String key, SipRequest request, Destination destination,
                      ClientTransactionListener listener) {
        this.layer = layer;
        this.key = key;
        this.request = request;
        this.destination = destination;
        this.listener = listener;
    }

    /** The request this transaction sends. */
    public SipRequest request() {
        return request;
    }

    /** Where it goes. */
    public Destination destination() {
        return destination;
    }

    /** The branch of its Via, its identity (section 17.1.3). */
    public String key() {
        return key;
    }

    /** Whether it is over. */
    public abstract boolean isTerminated();

    /** Sends the request for the first time and starts the timers. */
    abstract void start();

    /** A response matched this transaction. */
    abstract void receive(SipResponse response);

    /** Section 17.1.4: the transport could not send the request; a live transaction ends and tells its TU. */
    abstract void transportError();

    /** Whether the request went (or was to go) over {@code kind} to {@code host}:{@code port}. */
    boolean sentTo(TransportKind kind, String host, int port) {
        return sentOver == kind && destination.host().equals(host) && destination.port() == port;
    }

    /** Sends (or resends) the request. */
    void transmit() {
        sentOver = layer.sender().sendRequest(request, destination);
    }

    /** Whether the transport used is unreliable, so that the transaction retransmits (section 17.1.1.2). */
    boolean unreliable() {
        return !sentOver.reliable();
    }

    void terminated() {
        layer.removeClient(this);
    }
}
