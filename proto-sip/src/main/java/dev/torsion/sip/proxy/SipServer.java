package dev.torsion.sip.proxy;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.UdpOptions;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.registrar.LocationService;
import dev.torsion.sip.registrar.Registrar;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transaction.TransactionLayer;
import dev.torsion.sip.transport.SipTransport;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.time.Clock;
import dev.torsion.tls.TlsOptions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A SIP registrar and stateful proxy assembled: transport layer, transaction layer, registrar and
 * proxy core, listening on UDP, TCP and TLS. Everything runs on the reactor thread; nothing is
 * shared between two servers.
 */
public final class SipServer {
    /**
     * The UDP receive buffer {@link #listenUdp(int, String)} asks for: 4 MiB. Under load SIP traffic
     * arrives in bursts that the reactor must absorb while it stalls (a GC pause, JIT compilation,
     * a machine with more runnable threads than cores): the kernel's default of 208 KiB holds some
     * 150 SIPp datagrams, 20 ms at 1,000 calls/s, and every answer dropped there costs a 500 ms
     * retransmission or a failed call. Kamailio asks for 512 KiB and more. Linux caps the request at
     * {@code net.core.rmem_max} (4 MiB on some systems, 208 KiB on others): the reactor logs the size
     * granted when it is less.
     */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 << 20;
    private static final int DEFAULT_BACKLOG = 128;
    private final Reactor reactor;
    private final SipLimits limits;
    private final SipTransport transport;
    private final TransactionLayer layer;
    private final Registrar registrar;
    private final ProxyCore proxy;

    /**
     * A server for {@code domain} that names itself {@code advertisedHost} (the address it
     * listens on: it goes into Via and Record-Route); {@code authenticator} (null: none) guards
     * REGISTER; {@code clock} times the transactions (the reactor itself, or a test clock).
     */
    public SipServer(Reactor reactor, Clock clock, String domain, String advertisedHost, SipLimits limits,
                     TimerSettings timers, LocationService locations, DigestAuthenticator authenticator) {
        this.reactor = reactor;
        this.limits = limits;
        this.transport = new SipTransport(reactor, limits, advertisedHost);
        this.layer = new TransactionLayer(clock, transport, timers, limits);
        Set<String> aliases = new HashSet<>();
        aliases.add(advertisedHost.toLowerCase(Locale.ROOT));
        aliases.add("localhost");
        this.registrar = new Registrar(locations, clock, domain, aliases, limits.maxBindingsPerAor());
        this.proxy = new ProxyCore(layer, transport, registrar, authenticator, true);
        transport.setHandler(layer);
        layer.setUser(proxy);
    }

    /**
     * Listens on UDP with a receive buffer of {@link #DEFAULT_UDP_RECEIVE_BUFFER}; the bound port
     * becomes the UDP sent-by port.
     */
    public ListeningPort listenUdp(int port, String interfaceAddress) {
        return listenUdp(port, interfaceAddress, DEFAULT_UDP_RECEIVE_BUFFER);
    }

    /**
     * Listens on UDP asking for a socket receive buffer of {@code receiveBufferSize} bytes (0: the
     * kernel's default); the bound port becomes the UDP sent-by port.
     */
    public ListeningPort listenUdp(int port, String interfaceAddress, int receiveBufferSize) {
        ListeningPort listening = reactor.listenUDP(port, transport.datagramProtocol(), interfaceAddress, limits.maxDatagram(),
                UdpOptions.DEFAULT.withReceiveBufferSize(receiveBufferSize));
        transport.setPort(TransportKind.UDP, ((IPAddress) listening.getHost()).port());
        return listening;
    }

    /** Listens on TCP. */
    public ListeningPort listenTcp(int port, String interfaceAddress) {
        ListeningPort listening = reactor.listenTCP(port, transport.streamFactory(TransportKind.TCP), DEFAULT_BACKLOG,
                interfaceAddress);
        transport.setPort(TransportKind.TCP, ((IPAddress) listening.getHost()).port());
        return listening;
    }

    /** Listens on TLS (RFC 3261 section 26.2.1: {@code sips:} and the TLS transport). */
    public ListeningPort listenTls(int port, TlsOptions tls, String interfaceAddress) {
        ListeningPort listening = reactor.listenSSL(port, transport.streamFactory(TransportKind.TLS), tls, DEFAULT_BACKLOG,
                interfaceAddress);
        transport.setPort(TransportKind.TLS, ((IPAddress) listening.getHost()).port());
        return listening;
    }

    /** The transport layer. */
    public SipTransport transport() {
        return transport;
    }

    /** The transaction layer. */
    public TransactionLayer transactions() {
        return layer;
    }

    /** The registrar. */
    public Registrar registrar() {
        return registrar;
    }

    /** The proxy core. */
    public ProxyCore proxy() {
        return proxy;
    }
}
