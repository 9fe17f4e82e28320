package dev.torsion.sip.transaction;

import dev.torsion.sip.parse.Requests;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Destination;
import java.time.Duration;

/** The INVITE client transaction (RFC 3261 section 17.1.1): timers A, B and D. */
public final class InviteClientTransaction extends ClientTransaction {
    private InviteClientState state = InviteClientState.CALLING;
    private final TransactionTimer timerA;
    private final TransactionTimer timerB;
    private final TransactionTimer timerD;
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, String key, SipRequest request, Destination destination,
                            ClientTransactionListener listener) {
        super(layer, key, request, destination, listener);
        timerA = new TransactionTimer(layer.clock(), this::timerA);
        timerB = new TransactionTimer(layer.clock(), this::timerB);
        timerD = new TransactionTimer(layer.clock(), this::timerD);
    }

    /** The state. */
    public InviteClientState state() {
        return state;
    }

    @Override
    public boolean isTerminated() {
        return state == InviteClientState.TERMINATED;
    }

    @Override
    void start() {
        transmit();
        if (unreliable()) {
            timerA.start(layer.timers().t1());
        }
        timerB.start(layer.timers().timeout());
    }

    /** Timer A: retransmit, doubling the interval without a cap (section 17.1.1.2). */
    private void timerA() {
        if (state == InviteClientState.CALLING) {
            transmit();
            timerA.start(timerA.interval().multipliedBy(2));
        }
    }

    /** Timer B: no response at all, a timeout for the TU. */
    private void timerB() {
        if (state == InviteClientState.CALLING) {
            end();
            listener.timedOut(this);
        }
    }

    /** Timer D: the wait for retransmitted final responses is over. */
    private void timerD() {
        end();
    }

    @Override
    void receive(SipResponse response) {
        if (response.isProvisional()) {
            if (state == InviteClientState.CALLING || state == InviteClientState.PROCEEDING) {
                state = state.provisional();
                timerA.cancel();
                timerB.cancel();
                listener.provisional(this, response);
            }
        } else if (response.isSuccess()) {
            if (state == InviteClientState.CALLING || state == InviteClientState.PROCEEDING) {
                end();
                listener.finalResponse(this, response);
            }
        } else if (state == InviteClientState.COMPLETED) {
            layer.sender().sendRequest(ack, destination); // a retransmitted final: ACK again
        } else if (state == InviteClientState.CALLING || state == InviteClientState.PROCEEDING) {
            state = state.failure();
            timerA.cancel();
            timerB.cancel();
            ack = Requests.ackOf(request, response);
            layer.sender().sendRequest(ack, destination);
            timerD.start(unreliable() ? layer.timers().timerD() : Duration.ZERO);
            listener.finalResponse(this, response);
        }
    }

    @Override
    void transportError() {
        if (state == InviteClientState.CALLING || state == InviteClientState.PROCEEDING) {
            end();
            listener.transportError(this);
        }
    }

    private void end() {
        state = state.terminate();
        timerA.cancel();
        timerB.cancel();
        timerD.cancel();
        terminated();
    }
}
