package dev.torsion.socks.server;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectTimeoutError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.NoRouteError;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.protocols.portforward.Proxy;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.codec.AddressType;
import dev.torsion.socks.codec.DecoderState;
import dev.torsion.socks.codec.Destination;
import dev.torsion.socks.codec.Socks5Reply;
import dev.torsion.socks.codec.SocksCommand;
import dev.torsion.socks.codec.SocksMessage;
import dev.torsion.socks.codec.SocksMessage.Greeting;
import dev.torsion.socks.codec.SocksMessage.PasswordAuthentication;
import dev.torsion.socks.codec.SocksMessage.Socks4Request;
import dev.torsion.socks.codec.SocksMessage.Socks5Request;
import dev.torsion.socks.codec.SocksReplies;
import dev.torsion.socks.codec.SocksRequestDecoder;
import dev.torsion.time.Clock;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SOCKS server connection: SOCKS4, SOCKS4a and SOCKS5 on the same port, told apart by the
 * first byte. It is the client side of a core relay: once the destination answers (CONNECT) or the
 * awaited connection comes in (BIND), it replies success and {@link Proxy#link links} the two
 * sides, so bytes flow with backpressure both ways. A UDP ASSOCIATE holds a {@link UdpAssociation}
 * for as long as this connection lasts.
 */
public final class SocksServerProtocol extends Proxy {
    private static final Logger log = LoggerFactory.getLogger(SocksServerProtocol.class);

    private final Clock clock;
    private final DestinationConnector connector;
    private final SocksAccessRules rules;
    private final Portal portal;
    private final SocksLimits limits;
    private final UdpAssociationQuota quota;
    private final SocksRequestDecoder decoder;
    private final IdleTimeout handshakeTimer;
    private final IdleTimeout bindTimer;
    private SocksSessionState state = SocksSessionState.NEGOTIATING;
    private boolean socks4;
    private SocksUser user;
    private LoginResult login;
    private Deferred<Protocol> attempt;
    private ListeningPort bindPort;
    private Destination bindRequest;
    private InetAddress expectedPeer;
    private UdpAssociation association;
    private InetAddress quotaHolder;

    SocksServerProtocol(Clock clock, DestinationConnector connector, SocksAccessRules rules, Portal portal,
            SocksLimits limits, UdpAssociationQuota quota) {
        this.clock = clock;
        this.connector = connector;
        this.rules = rules;
        this.portal = portal;
        this.limits = limits;
        this.quota = quota;
        this.decoder = new SocksRequestDecoder(limits);
        this.handshakeTimer = IdleTimeout.abortingConnection(clock, this);
        this.bindTimer = new IdleTimeout(clock, this::bindTimedOut);
    }

    /** Where the session is. */
    public SocksSessionState state() {
        return state;
    }

    /** The UDP association this connection holds, or null (no UDP ASSOCIATE, or refused). */
    public UdpAssociation udpAssociation() {
        return association;
    }

    @Override
    public void connectionMade() {
        InetAddress client = InetAddresses.of(transport().getPeer());
        if (client == null || !rules.clientAllowed(client)) {
            log.warn("SOCKS client {} is not allowed: closing", transport().getPeer());
            state = SocksSessionState.CLOSED;
            transport().loseConnection();
            return;
        }
        // A deadline for the whole handshake, not an idle timer: it is not reset by traffic.
        handshakeTimer.setTimeout(limits.handshakeTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        switch (state) {
            case CONNECTING, AWAITING_INCOMING, RELAYING -> super.dataReceived(data);
            // RFC 1928 §7 gives the control connection of an association nothing to carry.
            case ASSOCIATED, CLOSED -> { }
            default -> handle(decoder.feed(data));
        }
    }

    private void handle(List<SocksMessage> messages) {
        for (SocksMessage message : messages) {
            if (state == SocksSessionState.CLOSED) {
                return;
            }
            if (message instanceof Socks4Request request) {
                socks4Request(request);
            } else if (message instanceof Greeting greeting) {
                greeting(greeting);
            } else if (message instanceof PasswordAuthentication credentials) {
                authenticate(credentials);
            } else if (message instanceof Socks5Request request) {
                socks5Request(request);
            }
        }
        if (decoder.state() == DecoderState.FAILED && state != SocksSessionState.CLOSED) {
            refuse(decoder.error().reply(), "malformed handshake: " + decoder.error());
        }
    }

    private void socks4Request(Socks4Request request) {
        socks4 = true;
        SocksCommand command = request.command();
        if (portal != null) {
            refuse(SocksReplies.socks4(false), "SOCKS4 cannot authenticate and a login is required");
        } else if (command != SocksCommand.CONNECT && command != SocksCommand.BIND || !rules.commandAllowed(command)) {
            refuse(SocksReplies.socks4(false), "SOCKS4 " + command + " is not served");
        } else if (command == SocksCommand.BIND) {
            bind(request.destination());
        } else {
            connect(request.destination());
        }
    }

    /** RFC 1928 §3: pick the one method this server takes, or X'FF' and close. */
    private void greeting(Greeting greeting) {
        int wanted = portal == null ? SocksReplies.METHOD_NO_AUTH : SocksReplies.METHOD_USERNAME_PASSWORD;
        if (!greeting.methods().contains(wanted)) {
            refuse(SocksReplies.methodSelection(SocksReplies.METHOD_NONE_ACCEPTABLE),
                    "no acceptable method among the " + greeting.methods().size() + " offered");
            return;
        }
        transport().write(SocksReplies.methodSelection(wanted));
        state = wanted == SocksReplies.METHOD_NO_AUTH ? SocksSessionState.AWAITING_REQUEST
                : SocksSessionState.AUTHENTICATING;
        handle(decoder.methodChosen(wanted));
    }

    /** RFC 1929 §2: check the credentials through the portal, with the client's address. */
    private void authenticate(PasswordAuthentication credentials) {
        UsernamePassword offered = new UsernamePassword(credentials.username(), credentials.password());
        Arrays.fill(credentials.password(), (byte) 0);
        portal.login(offered, this, transport().getPeer(), SocksUser.class).addCallbacks(result -> {
            loggedIn(result);
            return null;
        }, failure -> {
            if (state != SocksSessionState.CLOSED) {
                refuse(SocksReplies.authenticationStatus(false),
                        "login refused for user " + credentials.username() + ": " + failure.getErrorMessage());
            }
            return null;
        }).addBoth((ignored, failure) -> {
            offered.destroy();
            return null;
        });
    }

    private void loggedIn(LoginResult result) {
        if (state == SocksSessionState.CLOSED) {
            result.logout();
            return;
        }
        login = result;
        user = result.avatar(SocksUser.class);
        transport().write(SocksReplies.authenticationStatus(true));
        state = SocksSessionState.AWAITING_REQUEST;
        handle(decoder.authenticated());
    }

    /** RFC 1928 §4: CONNECT, BIND and UDP ASSOCIATE, unless switched off; anything else earns X'07'. */
    private void socks5Request(Socks5Request request) {
        SocksCommand command = request.command();
        if (!rules.commandAllowed(command)) {
            refuse(SocksReplies.socks5Failure(Socks5Reply.COMMAND_NOT_SUPPORTED), command + " is not served");
            return;
        }
        switch (command) {
            case CONNECT -> connect(request.destination());
            case BIND -> bind(request.destination());
            case UDP_ASSOCIATE -> associate(request.destination());
            case UNKNOWN -> throw new IllegalStateException("an unknown command is never allowed");
        }
    }

    /** Resolves (off the reactor thread), checks the rules on the address, then connects. */
    private void connect(Destination destination) {
        resolveThen(destination, address -> resolvedTo(destination, address));
    }

    /**
     * Pauses the client (nothing can be relayed yet: the kernel buffers meanwhile), keeps what came
     * after the request, resolves a name off the reactor thread, and goes on with the address.
     */
    private void resolveThen(Destination destination, Consumer<InetAddress> next) {
        state = SocksSessionState.CONNECTING;
        transport().pauseProducing();
        byte[] early = decoder.takeRemainder();
        if (early.length > 0) {
            super.dataReceived(early);
        }
        Deferred<InetAddress> resolved = destination.type() == AddressType.DOMAIN
                ? connector.resolve(destination.host())
                : Deferred.maybeDeferred(() -> InetAddress.getByName(destination.host()));
        resolved.addCallbacks(address -> {
            if (state == SocksSessionState.CONNECTING) {
                next.accept(address);
            }
            return null;
        }, failure -> {
            fail(Socks5Reply.HOST_UNREACHABLE, "cannot resolve " + destination + ": " + failure.getErrorMessage());
            return null;
        });
    }

    private void resolvedTo(Destination destination, InetAddress address) {
        if (!allowed(destination, address)) {
            fail(Socks5Reply.NOT_ALLOWED_BY_RULESET,
                    "CONNECT to " + destination + " (" + address.getHostAddress() + ") denied by the rules");
            return;
        }
        Deferred<Protocol> connecting = connector.endpoint(address, destination.port(), limits.connectTimeout())
                .connect(ignored -> new SocksDestinationSide(this));
        attempt = connecting;
        connecting.addCallbacks(connected -> {
            attempt = null;
            return null;
        }, failure -> {
            attempt = null;
            fail(replyFor(failure), "cannot reach " + destination + ": " + failure.getErrorMessage());
            return null;
        });
    }

    /** Whether the rules, and the user's avatar if any, let the client reach {@code address}. */
    private boolean allowed(Destination destination, InetAddress address) {
        return rules.destinationAllowed(address, destination.port())
                && (user == null || user.mayConnect(destination, address));
    }

    /** RFC 1928 §6: the reply for a failed connection. */
    private static Socks5Reply replyFor(Failure failure) {
        if (failure.check(ConnectionRefusedError.class) != null) {
            return Socks5Reply.CONNECTION_REFUSED;
        }
        if (failure.check(NoRouteError.class, ConnectTimeoutError.class, DNSLookupError.class) != null) {
            return Socks5Reply.HOST_UNREACHABLE;
        }
        return Socks5Reply.GENERAL_FAILURE;
    }

    /** The destination answered: reply success with BND.ADDR/BND.PORT, link, read again. */
    void destinationConnected(SocksDestinationSide destination) {
        if (state != SocksSessionState.CONNECTING || !isConnected()) {
            destination.transport().loseConnection();
            return;
        }
        Address local = destination.transport().getHost();
        InetAddress bound = InetAddresses.of(local);
        int boundPort = InetAddresses.portOf(local);
        transport().write(socks4 ? SocksReplies.socks4(true) : SocksReplies.socks5(Socks5Reply.SUCCEEDED, bound, boundPort));
        state = SocksSessionState.RELAYING;
        handshakeTimer.cancel();
        link(destination);
        if (!isReadClosed()) {
            transport().resumeProducing();
        }
    }

    /**
     * BIND (RFC 1928 §4 and §6, the SOCKS4 protocol text): DST.ADDR names the host the connection
     * is awaited from (an unspecified address, 0.0.0.0 or ::, lets any host the rules allow). The
     * rules are checked on it, a port is opened where this connection came in, and the first reply
     * gives it.
     */
    private void bind(Destination destination) {
        resolveThen(destination, address -> bindResolved(destination, address));
    }

    private void bindResolved(Destination destination, InetAddress address) {
        boolean anyHost = address.isAnyLocalAddress();
        if (!anyHost && !allowed(destination, address)) {
            fail(Socks5Reply.NOT_ALLOWED_BY_RULESET,
                    "BIND for " + destination + " (" + address.getHostAddress() + ") denied by the rules");
            return;
        }
        InetAddress local = InetAddresses.of(transport().getHost());
        if (local == null) {
            fail(Socks5Reply.GENERAL_FAILURE, "BIND over a connection that did not come in over IP");
            return;
        }
        try {
            bindPort = connector.listenTCP(local.getHostAddress(), new BindAcceptor(this));
        } catch (RuntimeException e) {
            fail(Socks5Reply.GENERAL_FAILURE, "BIND: cannot listen on " + local.getHostAddress() + ": " + e.getMessage());
            return;
        }
        bindRequest = destination;
        expectedPeer = anyHost ? null : address;
        int port = InetAddresses.portOf(bindPort.getHost());
        transport().write(socks4 ? SocksReplies.socks4(true, local, port)
                : SocksReplies.socks5(Socks5Reply.SUCCEEDED, local, port));
        state = SocksSessionState.AWAITING_INCOMING;
        handshakeTimer.cancel();
        bindTimer.setTimeout(limits.bindTimeout());
    }

    /**
     * The one incoming connection of a BIND: from the awaited host (SOCKS4: "checks the IP address
     * of the originating host against DSTIP") it earns the second reply with its address and is
     * relayed; from anyone else it is closed, and so is this connection, after a failure reply.
     */
    void incomingConnected(BindIncomingSide incoming) {
        stopBindListening();
        if (state != SocksSessionState.AWAITING_INCOMING || !isConnected()) {
            incoming.transport().abortConnection();
            return;
        }
        bindTimer.cancel();
        Address peer = incoming.transport().getPeer();
        InetAddress from = InetAddresses.of(peer);
        boolean awaited = from != null && (expectedPeer == null
                ? allowed(new Destination(bindRequest.type(), from.getHostAddress(), bindRequest.port()), from)
                : expectedPeer.equals(from));
        if (!awaited) {
            incoming.transport().abortConnection();
            fail(Socks5Reply.NOT_ALLOWED_BY_RULESET, "BIND: the connection from " + peer + " is not the one awaited from "
                    + bindRequest);
            return;
        }
        int port = InetAddresses.portOf(peer);
        transport().write(socks4 ? SocksReplies.socks4(true, from, port)
                : SocksReplies.socks5(Socks5Reply.SUCCEEDED, from, port));
        state = SocksSessionState.RELAYING;
        link(incoming);
        if (!isReadClosed()) {
            transport().resumeProducing();
        }
    }

    private void bindTimedOut() {
        if (state != SocksSessionState.AWAITING_INCOMING) {
            return;
        }
        stopBindListening();
        fail(Socks5Reply.HOST_UNREACHABLE, "BIND: no connection came in " + limits.bindTimeout());
    }

    private void stopBindListening() {
        if (bindPort != null) {
            bindPort.stopListening();
            bindPort = null;
        }
    }

    /**
     * UDP ASSOCIATE (RFC 1928 §7): DST.ADDR and DST.PORT say where the client will send from (zeros
     * when it does not know yet); an address other than the client's own is refused with X'02'. Only this connection's client may associate, at most
     * {@code maxUdpAssociationsPerClient} times at once; the relay port is opened where this
     * connection came in and given in the reply.
     */
    private void associate(Destination declared) {
        InetAddress client = InetAddresses.of(transport().getPeer());
        InetAddress local = InetAddresses.of(transport().getHost());
        // A name is taken as "not known" and never resolved: only this connection's client is ever
        // served, so it could only name that client (PySocks sends the name "0" with its port).
        InetAddress declaredAddress = declared.type() == AddressType.DOMAIN ? null : InetAddresses.literal(declared.host());
        if (declaredAddress != null && !declaredAddress.isAnyLocalAddress() && !declaredAddress.equals(client)) {
            refuse(SocksReplies.socks5Failure(Socks5Reply.NOT_ALLOWED_BY_RULESET),
                    "UDP ASSOCIATE for another host: " + declared);
            return;
        }
        if (local == null) {
            refuse(SocksReplies.socks5Failure(Socks5Reply.GENERAL_FAILURE), "UDP ASSOCIATE over a connection not over IP");
            return;
        }
        if (!quota.tryAcquire(client)) {
            refuse(SocksReplies.socks5Failure(Socks5Reply.GENERAL_FAILURE),
                    "UDP ASSOCIATE: already " + limits.maxUdpAssociationsPerClient() + " associations");
            return;
        }
        quotaHolder = client;
        UdpAssociation opened = new UdpAssociation(clock, connector, rules, user, limits, client, declared.port(),
                this::associationIdle);
        int port;
        try {
            port = opened.open(local.getHostAddress());
        } catch (RuntimeException e) {
            opened.close();
            refuse(SocksReplies.socks5Failure(Socks5Reply.GENERAL_FAILURE),
                    "UDP ASSOCIATE: cannot bind on " + local.getHostAddress() + ": " + e.getMessage());
            return;
        }
        association = opened;
        transport().write(SocksReplies.socks5(Socks5Reply.SUCCEEDED, local, port));
        state = SocksSessionState.ASSOCIATED;
        handshakeTimer.cancel();
    }

    /** No datagram either way for the idle period: the association ends with its connection. */
    private void associationIdle() {
        if (state == SocksSessionState.ASSOCIATED) {
            log.info("SOCKS client {}: UDP association idle for {}: closing", transport().getPeer(), limits.udpIdleTimeout());
            state = SocksSessionState.CLOSED;
            transport().loseConnection();
        }
    }

    private void fail(Socks5Reply reply, String why) {
        if (state == SocksSessionState.CLOSED) {
            return;
        }
        refuse(socks4 ? SocksReplies.socks4(false) : SocksReplies.socks5Failure(reply), why + " (" + reply + ")");
    }

    /** Sends the refusal (if any) and closes. */
    private void refuse(byte[] reply, String why) {
        log.info("SOCKS client {}: {}", transport().getPeer(), why);
        state = SocksSessionState.CLOSED;
        if (reply.length > 0) {
            transport().write(reply);
        }
        transport().loseConnection();
    }

    @Override
    public void readConnectionLost() {
        if (state == SocksSessionState.RELAYING || state == SocksSessionState.CONNECTING
                || state == SocksSessionState.AWAITING_INCOMING) {
            super.readConnectionLost();
        } else if (state != SocksSessionState.CLOSED) {
            // The client stopped sending mid-handshake, or closed an association's control connection.
            state = SocksSessionState.CLOSED;
            transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = SocksSessionState.CLOSED;
        handshakeTimer.cancel();
        bindTimer.cancel();
        stopBindListening();
        if (attempt != null && !isLinked()) {
            attempt.cancel();
        }
        if (association != null) {
            association.close();
        }
        if (quotaHolder != null) {
            quota.release(quotaHolder);
            quotaHolder = null;
        }
        if (login != null) {
            login.logout();
            login = null;
        }
        super.connectionLost(reason);
    }
}
