package dev.torsion.protocols.portforward;

import dev.torsion.internet.Address;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes a {@link ProxyServer} for each accepted connection, each reaching the destination through
 * the same {@link ProxyServer.Dialer}: Twisted's {@code portforward.ProxyFactory}. Listen with it
 * to forward a port.
 */
public final class ProxyFactory implements ProtocolFactory {
    private final ProxyServer.Dialer dialer;
    private final String destination;

    /** Forwards each connection through {@code dialer} to {@code destination} (named in log lines). */
    public ProxyFactory(ProxyServer.Dialer dialer, String destination) {
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    /** Forwards each connection to {@code host}:{@code port} over TCP, giving up after {@code timeout}. */
    public static ProxyFactory toTcp(Reactor reactor, String host, int port, Duration timeout) {
        Objects.requireNonNull(reactor, "reactor");
        return new ProxyFactory(factory -> reactor.connectTCP(host, port, factory, timeout, null), host + ":" + port);
    }

    @Override
    public ProxyServer buildProtocol(Address address) {
        return new ProxyServer(dialer, destination);
    }
}
