package dev.torsion.sip.transaction;

import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.CSeq;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.Via;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.Inbound;
import dev.torsion.sip.transport.MessageHandler;
import dev.torsion.sip.transport.MessageSender;
import dev.torsion.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer (RFC 3261 section 17): matches what the transport received to client and
 * server transactions by branch (sections 17.1.3 and 17.2.3), creates server transactions for new
 * requests, and hands the rest to the {@link TransactionUser}. Single-threaded: the reactor's.
 */
public final class TransactionLayer implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);

    private final Clock clock;
    private final MessageSender sender;
    private final TimerSettings timers;
    private final SipLimits limits;
    private TransactionUser user;
    private final Map<String, ServerTransaction> servers = new HashMap<>();
    private final Map<String, ClientTransaction> clients = new HashMap<>();

    /** A layer sending through {@code sender}, timing on {@code clock}. */
    public TransactionLayer(Clock clock, MessageSender sender, TimerSettings timers, SipLimits limits) {
        this.clock = clock;
        this.sender = sender;
        this.timers = timers;
        this.limits = limits;
    }

    /** Sets the transaction user. */
    public void setUser(TransactionUser newUser) {
        this.user = newUser;
    }

    /** The clock the timers run on. */
    public Clock clock() {
        return clock;
    }

    MessageSender sender() {
        return sender;
    }

    TimerSettings timers() {
        return timers;
    }

    TransactionUser user() {
        return user;
    }

    /** Live server transactions. */
    public int serverCount() {
        return servers.size();
    }

    /** Live client transactions. */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Starts a client transaction for {@code request}, whose top Via must carry a fresh branch
     * with the magic cookie (section 8.1.1.7); ACK is not sent this way (section 17.1.1.3).
     */
    public ClientTransaction sendRequest(SipRequest request, Destination destination, ClientTransactionListener listener) {
        if (request.is(SipRequest.ACK)) {
            throw new IllegalArgumentException("an ACK has no client transaction: send it through the transport");
        }
        String key;
        try {
            key = clientKey(request.topVia().branch(), request.method());
        } catch (SipParseException e) {
            throw new IllegalArgumentException("a request to send needs a top Via with a branch", e);
        }
        ClientTransaction transaction = request.is(SipRequest.INVITE)
                ? new InviteClientTransaction(this, key, request, destination, listener)
                : new NonInviteClientTransaction(this, key, request, destination, listener);
        clients.put(key, transaction);
        transaction.start();
        return transaction;
    }

    /**
     * Section 17.1.4: a connection to {@code destination} failed, so every live client transaction
     * whose request went that way ends with a transport error.
     */
    @Override
    public void transportFailed(Destination destination) {
        for (ClientTransaction transaction : new ArrayList<>(clients.values())) {
            if (transaction.sentTo(destination.kind(), destination.host(), destination.port())) {
                transaction.transportError();
            }
        }
    }

    /** Section 17.1.3: a response matches by the branch of its top Via and its CSeq method. */
    private static String clientKey(String branch, String method) {
        return branch + "|" + method;
    }

    @Override
    public void messageReceived(Inbound inbound) {
        if (inbound.message() instanceof SipResponse response) {
            responseReceived(response, inbound);
        } else {
            requestReceived((SipRequest) inbound.message(), inbound);
        }
    }

    private void responseReceived(SipResponse response, Inbound inbound) {
        try {
            ClientTransaction transaction = clients.get(clientKey(response.topVia().branch(), response.cseq().method()));
            if (transaction != null) {
                transaction.receive(response);
                return;
            }
        } catch (SipParseException e) {
            return; // the parser has checked both; unreachable
        }
        user.strayResponse(inbound);
    }

    private void requestReceived(SipRequest request, Inbound inbound) {
        String key;
        try {
            key = serverKey(request);
        } catch (SipParseException e) {
            return;
        }
        ServerTransaction existing = servers.get(key);
        if (existing instanceof InviteServerTransaction invite && invite.state() == InviteServerState.ACCEPTED
                && request.is(SipRequest.ACK)) {
            user.ackReceived(inbound); // RFC 6026 section 8.7: the ACK of the 2xx belongs to the TU
            return;
        }
        if (existing != null) {
            existing.receive(request);
            return;
        }
        if (request.is(SipRequest.ACK)) {
            user.ackReceived(inbound); // the ACK of a 2xx (section 17.2.3)
            return;
        }
        if (servers.size() + clients.size() >= limits.maxTransactions()) {
            LOG.warn("transaction limit {} reached: 503 to {}", limits.maxTransactions(), request);
            SipResponse busy = Responses.create(request, 503, "Service Unavailable");
            busy.headers().add("Retry-After", "5");
            sender.sendResponse(busy, inbound);
            return;
        }
        ServerTransaction transaction;
        if (request.is(SipRequest.INVITE)) {
            InviteServerTransaction invite = new InviteServerTransaction(this, key, inbound);
            servers.put(key, invite);
            invite.start();
            transaction = invite;
        } else {
            transaction = new NonInviteServerTransaction(this, key, inbound);
            servers.put(key, transaction);
        }
        user.requestReceived(transaction);
    }

    /**
     * Section 17.2.3: with the magic cookie, the branch, the sent-by and the method (an ACK matches
     * its INVITE); without it (RFC 2543 peers), the Call-ID, CSeq number, From tag, top Via and
     * Request-URI.
     */
    static String serverKey(SipRequest request) throws SipParseException {
        Via top = request.topVia();
        String method = request.is(SipRequest.ACK) ? SipRequest.INVITE : request.method();
        if (top.hasMagicCookie()) {
            return top.branch() + "|" + top.sentBy().toString().toLowerCase(Locale.ROOT) + "|" + method;
        }
        CSeq cseq = request.cseq();
        return "2543|" + request.callId() + "|" + cseq.sequence() + "|" + request.from().tag() + "|"
                + request.headers().first(HeaderNames.VIA) + "|" + request.uri() + "|" + method;
    }

    /** The INVITE server transaction a CANCEL targets (section 9.2), or null. */
    public ServerTransaction inviteFor(SipRequest cancel) {
        try {
            Via top = cancel.topVia();
            if (!top.hasMagicCookie()) {
                return null;
            }
            return servers.get(top.branch() + "|" + top.sentBy().toString().toLowerCase(Locale.ROOT) + "|" + SipRequest.INVITE);
        } catch (SipParseException e) {
            return null;
        }
    }

    void removeServer(ServerTransaction transaction) {
        servers.remove(transaction.key, transaction);
    }

    void removeClient(ClientTransaction transaction) {
        clients.remove(transaction.key, transaction);
    }
}
