package dev.torsion.sip.ua;

import dev.torsion.defer.Deferred;
import dev.torsion.sip.locate.ServerLocator;
import dev.torsion.sip.parse.CSeq;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.parse.Requests;
import dev.torsion.sip.parse.SipHeaders;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipUri;
import dev.torsion.sip.transaction.ClientTransaction;
import dev.torsion.sip.transaction.ClientTransactionListener;
import dev.torsion.sip.transport.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * A call placed by {@link UserAgent#invite}: the INVITE's transaction, then the dialog it made
 * (RFC 3261 section 12.1.2: Call-ID, tags, remote target, route set from the Record-Route in
 * reverse), the ACK of the 2xx (section 13.2.2.4), BYE (section 15) and CANCEL (section 9).
 */
public final class Call implements ClientTransactionListener {
    private final UserAgent agent;
    private SipRequest invite;
    private final Destination firstHop;
    private final String password;
    private boolean authenticated;
    private final Deferred<Call> answered = new Deferred<>();
    private final Deferred<Void> ended = new Deferred<>();
    private CallState state = CallState.CALLING;
    private boolean provisionalSeen;
    private boolean cancelWanted;
    private boolean cancelRequested;
    private String remoteTag;
    private SipUri remoteTarget;
    private final List<String> routeSet = new ArrayList<>();
    private long localSequence;
    private SipRequest ack;

    Call(UserAgent agent, SipRequest invite, Destination firstHop, String password) {
        this.agent = agent;
        this.invite = invite;
        this.firstHop = firstHop;
        this.password = password;
        this.localSequence = sequenceOf(invite); // section 12.2.1.1: BYE follows the INVITE's number
    }

    /** Fires with this call once a 2xx is ACKed; fails with {@link SipFailure} on a final failure or timeout. */
    public Deferred<Call> answered() {
        return answered;
    }

    /** Fires when the call ends (BYE either way, CANCEL, or failure). */
    public Deferred<Void> ended() {
        return ended;
    }

    /** The state. */
    public CallState state() {
        return state;
    }

    /** The Call-ID. */
    public String callId() {
        return invite.callId();
    }

    /** The peer's tag, once known. */
    public String remoteTag() {
        return remoteTag;
    }

    /** Cancels the call if no final response has come; the CANCEL waits for a provisional (section 9.1). */
    public void cancel() {
        if (state != CallState.CALLING && state != CallState.EARLY) {
            return;
        }
        cancelRequested = true;
        if (!provisionalSeen) {
            cancelWanted = true;
            return;
        }
        agent.layer().sendRequest(Requests.cancelOf(invite), firstHop, UserAgent.IGNORE);
    }

    /** Ends a confirmed call with BYE (section 15.1.1); the Deferred has the BYE's final response. */
    public Deferred<SipResponse> bye() {
        if (state != CallState.CONFIRMED) {
            return Deferred.fail(new IllegalStateException("no confirmed dialog to end: " + state));
        }
        SipRequest bye = inDialog(SipRequest.BYE, ++localSequence);
        end();
        return agent.send(bye, nextHop(), null);
    }

    @Override
    public void provisional(ClientTransaction transaction, SipResponse response) {
        provisionalSeen = true;
        try {
            if (response.status() > 100 && response.to().tag() != null) {
                state = state.early();
            }
        } catch (SipParseException e) {
            return;
        }
        if (cancelWanted) {
            cancelWanted = false;
            cancel();
        }
    }

    @Override
    public void finalResponse(ClientTransaction transaction, SipResponse response) {
        if ((response.status() == 401 || response.status() == 407) && password != null && !authenticated
                && !cancelRequested) {
            // Section 22.2 and 22.3: the INVITE again, with the answer (the transaction ACKed the challenge).
            SipRequest retry = agent.authenticated(invite, response, password);
            if (retry != null) {
                authenticated = true;
                invite = retry;
                localSequence = sequenceOf(retry);
                provisionalSeen = false;
                agent.layer().sendRequest(retry, firstHop, this);
                return;
            }
        }
        if (!response.isSuccess()) {
            end();
            answered.errback(new SipFailure(response.status(), response.reason(), response));
            return;
        }
        try {
            confirm(response);
        } catch (SipParseException e) {
            end();
            answered.errback(new SipFailure(502, "Bad Gateway: " + e.reason(), response));
            return;
        }
        answered.callback(this);
    }

    @Override
    public void timedOut(ClientTransaction transaction) {
        end();
        answered.errback(new SipFailure(408, "Request Timeout", null));
    }

    private static long sequenceOf(SipRequest request) {
        try {
            return request.cseq().sequence();
        } catch (SipParseException e) {
            throw new IllegalStateException("our own CSeq", e);
        }
    }

    /** Section 12.1.2: the dialog from the 2xx, then the ACK (section 13.2.2.4). */
    private void confirm(SipResponse response) throws SipParseException {
        remoteTag = response.to().tag();
        List<NameAddress> contacts = response.contacts();
        if (contacts.isEmpty()) {
            throw new SipParseException(400, "2xx without Contact");
        }
        remoteTarget = contacts.get(0).sipUri();
        List<String> recordRoute = response.headers().all(HeaderNames.RECORD_ROUTE);
        for (int i = recordRoute.size() - 1; i >= 0; i--) {
            routeSet.add(recordRoute.get(i));
        }
        state = state.confirmed();
        ack = inDialog(SipRequest.ACK, invite.cseq().sequence());
        sendAck();
    }

    /** Sends the ACK of the 2xx again: a retransmitted 2xx came (section 13.2.2.4). */
    void sendAck() {
        if (ack != null) {
            agent.transport().sendRequest(ack.copy(), nextHop());
        }
    }

    /** The peer's BYE ended the call. */
    void remoteBye() {
        end();
    }

    private void end() {
        if (state != CallState.TERMINATED) {
            state = state.terminated();
            agent.forget(this);
            ended.callback(null);
        }
    }

    /** Section 12.2.1.1: a request inside the dialog. */
    private SipRequest inDialog(String method, long sequence) {
        SipHeaders h = new SipHeaders();
        h.add(HeaderNames.VIA, agent.newVia());
        h.add(HeaderNames.MAX_FORWARDS, "70");
        h.add(HeaderNames.FROM, invite.headers().first(HeaderNames.FROM));
        h.add(HeaderNames.TO, invite.headers().first(HeaderNames.TO) + ";tag=" + remoteTag);
        h.add(HeaderNames.CALL_ID, invite.callId());
        h.add(HeaderNames.CSEQ, new CSeq(sequence, method).toString());
        routeSet.forEach(route -> h.add(HeaderNames.ROUTE, route));
        return new SipRequest(method, remoteTarget.toString(), h, new byte[0]);
    }

    /** Section 12.2.1.1 with loose routing: the first Route, else the remote target. */
    private Destination nextHop() {
        try {
            if (!routeSet.isEmpty()) {
                Destination viaRoute = ServerLocator.literal(NameAddress.parse(routeSet.get(0), "Route").sipUri());
                if (viaRoute != null) {
                    return viaRoute;
                }
            }
        } catch (SipParseException e) {
            // an unusable route: fall back to the remote target
        }
        Destination direct = ServerLocator.literal(remoteTarget);
        return direct != null ? direct : firstHop;
    }
}
