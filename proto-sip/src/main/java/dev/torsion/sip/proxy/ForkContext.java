package dev.torsion.sip.proxy;

import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.Requests;
import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transaction.ClientTransaction;
import dev.torsion.sip.transaction.ClientTransactionListener;
import dev.torsion.sip.transaction.ServerTransaction;
import dev.torsion.sip.transaction.TransactionLayer;
import dev.torsion.sip.transport.Destination;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The response context of a stateful proxy (RFC 3261 section 16.7) for one server transaction:
 * its branches, sent in parallel (section 16.6), the best final response so far, and the
 * cancellation of the other branches once a 2xx or a 6xx is forwarded (step 10) or the client
 * cancels (section 16.10).
 */
final class ForkContext {
    /** Section 16.6 step 11: more than three minutes without a provisional ends an INVITE branch. */
    static final Duration TIMER_C = Duration.ofSeconds(181);
    private final ServerTransaction server;
    private final TransactionLayer layer;
    private final Runnable onDone;
    private final List<Branch> branches = new ArrayList<>();
    private ForkState state = ForkState.FORKING;
    private SipResponse best;

    ForkContext(ServerTransaction server, TransactionLayer layer, Runnable onDone) {
        this.server = server;
        this.layer = layer;
        this.onDone = onDone;
    }

    ForkState state() {
        return state;
    }

    /**
     * Sends {@code request} (one target's copy, with our Via on top) to the first of
     * {@code destinations}, the others kept for failover (RFC 3263 section 4.3).
     */
    void fork(SipRequest request, List<Destination> destinations) {
        Branch branch = new Branch(request, destinations);
        branches.add(branch);
        layer.sendRequest(request, branch.destination, branch);
        if (request.is(SipRequest.INVITE)) {
            branch.timerC = layer.clock().callLater(TIMER_C, branch::timerC);
        }
    }

    /** Section 16.10: the client cancelled; every pending branch is cancelled. */
    void cancel() {
        state = state.cancel();
        cancelBranches();
    }

    private void cancelBranches() {
        for (Branch branch : branches) {
            branch.cancel();
        }
    }

    private void forward(SipResponse response) {
        SipResponse upstream = response.copy();
        // Section 16.7 step 3: our own Via comes off, and what is left must be the Via values of
        // the request we received; they are restored from it, so that a downstream that answers
        // with another request's Via (a 487 built on the CANCEL) cannot misroute the answer.
        upstream.headers().removeAll(HeaderNames.VIA);
        List<String> vias = server.request().headers().all(HeaderNames.VIA);
        for (int i = vias.size() - 1; i >= 0; i--) {
            upstream.headers().addFirst(HeaderNames.VIA, vias.get(i));
        }
        if (upstream.status() == 503) {
            // Section 16.7 step 6: a 503 from downstream goes up as a 500.
            upstream = new SipResponse(500, "Server Internal Error", upstream.headers(), upstream.body());
        }
        server.respond(upstream);
    }

    private void provisional(SipResponse response) {
        // Section 16.7 step 5: every provisional but 100 is forwarded.
        if (response.status() > 100 && state != ForkState.ANSWERED) {
            forward(response);
        }
    }

    private void finalResponse(SipResponse response) {
        boolean invite = server.request().is(SipRequest.INVITE);
        if (response.isSuccess() && invite) {
            // Section 16.7 step 5 and 10: every 2xx of an INVITE goes up at once; the rest are cancelled.
            forward(response);
            state = state.answered();
            cancelBranches();
        } else if (state != ForkState.ANSWERED && (response.isSuccess() || response.status() >= 600)) {
            forward(response);
            state = state.answered();
            cancelBranches();
        } else if (better(response, best)) {
            best = response;
        }
        finishIfAllDone();
    }

    /** Section 16.7 step 6: 6xx over everything, then the lowest class. */
    private static boolean better(SipResponse candidate, SipResponse current) {
        if (current == null) {
            return true;
        }
        if (current.status() >= 600) {
            return false;
        }
        return candidate.status() >= 600 || candidate.status() / 100 < current.status() / 100;
    }

    private void finishIfAllDone() {
        for (Branch branch : branches) {
            if (branch.state != BranchState.COMPLETED) {
                return;
            }
        }
        if (state != ForkState.ANSWERED) {
            state = state.answered();
            if (best != null) {
                forward(best);
            } else {
                server.respond(408, "Request Timeout"); // every branch timed out (section 16.7 step 6)
            }
        }
        onDone.run();
    }

    /**
     * One branch: its own client transaction (section 16.6 step 10), and a new one to the next
     * destination after a timeout, a transport error or a 503 (RFC 3263 section 4.3).
     */
    private final class Branch implements ClientTransactionListener {
        private final List<Destination> destinations;
        private int attempt;
        private SipRequest request;
        private Destination destination;
        private DelayedCall timerC;
        private BranchState state = BranchState.TRYING;
        private boolean cancelWanted;
        private boolean cancelSent;

        Branch(SipRequest request, List<Destination> destinations) {
            this.request = request;
            this.destinations = List.copyOf(destinations);
            this.destination = destinations.get(0);
        }

        /**
         * RFC 3263 section 4.3: the same request as a new transaction (a new branch, so a new Via
         * branch parameter) to the next destination, while one is left, nothing has come back on
         * this branch and the fork still waits for answers; false when there is none to try.
         */
        boolean failOver() {
            if (attempt + 1 >= destinations.size() || state != BranchState.TRYING || cancelWanted
                    || ForkContext.this.state != ForkState.FORKING) {
                return false;
            }
            attempt++;
            destination = destinations.get(attempt);
            request = Requests.withNewBranch(request, "-" + attempt);
            layer.sendRequest(request, destination, this);
            return true;
        }

        /** Section 16.10: CANCEL a pending INVITE branch, once it has sent a provisional (section 9.1). */
        void cancel() {
            if (!request.is(SipRequest.INVITE) || state == BranchState.COMPLETED || cancelSent) {
                return;
            }
            if (state == BranchState.TRYING) {
                cancelWanted = true;
                return;
            }
            cancelSent = true;
            layer.sendRequest(Requests.cancelOf(request), destination, IGNORE);
        }

        /**
         * Section 16.8: timer C fired; a branch that has rung is cancelled, one that has not is a 408.
         * A provisional restarts the timer (section 16.7 step 2).
         */
        void timerC() {
            if (state == BranchState.PROCEEDING) {
                cancel();
            } else if (state == BranchState.TRYING) {
                timedOut(null);
            }
        }

        private void stopTimerC() {
            if (timerC != null && timerC.active()) {
                timerC.cancel();
            }
        }

        @Override
        public void provisional(ClientTransaction t, SipResponse response) {
            if (timerC != null && timerC.active()) {
                timerC.reset(TIMER_C);
            }
            state = state.provisional();
            if (cancelWanted) {
                cancel();
            }
            ForkContext.this.provisional(response);
        }

        @Override
        public void finalResponse(ClientTransaction t, SipResponse response) {
            if (response.status() == 503 && failOver()) {
                return;
            }
            stopTimerC();
            state = state.complete();
            ForkContext.this.finalResponse(response);
        }

        @Override
        public void timedOut(ClientTransaction t) {
            // Section 16.7 step 2 (timer B or F, or C before a provisional): the branch counts as a 408.
            if (state == BranchState.COMPLETED || t != null && failOver()) {
                return;
            }
            stopTimerC();
            state = state.complete();
            SipResponse timeout = Responses.create(request, 408, "Request Timeout");
            if (better(timeout, best)) {
                best = timeout;
            }
            finishIfAllDone();
        }
    }

    /** The CANCEL's own responses need nothing: the INVITE's 487 ends the branch. */
    private static final ClientTransactionListener IGNORE = new ClientTransactionListener() {
        @Override
        public void finalResponse(ClientTransaction t, SipResponse r) {
        }

        @Override
        public void timedOut(ClientTransaction t) {
        }
    };
}
