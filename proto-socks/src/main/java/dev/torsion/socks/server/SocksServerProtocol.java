package dev.torsion.socks.server;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
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
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SOCKS server connection: SOCKS4, SOCKS4a and SOCKS5 on the same port, told apart by the
 * first byte. It is the client side of a core relay: once the destination answers, it replies
 * success and {@link Proxy#link links} the two sides, so bytes flow with backpressure both ways.
 * BIND and UDP ASSOCIATE are answered "command not supported".
 */
public final class SocksServerProtocol extends Proxy {
    private static final Logger log = LoggerFactory.getLogger(SocksServerProtocol.class);

    private final DestinationConnector connector;
    private final SocksAccessRules rules;
    private final Portal portal;
    private final SocksLimits limits;
    private final SocksRequestDecoder decoder;
    private final IdleTimeout handshakeTimer;
    private SocksSessionState state = SocksSessionState.NEGOTIATING;
    private boolean socks4;
    private SocksUser user;
    private LoginResult login;
    private Deferred<Protocol> attempt;

    SocksServerProtocol(Clock clock, DestinationConnector connector, SocksAccessRules rules, Portal portal,
            SocksLimits limits) {
        this.connector = connector;
        this.rules = rules;
        this.portal = portal;
        this.limits = limits;
        this.decoder = new SocksRequestDecoder(limits);
        this.handshakeTimer = IdleTimeout.abortingConnection(clock, this);
    }

    /** Where the session is. */
    public SocksSessionState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        InetAddress client = addressOf(transport().getPeer());
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
            case CONNECTING, RELAYING -> super.dataReceived(data);
            case CLOSED -> { }
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
        if (portal != null) {
            refuse(SocksReplies.socks4(false), "SOCKS4 cannot authenticate and a login is required");
        } else if (request.command() != SocksCommand.CONNECT) {
            refuse(SocksReplies.socks4(false), "SOCKS4 " + request.command() + " is not supported");
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

    /** RFC 1928 §4: only CONNECT is served; BIND and UDP ASSOCIATE earn X'07'. */
    private void socks5Request(Socks5Request request) {
        if (request.command() != SocksCommand.CONNECT) {
            refuse(SocksReplies.socks5Failure(Socks5Reply.COMMAND_NOT_SUPPORTED),
                    request.command() + " is not supported");
            return;
        }
        connect(request.destination());
    }

    /** Resolves (off the reactor thread), checks the rules on the address, then connects. */
    private void connect(Destination destination) {
        state = SocksSessionState.CONNECTING;
        // Nothing can be relayed until the destination answers: let the kernel buffer meanwhile.
        transport().pauseProducing();
        byte[] early = decoder.takeRemainder();
        if (early.length > 0) {
            super.dataReceived(early);
        }
        Deferred<InetAddress> resolved = destination.type() == AddressType.DOMAIN
                ? connector.resolve(destination.host())
                : Deferred.maybeDeferred(() -> InetAddress.getByName(destination.host()));
        resolved.addCallbacks(address -> {
            resolvedTo(destination, address);
            return null;
        }, failure -> {
            fail(Socks5Reply.HOST_UNREACHABLE, "cannot resolve " + destination + ": " + failure.getErrorMessage());
            return null;
        });
    }

    private void resolvedTo(Destination destination, InetAddress address) {
        if (state != SocksSessionState.CONNECTING) {
            return;
        }
        if (!rules.destinationAllowed(address, destination.port())
                || user != null && !user.mayConnect(destination, address)) {
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
        InetAddress bound = addressOf(local);
        int boundPort = local instanceof IPAddress ip ? ip.port() : 0;
        transport().write(socks4 ? SocksReplies.socks4(true) : SocksReplies.socks5(Socks5Reply.SUCCEEDED, bound, boundPort));
        state = SocksSessionState.RELAYING;
        handshakeTimer.cancel();
        link(destination);
        if (!isReadClosed()) {
            transport().resumeProducing();
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
        if (state == SocksSessionState.RELAYING || state == SocksSessionState.CONNECTING) {
            super.readConnectionLost();
        } else if (state != SocksSessionState.CLOSED) {
            // The client stopped sending mid-handshake: nothing more can come of it.
            state = SocksSessionState.CLOSED;
            transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = SocksSessionState.CLOSED;
        handshakeTimer.cancel();
        if (attempt != null && !isLinked()) {
            attempt.cancel();
        }
        if (login != null) {
            login.logout();
            login = null;
        }
        super.connectionLost(reason);
    }

    /** The InetAddress of an IP address literal (no DNS), or null for any other address. */
    private static InetAddress addressOf(Address address) {
        if (!(address instanceof IPAddress ip)) {
            return null;
        }
        try {
            return InetAddress.getByName(ip.host());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
