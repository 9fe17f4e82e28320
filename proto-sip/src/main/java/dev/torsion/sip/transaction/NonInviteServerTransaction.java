package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Inbound;
import java.time.Duration;

/** The non-INVITE server transaction (RFC 3261 section 17.2.2): timer J. */
public final class NonInviteServerTransaction extends ServerTransaction {
    private NonInviteServerState state = NonInviteServerState.TRYING;
    private final TransactionTimer timerJ;

    NonInviteServerTransaction(TransactionLayer layer, String key, Inbound inbound) {
        super(layer, key, inbound);
        timerJ = new TransactionTimer(layer.clock(), this::timerJ);
    }

    /** The state. */
    public NonInviteServerState state() {
        return state;
    }

    @Override
    public void respond(SipResponse response) {
        if (state != NonInviteServerState.TRYING && state != NonInviteServerState.PROCEEDING) {
            return;
        }
        send(response);
        if (response.isProvisional()) {
            state = state.provisional();
            return;
        }
        state = state.finalResponse();
        timerJ.start(unreliable() ? layer.timers().timeout() : Duration.ZERO);
    }

    @Override
    public boolean hasFinalResponse() {
        return state == NonInviteServerState.COMPLETED || state == NonInviteServerState.TERMINATED;
    }

    @Override
    public boolean isTerminated() {
        return state == NonInviteServerState.TERMINATED;
    }

    @Override
    void receive(SipRequest request) {
        // TRYING: the retransmission is absorbed; PROCEEDING and COMPLETED: the last response again.
        if ((state == NonInviteServerState.PROCEEDING || state == NonInviteServerState.COMPLETED) && lastResponse != null) {
            layer.sender().sendResponse(lastResponse, inbound);
        }
    }

    private void timerJ() {
        state = state.terminate();
        terminated();
    }
}
