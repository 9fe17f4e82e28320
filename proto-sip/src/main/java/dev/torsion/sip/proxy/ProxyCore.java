package dev.torsion.sip.proxy;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.auth.AuthOutcome;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.locate.ServerLocator;
import dev.torsion.sip.locate.SrvOrdering;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipUri;
import dev.torsion.sip.parse.Via;
import dev.torsion.sip.registrar.Binding;
import dev.torsion.sip.registrar.Registrar;
import dev.torsion.sip.transaction.ServerTransaction;
import dev.torsion.sip.transaction.TransactionLayer;
import dev.torsion.sip.transaction.TransactionUser;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.Inbound;
import dev.torsion.sip.transport.SipTransport;
import dev.torsion.sip.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful proxy with its registrar (RFC 3261 section 16 and 10.3): validates each request
 * (section 16.3: Max-Forwards, loop detection, Proxy-Require), consumes its own Route (16.4),
 * answers REGISTER through the {@link Registrar} (after digest authentication when an
 * authenticator is set, which then also guards INVITEs from its domain with 407) and OPTIONS
 * addressed to itself, finds targets in the location service
 * for its domain (16.5), locates each next hop by DNS (RFC 3263, through its {@link ServerLocator}),
 * forks to all of them in parallel with Record-Route (16.6), forwards the
 * best response (16.7), cancels branches (16.10), and forwards the ACK of a 2xx and stray 2xx
 * retransmissions statelessly (16.11).
 */
public final class ProxyCore implements TransactionUser {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCore.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER";

    private final TransactionLayer layer;
    private final SipTransport transport;
    private final Registrar registrar;
    private DigestAuthenticator authenticator;
    private final boolean recordRoute;
    private final Map<ServerTransaction, ForkContext> forks = new IdentityHashMap<>();
    private final AtomicLong branchCounter = new AtomicLong();
    /** Section 16.3 step 4's hash, one digest reused: the proxy runs on one reactor thread. */
    private final MessageDigest loopDigest;
    private ServerLocator locator;

    /**
     * A proxy over {@code layer} and {@code transport}, registering through {@code registrar};
     * {@code authenticator} (null: none) guards REGISTER; {@code recordRoute} keeps the proxy on
     * the path of dialogs it sets up.
     */
    public ProxyCore(TransactionLayer layer, SipTransport transport, Registrar registrar,
                     DigestAuthenticator authenticator, boolean recordRoute) {
        this.layer = layer;
        this.transport = transport;
        this.registrar = registrar;
        this.authenticator = authenticator;
        this.recordRoute = recordRoute;
        try {
            this.loopDigest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        this.locator = new ServerLocator(null, SrvOrdering.random(), false, transport.limits().maxLocatedTargets());
    }

    /**
     * Locates next hops with {@code newLocator} (RFC 3263). Until it is set only IP literals and
     * {@code localhost} are reached; a host name earns 404.
     */
    public void setLocator(ServerLocator newLocator) {
        this.locator = newLocator;
    }

    /** Sets (or with null removes) the authenticator that guards REGISTER. */
    public void setAuthenticator(DigestAuthenticator newAuthenticator) {
        this.authenticator = newAuthenticator;
    }

    /** Live response contexts (forked requests without their final answer). */
    public int pendingForks() {
        return forks.size();
    }

    @Override
    public void requestReceived(ServerTransaction tx) {
        SipRequest request = tx.request();
        try {
            if (!validate(tx, request)) {
                return;
            }
            consumeOwnRoute(request);
            if (request.is(SipRequest.CANCEL)) {
                cancel(tx, request);
            } else if (request.is(SipRequest.REGISTER) && isLocal(request) && !request.headers().has(HeaderNames.ROUTE)) {
                register(tx, request);
            } else if (request.is(SipRequest.OPTIONS) && isLocal(request) && SipUri.parse(request.uri()).user() == null) {
                options(tx);
            } else {
                routeAuthenticated(tx, request);
            }
        } catch (SipParseException e) {
            tx.respond(e.status(), e.reason());
        }
    }

    /** Section 16.3 steps 3 to 5. */
    private boolean validate(ServerTransaction tx, SipRequest request) throws SipParseException {
        String maxForwards = request.headers().first(HeaderNames.MAX_FORWARDS);
        if (maxForwards != null && Integer.parseInt(maxForwards) == 0 && !addressedToUs(request)) {
            tx.respond(483, "Too Many Hops");
            return false;
        }
        String hash = loopHash(request);
        for (Via via : request.vias()) {
            if (isOurs(via) && via.branch() != null && via.branch().startsWith(Via.MAGIC_COOKIE + hash + ".")) {
                tx.respond(482, "Loop Detected");
                return false;
            }
        }
        List<String> proxyRequire = request.headers().all(HeaderNames.PROXY_REQUIRE);
        if (!proxyRequire.isEmpty()) {
            SipResponse bad = tx.response(420, "Bad Extension");
            proxyRequire.forEach(option -> bad.headers().add(HeaderNames.UNSUPPORTED, option));
            tx.respond(bad);
            return false;
        }
        return true;
    }

    /**
     * Section 16.3 step 3: with Max-Forwards 0 only what this server answers itself goes on: a
     * REGISTER for its domain and an OPTIONS to the server (no user part); an OPTIONS for a user
     * would have to be forwarded, so it earns the 483 (which is what a SIP traceroute looks for).
     */
    private boolean addressedToUs(SipRequest request) {
        try {
            if (!isLocal(request)) {
                return false;
            }
            return request.is(SipRequest.REGISTER)
                    || request.is(SipRequest.OPTIONS) && SipUri.parse(request.uri()).user() == null;
        } catch (SipParseException e) {
            return false;
        }
    }

    /**
     * Section 16.6 step 8 (and 16.3 step 4): a hash of what identifies the request as it came in, so
     * that the same request coming back unchanged (a loop, not a spiral) is recognised by our Via.
     */
    private String loopHash(SipRequest request) throws SipParseException {
        String basis = request.uri() + "|" + request.callId() + "|" + request.from().tag() + "|" + request.to().tag()
                + "|" + request.cseq().sequence() + "|" + String.join(",", request.headers().all(HeaderNames.PROXY_REQUIRE));
        byte[] digest = loopDigest.digest(basis.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private boolean isOurs(Via via) {
        TransportKind kind = TransportKind.fromName(via.transport());
        int port = via.sentBy().port() < 0 ? 5060 : via.sentBy().port();
        return kind != null && via.sentBy().host().equalsIgnoreCase(transport.advertisedHost()) && port == transport.port(kind);
    }

    private boolean isUs(SipUri uri) {
        if (!uri.host().equalsIgnoreCase(transport.advertisedHost()) && !registrar.serves(uri.host())) {
            return false;
        }
        int port = uri.portOrDefault();
        return port == transport.port(TransportKind.UDP) || port == transport.port(TransportKind.TCP)
                || port == transport.port(TransportKind.TLS) || uri.port() < 0;
    }

    /** Whether the Request-URI names our domain or this server (section 16.5). */
    private boolean isLocal(SipRequest request) throws SipParseException {
        String uri = request.uri();
        if (!uri.regionMatches(true, 0, "sip", 0, 3)) {
            return false;
        }
        return isUs(SipUri.parse(uri));
    }

    /** Section 16.4: a top Route naming this proxy is removed (loose routing). */
    private void consumeOwnRoute(SipRequest request) throws SipParseException {
        List<NameAddress> routes = request.nameAddresses(HeaderNames.ROUTE, "Route");
        if (!routes.isEmpty() && isUs(routes.get(0).sipUri())) {
            request.headers().removeFirst(HeaderNames.ROUTE);
        }
    }

    private void options(ServerTransaction tx) {
        SipResponse ok = tx.response(200, "OK");
        ok.headers().add(HeaderNames.ALLOW, ALLOW);
        ok.headers().add(HeaderNames.ACCEPT, "application/sdp");
        tx.respond(ok);
    }

    /** Section 10.3 steps 1 to 3: a REGISTER for us, authenticated first when the server asks for it. */
    private void register(ServerTransaction tx, SipRequest request) {
        if (authenticator == null) {
            tx.respond(registrar.register(request, null, tx::response));
            return;
        }
        authenticated(tx, request, HeaderNames.AUTHORIZATION, 401, "Unauthorized", HeaderNames.WWW_AUTHENTICATE,
                user -> tx.respond(registrar.register(request, user, tx::response)));
    }

    /**
     * Runs {@code then} with the authenticated user, or answers the request: the challenge
     * ({@code status}, section 22.1 and 22.3), 403 for a wrong answer, 400 for a malformed one.
     */
    private void authenticated(ServerTransaction tx, SipRequest request, String header, int status, String reason,
                               String challengeHeader, Consumer<String> then) {
        authenticator.authenticate(request, header, address(tx.inbound())).addCallback(outcome -> {
            switch (outcome.verdict()) {
                case AUTHENTICATED -> then.accept(outcome.user());
                case CHALLENGE, STALE -> {
                    SipResponse challenge = tx.response(status, reason);
                    authenticator.challenges(outcome.verdict() == AuthOutcome.Verdict.STALE)
                            .forEach(value -> challenge.headers().add(challengeHeader, value));
                    tx.respond(challenge);
                }
                case FORBIDDEN -> tx.respond(403, "Forbidden");
                case MALFORMED -> tx.respond(400, outcome.reason());
                default -> throw new IllegalStateException(outcome.verdict().name());
            }
            return null;
        });
    }

    /**
     * Section 22.3: with an authenticator, a new INVITE claiming to come from our domain must prove
     * it (407); the authenticated user must be the From user (403), and our credentials are taken
     * off before forwarding.
     */
    private void routeAuthenticated(ServerTransaction tx, SipRequest request) throws SipParseException {
        SipUri from = request.from().uri().regionMatches(true, 0, "sip", 0, 3) ? request.from().sipUri() : null;
        boolean ours = from != null && registrar.serves(from.host());
        if (authenticator == null || !request.is(SipRequest.INVITE) || request.to().tag() != null || !ours) {
            route(tx, request);
            return;
        }
        authenticated(tx, request, HeaderNames.PROXY_AUTHORIZATION, 407, "Proxy Authentication Required",
                HeaderNames.PROXY_AUTHENTICATE, user -> {
                    if (!user.equals(from.userName())) {
                        tx.respond(403, "Forbidden");
                        return;
                    }
                    request.headers().removeAll(HeaderNames.PROXY_AUTHORIZATION);
                    try {
                        route(tx, request);
                    } catch (SipParseException e) {
                        tx.respond(e.status(), e.reason());
                    }
                });
    }

    private static Address address(Inbound in) {
        SocketType type = in.kind() == TransportKind.UDP ? SocketType.UDP : SocketType.TCP;
        return in.sourceHost().indexOf(':') >= 0 ? new IPv6Address(type, in.sourceHost(), in.sourcePort())
                : new IPv4Address(type, in.sourceHost(), in.sourcePort());
    }

    /** Section 16.10: answer the CANCEL, and cancel the branches of the INVITE it names. */
    private void cancel(ServerTransaction tx, SipRequest cancel) {
        ServerTransaction invite = layer.inviteFor(cancel);
        if (invite == null) {
            tx.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        tx.respond(200, "OK");
        ForkContext fork = forks.get(invite);
        if (fork != null) {
            fork.cancel();
        } else if (!invite.hasFinalResponse()) {
            invite.respond(487, "Request Terminated");
        }
    }

    /** Section 16.5 and 16.6: find the targets and fork. */
    private void route(ServerTransaction tx, SipRequest request) throws SipParseException {
        List<SipUri> targets = new ArrayList<>();
        List<NameAddress> routes = request.nameAddresses(HeaderNames.ROUTE, "Route");
        SipUri requestUri = request.uri().regionMatches(true, 0, "sip", 0, 3) ? SipUri.parse(request.uri()) : null;
        if (requestUri == null) {
            tx.respond(416, "Unsupported URI Scheme");
            return;
        }
        if (routes.isEmpty() && isUs(requestUri)) {
            if (requestUri.user() == null) {
                tx.respond(404, "Not Found");
                return;
            }
            List<Binding> bindings = registrar.locations().lookup(registrar.addressOfRecord(requestUri),
                    layer.clock().nanoTime());
            if (bindings.isEmpty()) {
                tx.respond(480, "Temporarily Unavailable"); // section 21.4.18: no binding now
                return;
            }
            for (Binding binding : bindings) {
                targets.add(binding.contact().sipUri());
            }
        } else {
            targets.add(requestUri); // section 16.5: not ours, the Request-URI is the only target
        }
        List<SipRequest> copies = new ArrayList<>();
        List<Deferred<List<Destination>>> lookups = new ArrayList<>();
        for (SipUri target : targets) {
            SipUri nextHop = routes.isEmpty() ? target : routes.get(0).sipUri();
            copies.add(forwardCopy(request, target, routes.isEmpty()));
            lookups.add(locate(nextHop));
        }
        Deferreds.gatherResults(lookups).addCallback(found -> {
            fork(tx, copies, found);
            return null;
        });
    }

    /** RFC 3263: the destinations of a next hop; a failed lookup is logged and gives null. */
    private Deferred<List<Destination>> locate(SipUri nextHop) {
        return locator.locate(nextHop).addErrback(failure -> {
            LOG.info("locating {} failed: {}", nextHop, failure.getErrorMessage());
            return null;
        });
    }

    /**
     * Section 16.6 once the targets are located: each copy goes to its first destination. A client
     * that cancelled meanwhile has had its 487; with no destination at all the answer is 404, or
     * 503 when a DNS lookup failed (RFC 3263 section 4.3 lets the client try elsewhere).
     */
    private void fork(ServerTransaction tx, List<SipRequest> copies, List<List<Destination>> found) {
        if (tx.hasFinalResponse()) {
            return;
        }
        ForkContext fork = new ForkContext(tx, layer, () -> forks.remove(tx));
        boolean lookupFailed = false;
        for (int i = 0; i < copies.size(); i++) {
            List<Destination> destinations = found.get(i);
            lookupFailed |= destinations == null;
            if (destinations != null && !destinations.isEmpty()) {
                if (!forks.containsKey(tx)) {
                    forks.put(tx, fork);
                }
                fork.fork(copies.get(i), destinations);
            }
        }
        if (!forks.containsKey(tx)) {
            if (lookupFailed) {
                tx.respond(503, "Service Unavailable (DNS Failure)");
            } else {
                tx.respond(404, "Not Found (No Resolvable Target)");
            }
        }
    }

    /** Section 16.6 steps 1 to 8: copy, retarget, Max-Forwards, Record-Route, our Via. */
    private SipRequest forwardCopy(SipRequest request, SipUri target, boolean retarget) throws SipParseException {
        SipRequest copy = request.copy();
        if (retarget) {
            copy.setUri(target.toString());
        }
        String maxForwards = copy.headers().first(HeaderNames.MAX_FORWARDS);
        copy.headers().set(HeaderNames.MAX_FORWARDS,
                maxForwards == null ? "70" : Integer.toString(Integer.parseInt(maxForwards) - 1));
        if (recordRoute && request.is(SipRequest.INVITE)) {
            copy.headers().addFirst(HeaderNames.RECORD_ROUTE, "<sip:" + transport.advertisedHost() + ":"
                    + transport.port(TransportKind.UDP) + ";lr>");
        }
        // Unique by the counter within this process, and across restarts by the random suffix.
        String branch = Via.MAGIC_COOKIE + loopHash(request) + "." + branchCounter.incrementAndGet()
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
        copy.headers().addFirst(HeaderNames.VIA, "SIP/2.0/UDP " + transport.advertisedHost() + ";branch=" + branch);
        return copy;
    }

    @Override
    public void ackReceived(Inbound inbound) {
        // Section 16.11 for the ACK of a 2xx: forwarded statelessly, with a branch derived from the
        // incoming one so that its retransmissions carry the same.
        SipRequest ack = (SipRequest) inbound.message();
        try {
            String maxForwards = ack.headers().first(HeaderNames.MAX_FORWARDS);
            if (maxForwards != null && Integer.parseInt(maxForwards) == 0) {
                return;
            }
            consumeOwnRoute(ack);
            List<NameAddress> routes = ack.nameAddresses(HeaderNames.ROUTE, "Route");
            SipUri requestUri = SipUri.parse(ack.uri());
            SipRequest copy = ack.copy();
            if (routes.isEmpty() && isUs(requestUri)) {
                // A UAC that ignored our Record-Route sends the ACK to the address of record: it goes
                // to the preferred binding (the 2xx came from one of them); without a user it was ours.
                List<Binding> bindings = requestUri.user() == null ? List.of()
                        : registrar.locations().lookup(registrar.addressOfRecord(requestUri), layer.clock().nanoTime());
                if (bindings.isEmpty()) {
                    return;
                }
                requestUri = bindings.get(0).contact().sipUri();
                copy.setUri(requestUri.toString());
            }
            SipUri nextHop = routes.isEmpty() ? requestUri : routes.get(0).sipUri();
            copy.headers().set(HeaderNames.MAX_FORWARDS, maxForwards == null ? "70"
                    : Integer.toString(Integer.parseInt(maxForwards) - 1));
            String branch = Via.MAGIC_COOKIE + "a" + loopHash(ack) + ack.topVia().branch().hashCode();
            copy.headers().addFirst(HeaderNames.VIA, "SIP/2.0/UDP " + transport.advertisedHost() + ";branch=" + branch);
            locator.locate(nextHop).addCallbacks(destinations -> {
                if (!destinations.isEmpty()) {
                    transport.sendRequest(copy, destinations.get(0));
                }
                return null;
            }, failure -> {
                LOG.debug("ACK not forwarded: locating {} failed: {}", nextHop, failure.getErrorMessage());
                return null;
            });
        } catch (SipParseException | NumberFormatException e) {
            LOG.debug("ACK not forwarded: {}", e.getMessage());
        }
    }

    @Override
    public void strayResponse(Inbound inbound) {
        // Section 16.7 / 16.11: a retransmitted 2xx of an INVITE whose transaction ended goes on
        // statelessly by the next Via; anything else is dropped.
        SipResponse response = ((SipResponse) inbound.message()).copy();
        if (!response.isSuccess() || response.headers().count(HeaderNames.VIA) < 2) {
            return;
        }
        response.headers().removeFirst(HeaderNames.VIA);
        transport.sendResponse(response, new Inbound(response, TransportKind.UDP, "", 0, null));
    }
}
