package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Destination;
import java.time.Duration;

/** The non-INVITE client transaction (RFC 3261 section 17.1.2): timers E, F and K. */
public final class NonInviteClientTransaction extends ClientTransaction {
    private NonInviteClientState state = NonInviteClientState.TRYING;
    private final TransactionTimer timerE;
    private final TransactionTimer timerF;
    private final TransactionTimer timerK;

    NonInviteClientTransaction(TransactionLayer layer, String key, SipRequest request, Destination destination,
                               ClientTransactionListener listener) {
        super(layer, key, request, destination, listener);
        timerE = new TransactionTimer(layer.clock(), this::timerE);
        timerF = new TransactionTimer(layer.clock(), this::timerF);
        timerK = new TransactionTimer(layer.clock(), this::timerK);
    }

    /** The state. */
    public NonInviteClientState state() {
        return state;
    }

    @Override
    public boolean isTerminated() {
        return state == NonInviteClientState.TERMINATED;
    }

    @Override
    void start() {
        transmit();
        if (unreliable()) {
            timerE.start(layer.timers().t1());
        }
        timerF.start(layer.timers().timeout());
    }

    /** Timer E: retransmit; the interval doubles up to T2, and is T2 once proceeding (section 17.1.2.2). */
    private void timerE() {
        if (state == NonInviteClientState.TRYING) {
            transmit();
            timerE.start(layer.timers().doubledCapped(timerE.interval()));
        } else if (state == NonInviteClientState.PROCEEDING) {
            transmit();
            timerE.start(layer.timers().t2());
        }
    }

    /** Timer F: no final response: a timeout for the TU. */
    private void timerF() {
        if (state == NonInviteClientState.TRYING || state == NonInviteClientState.PROCEEDING) {
            end();
            listener.timedOut(this);
        }
    }

    private void timerK() {
        end();
    }

    @Override
    void receive(SipResponse response) {
        if (state != NonInviteClientState.TRYING && state != NonInviteClientState.PROCEEDING) {
            return; // COMPLETED: retransmissions are absorbed by timer K
        }
        if (response.isProvisional()) {
            state = state.provisional();
            listener.provisional(this, response);
            return;
        }
        state = state.finalResponse();
        timerE.cancel();
        timerF.cancel();
        timerK.start(unreliable() ? layer.timers().t4() : Duration.ZERO);
        listener.finalResponse(this, response);
    }

    @Override
    void transportError() {
        if (state == NonInviteClientState.TRYING || state == NonInviteClientState.PROCEEDING) {
            end();
            listener.transportError(this);
        }
    }

    private void end() {
        state = state.terminate();
        timerE.cancel();
        timerF.cancel();
        timerK.cancel();
        terminated();
    }
}
