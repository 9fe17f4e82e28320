package dev.torsion.sip.transport;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.HostPort;
import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipWriter;
import dev.torsion.sip.parse.Via;
import dev.torsion.time.Clock;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport layer of RFC 3261 section 18 over UDP and streams: stamps {@code received} and
 * {@code rport} on requests (section 18.2.1, RFC 3581), drops responses not meant for it (section
 * 18.1.2), sends responses by their Via (section 18.2.2), sends a UDP request above the MTU
 * threshold over TCP (section 18.1.1), reuses stream connections by peer address, and answers a
 * malformed request with its 400 when its Via can be read.
 */
public final class SipTransport implements MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class);
    /** Timer B or F (32 s) ends a transaction whose connection never comes; the connect stops sooner. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Reactor reactor;
    private final SipLimits limits;
    private final String advertisedHost;
    private final Map<TransportKind, Integer> ports = new HashMap<>();
    private final Map<String, SipStreamProtocol> connections = new HashMap<>();
    private DatagramTransport udp;
    private MessageHandler handler = inbound -> { };
    private Function<String, TlsOptions> clientTls;

    /**
     * A transport layer that names itself {@code advertisedHost} in its Via values; {@code reactor}
     * opens outgoing TCP connections (may be null where none are opened).
     */
    public SipTransport(Reactor reactor, SipLimits limits, String advertisedHost) {
        this.reactor = reactor;
        this.limits = limits;
        this.advertisedHost = advertisedHost;
    }

    /** Where received messages go. */
    public void setHandler(MessageHandler newHandler) {
        this.handler = newHandler;
    }

    /**
     * Enables outgoing TLS (section 26.2.1): {@code options} gives the client options that verify a
     * host (its certificate must name it); without it requests to TLS targets are refused.
     */
    public void setClientTls(Function<String, TlsOptions> options) {
        this.clientTls = options;
    }

    /** Records the port a transport listens on, as its Via sent-by names it. */
    public void setPort(TransportKind kind, int port) {
        ports.put(kind, port);
    }

    /** The port a transport listens on, or 5060. */
    public int port(TransportKind kind) {
        return ports.getOrDefault(kind, kind == TransportKind.TLS ? 5061 : 5060);
    }

    /** The host this layer names itself. */
    public String advertisedHost() {
        return advertisedHost;
    }

    /** The clock of idle timers: the reactor, or null when there is none (tests of the memory transport). */
    Clock clock() {
        return reactor;
    }

    /** The limits. */
    public SipLimits limits() {
        return limits;
    }

    /** A protocol for the UDP socket. */
    public SipDatagramProtocol datagramProtocol() {
        return new SipDatagramProtocol(this);
    }

    /** A factory of incoming stream connections of {@code kind} (TCP, or TLS under {@code listenSSL}). */
    public ProtocolFactory streamFactory(TransportKind kind) {
        return address -> new SipStreamProtocol(this, kind, false);
    }

    void attachUdp(DatagramTransport transport) {
        this.udp = transport;
    }

    void connectionOpened(SipStreamProtocol connection) {
        connections.putIfAbsent(connection.key(), connection);
    }

    void connectionClosed(SipStreamProtocol connection) {
        connections.remove(connection.key(), connection);
    }

    /** A well-formed message arrived. */
    void received(SipMessage message, TransportKind kind, String host, int port, SipStreamProtocol connection) {
        if (message instanceof SipRequest request) {
            stampReceived(request, host, port);
        } else if (!forUs((SipResponse) message)) {
            LOG.debug("response for another sent-by from {}:{} dropped (RFC 3261 section 18.1.2)", host, port);
            return;
        }
        handler.messageReceived(new Inbound(message, kind, host, port, connection));
    }

    /**
     * Section 18.2.1: {@code received} when the sent-by host is not the source address; RFC 3581
     * section 4: with {@code rport}, both {@code received} and the source port.
     */
    private static void stampReceived(SipRequest request, String host, int port) {
        try {
            Via top = request.topVia();
            boolean changed = false;
            if (top.hasRport()) {
                top.params().set("received", host).set("rport", Integer.toString(port));
                changed = true;
            } else if (!top.sentBy().bareHost().equals(host)) {
                top.params().set("received", host);
                changed = true;
            }
            if (changed) {
                request.headers().removeFirst(HeaderNames.VIA);
                request.headers().addFirst(HeaderNames.VIA, top.toString());
            }
        } catch (SipParseException e) {
            throw new IllegalStateException("the parser let a malformed Via through", e);
        }
    }

    /** Section 18.1.2: the top Via must carry the sent-by this layer inserts. */
    private boolean forUs(SipResponse response) {
        try {
            Via top = response.topVia();
            TransportKind kind = TransportKind.fromName(top.transport());
            int port = top.sentBy().port() < 0 ? 5060 : top.sentBy().port();
            return kind != null && top.sentBy().host().equalsIgnoreCase(advertisedHost) && port == port(kind);
        } catch (SipParseException e) {
            return false;
        }
    }

    /**
     * A message broke the grammar or a limit. A request whose Via still reads gets its error reply
     * (section 8.2.6.2; 21.4.1 for the 400); anything else is dropped with a log line: a malformed
     * response silently (section 18.1.2), and a request that cannot be addressed because its Via is
     * what is broken.
     */
    void parseFailed(SipParseException fault, TransportKind kind, String host, int port, SipStreamProtocol connection) {
        LOG.info("malformed SIP message from {} {}:{}: {} {}", kind, host, port, fault.status(), fault.reason());
        if (!(fault.partial() instanceof SipRequest request) || request.is(SipRequest.ACK)) {
            return; // section 17.2.1: an ACK is never answered
        }
        try {
            request.topVia();
        } catch (SipParseException e) {
            return;
        }
        stampReceived(request, host, port);
        SipResponse reply = Responses.create(request, fault.status(), fault.reason());
        sendResponse(reply, new Inbound(request, kind, host, port, connection));
    }

    @Override
    public void sendResponse(SipResponse response, Inbound request) {
        Via top;
        try {
            top = response.topVia();
        } catch (SipParseException e) {
            LOG.warn("response without a usable Via not sent: {}", response);
            return;
        }
        byte[] bytes = SipWriter.encode(response);
        if (request.connection() != null) {
            if (request.connection().state() == ConnectionState.OPEN) {
                request.connection().send(bytes);
            } else {
                // Section 18.2.2: a new connection to received and sent-by port would be tried; we
                // let the client's retransmission or its transaction timeout recover instead.
                LOG.info("connection for {} closed before its response", response);
            }
            return;
        }
        // Section 18.2.2 and RFC 3581 section 4: received (else sent-by) and rport (else sent-by port).
        String host = top.received() != null ? top.received() : top.sentBy().bareHost();
        int port = top.rport() > 0 ? top.rport() : top.sentBy().port() > 0 ? top.sentBy().port() : 5060;
        sendDatagram(bytes, host, port);
    }

    @Override
    public TransportKind sendRequest(SipRequest request, Destination destination) {
        TransportKind kind = destination.kind();
        byte[] bytes = encodeWithVia(request, kind);
        if (kind == TransportKind.UDP && bytes.length > limits.udpMtuThreshold() && reactor != null) {
            kind = TransportKind.TCP; // section 18.1.1: too large for the path MTU
            bytes = encodeWithVia(request, kind);
        }
        if (kind == TransportKind.UDP) {
            sendDatagram(bytes, destination.host(), destination.port());
        } else if (kind == TransportKind.TLS && clientTls == null) {
            // Never send in clear what was meant to be encrypted: the client transaction times out
            // (408) as for an unreachable peer.
            LOG.warn("outgoing TLS not configured: request to {} not sent", destination.key());
        } else {
            stream(new Destination(kind, destination.host(), destination.port())).send(bytes);
        }
        return kind;
    }

    /** Stamps the top Via with the transport used and this layer's sent-by (section 18.1.1). */
    private byte[] encodeWithVia(SipRequest request, TransportKind kind) {
        try {
            Via top = request.topVia();
            Via ours = new Via(kind.name(), new HostPort(advertisedHost, port(kind)), top.params());
            request.headers().removeFirst(HeaderNames.VIA);
            request.headers().addFirst(HeaderNames.VIA, ours.toString());
        } catch (SipParseException e) {
            throw new IllegalArgumentException("a request to send needs its Via with a branch", e);
        }
        return SipWriter.encode(request);
    }

    private void sendDatagram(byte[] bytes, String host, int port) {
        if (udp == null) {
            LOG.warn("no UDP socket to send to {}:{}", host, port);
            return;
        }
        boolean v6 = host.indexOf(':') >= 0;
        udp.write(bytes, v6 ? new IPv6Address(SocketType.UDP, host, port) : new IPv4Address(SocketType.UDP, host, port));
    }

    /** The open connection to {@code destination}, or a new one (section 18.1.1: reuse where one exists). */
    private SipStreamProtocol stream(Destination destination) {
        String key = destination.kind() + ":" + destination.key();
        SipStreamProtocol existing = connections.get(key);
        if (existing != null && existing.state() != ConnectionState.CLOSED && existing.state() != ConnectionState.CLOSING) {
            return existing;
        }
        SipStreamProtocol connection = new SipStreamProtocol(this, destination.kind(), true);
        connections.put(key, connection);
        ClientFactory factory = new ClientFactory() {
            @Override
            public SipStreamProtocol buildProtocol(Address address) {
                return connection;
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                LOG.info("SIP connection to {} failed: {}", key, reason.getErrorMessage());
                connections.remove(key, connection);
                connection.connectionLost(reason);
                handler.transportFailed(destination); // section 18.4: the transaction layer hears of it
            }
        };
        if (destination.kind() == TransportKind.TLS) {
            reactor.connectSSL(destination.host(), destination.port(), factory, clientTls.apply(destination.host()),
                    CONNECT_TIMEOUT, null);
        } else {
            reactor.connectTCP(destination.host(), destination.port(), factory, CONNECT_TIMEOUT, null);
        }
        return connection;
    }
}
