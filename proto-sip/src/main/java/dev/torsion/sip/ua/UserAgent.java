package dev.torsion.sip.ua;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.CSeq;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.SipHeaders;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transaction.ClientTransaction;
import dev.torsion.sip.transaction.ClientTransactionListener;
import dev.torsion.sip.transaction.ServerTransaction;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transaction.TransactionLayer;
import dev.torsion.sip.transaction.TransactionUser;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.Inbound;
import dev.torsion.sip.transport.SipTransport;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small user-agent core (RFC 3261 section 8) for {@code sip:user@domain}, over UDP and TCP: OPTIONS and REGISTER
 * (answering a digest challenge), INVITE with ACK, BYE and CANCEL through {@link Call}, each
 * answered by a Deferred. As a server it answers OPTIONS and in-dialog BYE, and takes incoming
 * INVITEs through a {@link CallAcceptor} (without one it refuses them with 486).
 */
public final class UserAgent implements TransactionUser {
    static final ClientTransactionListener IGNORE = new ClientTransactionListener() {
        @Override
        public void finalResponse(ClientTransaction t, SipResponse r) {
        }

        @Override
        public void timedOut(ClientTransaction t) {
        }
    };
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS";

    private final Reactor reactor;
    private final SipTransport transport;
    private final TransactionLayer layer;
    private final String user;
    private final String domain;
    private final String fromTag = Responses.newTag();
    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, IncomingCall> incoming = new HashMap<>();
    private final Clock clock;
    private final TimerSettings timers;
    private CallAcceptor acceptor;
    private TransportKind contactTransport = TransportKind.UDP;
    private long sequence;
    private int callCounter;

    /** A user agent for {@code sip:user@domain} naming itself {@code advertisedHost}. */
    public UserAgent(Reactor reactor, Clock clock, String user, String domain, String advertisedHost, SipLimits limits,
                     TimerSettings timers) {
        this.reactor = reactor;
        this.clock = clock;
        this.timers = timers;
        this.user = user;
        this.domain = domain;
        this.transport = new SipTransport(reactor, limits, advertisedHost);
        this.layer = new TransactionLayer(clock, transport, timers, limits);
        transport.setHandler(layer);
        layer.setUser(this);
    }

    /** Takes incoming calls through {@code newAcceptor} (null: refuse them with 486). */
    public void setCallAcceptor(CallAcceptor newAcceptor) {
        this.acceptor = newAcceptor;
    }

    /** The incoming call with {@code callId}, or null. */
    public IncomingCall incomingCall(String callId) {
        return incoming.get(callId);
    }

    /** Binds the UDP socket the agent sends from and listens on. */
    public ListeningPort listenUdp(int port, String interfaceAddress) {
        ListeningPort listening = reactor.listenUDP(port, transport.datagramProtocol(), interfaceAddress, 65535);
        transport.setPort(TransportKind.UDP, ((IPAddress) listening.getHost()).port());
        return listening;
    }

    /**
     * Listens on TCP (RFC 3261 section 18): requests and responses may then come over TCP, and
     * requests sent to a TCP destination leave from this agent's own connections.
     */
    public ListeningPort listenTcp(int port, String interfaceAddress) {
        ListeningPort listening = reactor.listenTCP(port, transport.streamFactory(TransportKind.TCP), 50, interfaceAddress);
        transport.setPort(TransportKind.TCP, ((IPAddress) listening.getHost()).port());
        return listening;
    }

    /**
     * The transport this agent's Contact names (UDP until changed): with TCP, its Contact carries
     * {@code transport=tcp} and the TCP port, so that requests inside its dialogs and calls to its
     * registered address come over TCP (section 19.1.4).
     */
    public void setContactTransport(TransportKind kind) {
        this.contactTransport = kind;
    }

    /** The transport layer. */
    public SipTransport transport() {
        return transport;
    }

    TransactionLayer layer() {
        return layer;
    }

    /** This agent's address of record. */
    public String uri() {
        return "sip:" + user + "@" + domain;
    }

    /** Where this agent is reached: its Contact URI. */
    public String contact() {
        String uri = "sip:" + user + "@" + transport.advertisedHost() + ":" + transport.port(contactTransport);
        return contactTransport == TransportKind.UDP ? uri : uri + ";transport=" + contactTransport.name().toLowerCase(Locale.ROOT);
    }

    String newVia() {
        return "SIP/2.0/UDP " + transport.advertisedHost() + ";branch=" + Responses.newBranch();
    }

    /** OPTIONS to {@code target} (section 11): the Deferred has the final response. */
    public Deferred<SipResponse> options(String target, Destination to) {
        return send(outOfDialog(SipRequest.OPTIONS, target, target, "opt-" + Responses.newTag()), to, null);
    }

    /**
     * REGISTER of this agent's contact for {@code expires} seconds (section 10.2) at the registrar
     * of its domain; {@code password} (null: none) answers a digest challenge.
     */
    public Deferred<SipResponse> register(Destination registrar, long expires, String password) {
        SipRequest request = outOfDialog(SipRequest.REGISTER, "sip:" + domain, uri(), "reg-" + fromTag);
        request.headers().add(HeaderNames.CONTACT, "<" + contact() + ">");
        request.headers().add(HeaderNames.EXPIRES, Long.toString(expires));
        return send(request, registrar, password);
    }

    /** Places a call to {@code target} through {@code firstHop} (a proxy or the callee), with an SDP offer. */
    public Call invite(String target, Destination firstHop, byte[] sdp) {
        return invite(target, firstHop, sdp, null);
    }

    /** As {@link #invite(String, Destination, byte[])}, answering a 401 or 407 once with {@code password}. */
    public Call invite(String target, Destination firstHop, byte[] sdp, String password) {
        SipRequest request = outOfDialog(SipRequest.INVITE, target, target, "call-" + (++callCounter) + "-" + fromTag);
        request.headers().add(HeaderNames.CONTACT, "<" + contact() + ">");
        if (sdp.length > 0) {
            request.headers().add(HeaderNames.CONTENT_TYPE, "application/sdp");
            request.setBody(sdp);
        }
        Call call = new Call(this, request, firstHop, password);
        calls.put(request.callId(), call);
        layer.sendRequest(request, firstHop, call);
        return call;
    }

    void forget(Call call) {
        calls.remove(call.callId(), call);
    }

    void forget(IncomingCall call) {
        incoming.remove(call.invite().callId(), call);
    }

    /** Section 8.1.1: a request outside any dialog. */
    private SipRequest outOfDialog(String method, String requestUri, String toUri, String callId) {
        SipHeaders h = new SipHeaders();
        h.add(HeaderNames.VIA, newVia());
        h.add(HeaderNames.MAX_FORWARDS, "70");
        h.add(HeaderNames.FROM, "<" + uri() + ">;tag=" + fromTag);
        h.add(HeaderNames.TO, "<" + toUri + ">");
        h.add(HeaderNames.CALL_ID, callId + "@" + transport.advertisedHost());
        h.add(HeaderNames.CSEQ, new CSeq(++sequence, method).toString());
        return new SipRequest(method, requestUri, h, new byte[0]);
    }

    /** Sends a non-INVITE request; a 401 or 407 is answered once with the password (section 22.2). */
    Deferred<SipResponse> send(SipRequest request, Destination to, String password) {
        Deferred<SipResponse> result = new Deferred<>();
        layer.sendRequest(request, to, new ClientTransactionListener() {
            @Override
            public void finalResponse(ClientTransaction t, SipResponse response) {
                if ((response.status() == 401 || response.status() == 407) && password != null) {
                    SipRequest retry = authenticated(request, response, password);
                    if (retry != null) {
                        send(retry, to, null).chainDeferred(result);
                        return;
                    }
                }
                if (response.isSuccess()) {
                    result.callback(response);
                } else {
                    result.errback(new SipFailure(response.status(), response.reason(), response));
                }
            }

            @Override
            public void timedOut(ClientTransaction t) {
                result.errback(new SipFailure(408, "Request Timeout", null));
            }
        });
        return result;
    }

    /** The request again with a new branch, the next CSeq and the digest answer (section 22.2). */
    SipRequest authenticated(SipRequest request, SipResponse challenge, String password) {
        boolean proxy = challenge.status() == 407;
        String answer = DigestClient.answer(challenge.headers().all(proxy ? HeaderNames.PROXY_AUTHENTICATE
                : HeaderNames.WWW_AUTHENTICATE), request.method(), request.uri(), user, password);
        if (answer == null) {
            return null;
        }
        SipRequest retry = request.copy();
        retry.headers().set(HeaderNames.VIA, newVia());
        retry.headers().set(HeaderNames.CSEQ, new CSeq(++sequence, request.method()).toString());
        retry.headers().set(proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION, answer);
        return retry;
    }

    @Override
    public void requestReceived(ServerTransaction tx) {
        SipRequest request = tx.request();
        switch (request.method()) {
            case SipRequest.OPTIONS -> {
                SipResponse ok = tx.response(200, "OK");
                ok.headers().add(HeaderNames.ALLOW, ALLOW);
                tx.respond(ok);
            }
            case SipRequest.BYE -> bye(tx, request);
            case SipRequest.INVITE -> invite(tx, request);
            case SipRequest.CANCEL -> cancel(tx, request);
            default -> {
                SipResponse refused = tx.response(405, "Method Not Allowed");
                refused.headers().add(HeaderNames.ALLOW, ALLOW);
                tx.respond(refused);
            }
        }
    }

    private void bye(ServerTransaction tx, SipRequest request) {
        Call call = calls.get(request.callId());
        IncomingCall taken = incoming.get(request.callId());
        if (call == null && taken == null) {
            tx.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        tx.respond(200, "OK");
        if (call != null) {
            call.remoteBye();
        } else {
            taken.end();
        }
    }

    /** Section 13.3: an incoming INVITE goes to the acceptor, or is refused with 486. */
    private void invite(ServerTransaction tx, SipRequest request) {
        if (acceptor == null) {
            tx.respond(486, "Busy Here");
            return;
        }
        IncomingCall call = new IncomingCall(this, tx, clock, timers);
        incoming.put(request.callId(), call);
        acceptor.answer(request).addCallbacks(sdp -> {
            call.accept(sdp);
            return null;
        }, failure -> {
            SipFailure refusal = failure.value() instanceof SipFailure f ? f : new SipFailure(500, "Server Internal Error", null);
            call.refuse(refusal.status(), refusal.reason());
            return null;
        });
    }

    /** Section 9.2: a CANCEL of an INVITE not yet answered ends it with 487. */
    private void cancel(ServerTransaction tx, SipRequest request) {
        ServerTransaction invite = layer.inviteFor(request);
        IncomingCall call = incoming.get(request.callId());
        if (invite == null || call == null) {
            tx.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        tx.respond(200, "OK");
        call.cancelled();
    }

    @Override
    public void ackReceived(Inbound ack) {
        IncomingCall call = incoming.get(ack.message().callId());
        if (call != null) {
            call.acked(); // section 13.3.1.4: the ACK stops the 2xx retransmissions
        }
    }

    @Override
    public void strayResponse(Inbound inbound) {
        SipResponse response = (SipResponse) inbound.message();
        try {
            Call call = calls.get(response.callId());
            if (call != null && response.isSuccess() && response.cseq().method().equals(SipRequest.INVITE)) {
                call.sendAck(); // section 13.2.2.4: every retransmitted 2xx is ACKed again
            }
        } catch (SipParseException e) {
            // the parser checked CSeq; nothing to do
        }
    }

    /** The text of a minimal SDP offer for audio at {@code host}:{@code port} (RFC 4566), for tests and examples. */
    public static byte[] audioOffer(String host, int port) {
        return ("v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
