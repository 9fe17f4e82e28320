package dev.torsion.socks.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.SocketType;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.codec.AddressType;
import dev.torsion.socks.codec.Destination;
import dev.torsion.socks.codec.UdpDatagram;
import dev.torsion.socks.codec.UdpDatagrams;
import dev.torsion.socks.codec.UdpDecodeError;
import dev.torsion.time.Clock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP association (RFC 1928 §7): the relay port the client sends its wrapped datagrams to, and
 * the outward sockets (one per address family, opened when first needed) that send them on and
 * hear the answers. Only the client's address (and its declared port, or else the port of its
 * first datagram) may use the relay port; only destinations the client has sent to are heard, and
 * their answers go back wrapped. Every dropped datagram is counted by {@link UdpDropReason} and
 * logged at debug level only (a flood must not flood the log); the counts are logged once when the
 * association ends. It lives as long as its control connection, which {@link #close} it.
 */
public final class UdpAssociation extends DatagramProtocol {
    private static final Logger log = LoggerFactory.getLogger(UdpAssociation.class);

    private final DestinationConnector connector;
    private final SocksAccessRules rules;
    private final SocksUser user;
    private final SocksLimits limits;
    private final InetAddress client;
    private final IdleTimeout idle;
    private final Map<InetSocketAddress, Boolean> destinations;
    private final Map<UdpDropReason, Long> drops = new EnumMap<>(UdpDropReason.class);
    private int clientPort;
    private ListeningPort relayPort;
    private Outward outward4;
    private Outward outward6;
    private int resolving;
    private long forwarded;
    private long returned;
    private boolean closed;

    /**
     * An association for {@code client}, which declared {@code declaredPort} (0: not known yet);
     * {@code onIdle} runs when no datagram went either way for {@code udpIdleTimeout}.
     */
    UdpAssociation(Clock clock, DestinationConnector connector, SocksAccessRules rules, SocksUser user,
            SocksLimits limits, InetAddress client, int declaredPort, Runnable onIdle) {
        this.connector = connector;
        this.rules = rules;
        this.user = user;
        this.limits = limits;
        this.client = client;
        this.clientPort = declaredPort;
        this.idle = new IdleTimeout(clock, onIdle);
        int remembered = limits.maxUdpDestinations();
        this.destinations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /**
     * Binds the relay port on {@code interfaceAddress} (where the control connection came in) and
     * starts the idle timer; returns the port for the reply's BND.PORT.
     */
    int open(String interfaceAddress) {
        // One byte more than the largest datagram relayed, so that a longer one shows (it is truncated).
        int largest = Math.min(65536, limits.maxUdpPayload() + UdpDatagrams.MAX_HEADER + 1);
        relayPort = connector.listenUDP(interfaceAddress, this, largest);
        idle.setTimeout(limits.udpIdleTimeout());
        return InetAddresses.portOf(relayPort.getHost());
    }

    /** How many datagrams were dropped for {@code reason}. */
    public long dropped(UdpDropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** How many datagrams went from the client to destinations. */
    public long forwarded() {
        return forwarded;
    }

    /** How many answers went from destinations back to the client. */
    public long returned() {
        return returned;
    }

    /** The client's UDP port: declared, learned from its first datagram, or 0 while unknown. */
    public int clientPort() {
        return clientPort;
    }

    /** Whether the association has ended. */
    public boolean isClosed() {
        return closed;
    }

    /** A datagram on the relay port: from the client, to be unwrapped and sent on. */
    @Override
    public void datagramReceived(byte[] data, Address from) {
        if (closed) {
            return;
        }
        InetAddress source = InetAddresses.of(from);
        int sourcePort = InetAddresses.portOf(from);
        if (!client.equals(source) || clientPort != 0 && sourcePort != clientPort) {
            drop(UdpDropReason.FROM_THIRD_ADDRESS, from);
            return;
        }
        UdpDatagrams.Decoded decoded = UdpDatagrams.decode(data);
        if (decoded.error() != null) {
            drop(decoded.error() == UdpDecodeError.FRAGMENTED ? UdpDropReason.FRAGMENTED : UdpDropReason.MALFORMED, from);
            return;
        }
        UdpDatagram datagram = decoded.datagram();
        if (datagram.payload().length > limits.maxUdpPayload()) {
            drop(UdpDropReason.OVERSIZED, from);
            return;
        }
        clientPort = sourcePort;
        idle.resetTimeout();
        Destination destination = datagram.destination();
        if (destination.type() == AddressType.DOMAIN) {
            resolveThenSend(destination, datagram.payload());
        } else {
            send(destination, InetAddresses.literal(destination.host()), datagram.payload());
        }
    }

    /** Names are resolved by the server (off the reactor thread), a bounded number at once. */
    private void resolveThenSend(Destination destination, byte[] payload) {
        if (resolving >= limits.maxUdpPendingResolutions()) {
            drop(UdpDropReason.RESOLVER_BUSY, destination);
            return;
        }
        resolving++;
        connector.resolve(destination.host()).addCallbacks(address -> {
            resolving--;
            send(destination, address, payload);
            return null;
        }, failure -> {
            resolving--;
            drop(UdpDropReason.UNRESOLVABLE, destination);
            return null;
        });
    }

    /** Checks the rules on the resolved address, remembers the destination, sends the payload. */
    private void send(Destination destination, InetAddress address, byte[] payload) {
        if (closed) {
            return;
        }
        if (!rules.destinationAllowed(address, destination.port())
                || user != null && !user.mayConnect(destination, address)) {
            drop(UdpDropReason.DENIED, destination);
            return;
        }
        Outward outward = destination.port() == 0 ? null : outwardFor(address);
        if (outward == null) {
            drop(UdpDropReason.UNREACHABLE, destination);
            return;
        }
        destinations.put(new InetSocketAddress(address, destination.port()), Boolean.TRUE);
        outward.transport().write(payload, InetAddresses.ip(SocketType.UDP, address, destination.port()));
        forwarded++;
    }

    /** The outward socket for {@code address}'s family, bound on first use; null when it cannot be. */
    private Outward outwardFor(InetAddress address) {
        boolean v4 = address instanceof Inet4Address;
        Outward existing = v4 ? outward4 : outward6;
        if (existing != null) {
            return existing;
        }
        Outward created = new Outward();
        try {
            // Any interface: destinations are reached by the routes, not through the client's interface.
            created.port = connector.listenUDP(v4 ? "0.0.0.0" : "::", created,
                    Math.min(65536, limits.maxUdpPayload() + 1));
        } catch (RuntimeException e) {
            log.debug("UDP association of {}: no {} socket: {}", client, v4 ? "IPv4" : "IPv6", e.toString());
            return null;
        }
        if (v4) {
            outward4 = created;
        } else {
            outward6 = created;
        }
        return created;
    }

    /** An answer on an outward socket: passed back wrapped, if it comes from where the client sent. */
    private void answered(byte[] data, Address from) {
        if (closed) {
            return;
        }
        InetAddress source = InetAddresses.of(from);
        int sourcePort = InetAddresses.portOf(from);
        if (source == null || destinations.get(new InetSocketAddress(source, sourcePort)) == null) {
            drop(UdpDropReason.UNSOLICITED, from);
            return;
        }
        if (data.length > limits.maxUdpPayload()) {
            drop(UdpDropReason.OVERSIZED, from);
            return;
        }
        idle.resetTimeout();
        transport().write(UdpDatagrams.encode(source, sourcePort, data), InetAddresses.ip(SocketType.UDP, client, clientPort));
        returned++;
    }

    private void drop(UdpDropReason reason, Object what) {
        drops.merge(reason, 1L, Long::sum);
        log.debug("UDP association of {}: dropped a datagram ({}: {})", client, reason, what);
    }

    /** Ends the association: closes its sockets and stops its timer. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        idle.cancel();
        for (ListeningPort port : new ListeningPort[] {relayPort, outward4 == null ? null : outward4.port,
                outward6 == null ? null : outward6.port}) {
            if (port != null) {
                port.stopListening();
            }
        }
        if (drops.isEmpty()) {
            log.debug("UDP association of {} ended: {} datagrams out, {} back", client, forwarded, returned);
        } else {
            log.info("UDP association of {} ended: {} datagrams out, {} back, dropped {}", client, forwarded, returned, drops);
        }
    }

    /** One outward socket: what arrives on it are answers (or strangers). */
    private final class Outward extends DatagramProtocol {
        private ListeningPort port;

        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            answered(datagram, from);
        }
    }
}
