package dev.torsion.socks.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The real {@link DestinationConnector}: the JDK resolver in {@link Reactor#deferToThread} (it
 * blocks, so never on the reactor thread), and TCP connections from the reactor.
 */
public final class ReactorDestinationConnector implements DestinationConnector {
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
}
