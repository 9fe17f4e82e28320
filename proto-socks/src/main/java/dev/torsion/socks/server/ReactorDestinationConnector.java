package dev.torsion.socks.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The real {@link DestinationConnector}: the JDK resolver in {@link Reactor#deferToThread} (it
 * blocks, so never on the reactor thread), and TCP connections, listening ports and UDP sockets
 * from the reactor.
 */
public final class ReactorDestinationConnector implements DestinationConnector {
    /** A BIND accepts one connection: a backlog of one is all it needs. */
    private static final int BIND_BACKLOG = 1;

    private final Reactor reactor;

    /** A connector on {@code reactor}. */
    public ReactorDestinationConnector(Reactor reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    public Deferred<InetAddress> resolve(String host) {
        return reactor.deferToThread(() -> InetAddress.getByName(host));
    }

    @Override
    public ClientEndpoint endpoint(InetAddress address, int port, Duration timeout) {
        return new TCP4ClientEndpoint(reactor, address.getHostAddress(), port, timeout, null);
    }

    @Override
    public ListeningPort listenTCP(String interfaceAddress, ProtocolFactory factory) {
        return reactor.listenTCP(0, factory, BIND_BACKLOG, interfaceAddress);
    }

    @Override
    public ListeningPort listenUDP(String interfaceAddress, DatagramProtocol protocol, int maxPacketSize) {
        return reactor.listenUDP(0, protocol, interfaceAddress, maxPacketSize);
    }
}
