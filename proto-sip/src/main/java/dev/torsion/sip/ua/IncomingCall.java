package dev.torsion.sip.ua;

import dev.torsion.defer.Deferred;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transaction.ServerTransaction;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;

/**
 * A call {@link UserAgent} takes (RFC 3261 section 13.3): the answer from the {@link CallAcceptor},
 * the 2xx retransmitted by the core (doubling from T1 up to T2) until the ACK comes, and given up
 * after 64*T1 (section 13.3.1.4); CANCEL before the answer earns the INVITE a 487 (section 9.2).
 */
public final class IncomingCall {
    private final UserAgent agent;
    private final ServerTransaction transaction;
    private final Clock clock;
    private final TimerSettings timers;
    private final Deferred<Void> ended = new Deferred<>();
    private final Deferred<Void> confirmed = new Deferred<>();
    private CallState state = CallState.CALLING;
    private SipResponse answer;
    private DelayedCall retransmit;
    private DelayedCall giveUp;
    private Duration interval;

    IncomingCall(UserAgent agent, ServerTransaction transaction, Clock clock, TimerSettings timers) {
        this.agent = agent;
        this.transaction = transaction;
        this.clock = clock;
        this.timers = timers;
    }

    /** The state: CALLING until answered, CONFIRMED once ACKed, TERMINATED after BYE or CANCEL. */
    public CallState state() {
        return state;
    }

    /** The INVITE. */
    public SipRequest invite() {
        return transaction.request();
    }

    /** Fires when the ACK of the 2xx arrives. */
    public Deferred<Void> confirmed() {
        return confirmed;
    }

    /** Fires when the call ends. */
    public Deferred<Void> ended() {
        return ended;
    }

    /** Sends the 200 with {@code sdp} (section 13.3.1.4), Record-Route copied (section 12.1.1). */
    void accept(byte[] sdp) {
        if (state != CallState.CALLING || transaction.hasFinalResponse()) {
            return;
        }
        answer = transaction.response(200, "OK");
        for (String route : invite().headers().all(HeaderNames.RECORD_ROUTE)) {
            answer.headers().add(HeaderNames.RECORD_ROUTE, route);
        }
        answer.headers().add(HeaderNames.CONTACT, "<" + agent.contact() + ">");
        if (sdp.length > 0) {
            answer.headers().add(HeaderNames.CONTENT_TYPE, "application/sdp");
            answer.setBody(sdp);
        }
        state = state.early();
        transaction.respond(answer);
        if (!transaction.inbound().kind().reliable()) {
            interval = timers.t1();
            retransmit = clock.callLater(interval, this::retransmit);
        }
        giveUp = clock.callLater(timers.timeout(), this::noAck);
    }

    /** Refuses with {@code status}. */
    void refuse(int status, String reason) {
        if (!transaction.hasFinalResponse()) {
            transaction.respond(status, reason);
        }
        end();
    }

    private void retransmit() {
        if (state == CallState.EARLY) {
            agent.transport().sendResponse(answer, transaction.inbound());
            interval = timers.doubledCapped(interval);
            retransmit = clock.callLater(interval, this::retransmit);
        }
    }

    /** Section 13.3.1.4: no ACK after 64*T1: the dialog is over (a BYE would follow; the peer is gone). */
    private void noAck() {
        if (state == CallState.EARLY) {
            end();
        }
    }

    /** The ACK of the 2xx. */
    void acked() {
        if (state == CallState.EARLY) {
            state = state.confirmed();
            stopTimers();
            confirmed.callback(null);
        }
    }

    /** Section 9.2: CANCEL before the answer. */
    void cancelled() {
        if (!transaction.hasFinalResponse()) {
            transaction.respond(487, "Request Terminated");
            end();
        }
    }

    void end() {
        if (state != CallState.TERMINATED) {
            state = state.terminated();
            stopTimers();
            agent.forget(this);
            ended.callback(null);
        }
    }

    private void stopTimers() {
        if (retransmit != null && retransmit.active()) {
            retransmit.cancel();
        }
        if (giveUp != null && giveUp.active()) {
            giveUp.cancel();
        }
    }
}
