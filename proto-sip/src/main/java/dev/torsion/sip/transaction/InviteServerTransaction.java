package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Inbound;
import java.time.Duration;

/** The INVITE server transaction (RFC 3261 section 17.2.1, RFC 6026): timers G, H, I and L. */
public final class InviteServerTransaction extends ServerTransaction {
    private InviteServerState state = InviteServerState.PROCEEDING;
    private final TransactionTimer timerG;
    private final TransactionTimer timerH;
    private final TransactionTimer timerI;
    private final TransactionTimer timerL;

    InviteServerTransaction(TransactionLayer layer, String key, Inbound inbound) {
        super(layer, key, inbound);
        timerG = new TransactionTimer(layer.clock(), this::timerG);
        timerH = new TransactionTimer(layer.clock(), this::timerH);
        timerI = new TransactionTimer(layer.clock(), this::timerI);
        timerL = new TransactionTimer(layer.clock(), this::timerL);
    }

    /** The state. */
    public InviteServerState state() {
        return state;
    }

    /** Section 17.2.1: a 100 Trying at once, so that the client stops retransmitting. */
    void start() {
        send(response(100, "Trying"));
    }

    @Override
    public void respond(SipResponse response) {
        if (state == InviteServerState.ACCEPTED && response.isSuccess()) {
            // RFC 6026 section 7.1: more 2xx (forked answers, retransmissions) pass, and are not
            // kept: nothing is answered again from this state.
            layer.sender().sendResponse(response, inbound);
            return;
        }
        if (state != InviteServerState.PROCEEDING) {
            return;
        }
        send(response);
        if (response.isProvisional()) {
            return;
        }
        if (response.isSuccess()) {
            state = state.success();
            lastResponse = null; // a retransmitted INVITE is absorbed, not answered: 32 s without the 2xx's weight
            timerL.start(layer.timers().timeout());
            return;
        }
        state = state.failure();
        if (unreliable()) {
            timerG.start(layer.timers().t1());
        }
        timerH.start(layer.timers().timeout());
    }

    @Override
    public boolean hasFinalResponse() {
        return state != InviteServerState.PROCEEDING;
    }

    @Override
    public boolean isTerminated() {
        return state == InviteServerState.TERMINATED;
    }

    @Override
    void receive(SipRequest request) {
        if (request.is(SipRequest.ACK)) {
            if (state == InviteServerState.COMPLETED) {
                state = state.ack();
                timerG.cancel();
                timerH.cancel();
                timerI.start(unreliable() ? layer.timers().t4() : Duration.ZERO);
            }
            return;
        }
        // A retransmitted INVITE: the last response again; in ACCEPTED it is absorbed (RFC 6026 section 7.1).
        if ((state == InviteServerState.PROCEEDING || state == InviteServerState.COMPLETED) && lastResponse != null) {
            layer.sender().sendResponse(lastResponse, inbound);
        }
    }

    /** Timer G: retransmit the final response, doubling up to T2. */
    private void timerG() {
        if (state == InviteServerState.COMPLETED) {
            layer.sender().sendResponse(lastResponse, inbound);
            timerG.start(layer.timers().doubledCapped(timerG.interval()));
        }
    }

    /** Timer H: the ACK never came. */
    private void timerH() {
        if (state == InviteServerState.COMPLETED) {
            end();
            layer.user().ackTimedOut(this);
        }
    }

    private void timerI() {
        end();
    }

    /** Timer L (RFC 6026 section 8.7): the Accepted state is over. */
    private void timerL() {
        end();
    }

    private void end() {
        state = state.terminate();
        timerG.cancel();
        timerH.cancel();
        timerI.cancel();
        timerL.cancel();
        terminated();
    }
}
