package dev.torsion.protocols.portforward;

import dev.torsion.internet.Address;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes a {@link ProxyServer} for each accepted connection, each reaching the destination through
 * the same {@link ClientEndpoint}: Twisted's {@code portforward.ProxyFactory}. Listen with it to
 * forward a port; any client endpoint will do (TCP, UNIX, TLS, or one from
 * {@code Endpoints.clientFromString}).
 */
public final class ProxyFactory implements ProtocolFactory {
    private final ClientEndpoint destination;
    private final String destinationName;

    /** Forwards each connection to {@code destination} (named {@code destinationName} in log lines). */
    public ProxyFactory(ClientEndpoint destination, String destinationName) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.destinationName = Objects.requireNonNull(destinationName, "destinationName");
    }

    /** Forwards each connection to {@code host}:{@code port} over TCP, giving up after {@code timeout}. */
    public static ProxyFactory toTcp(Reactor reactor, String host, int port, Duration timeout) {
        return new ProxyFactory(new TCP4ClientEndpoint(reactor, host, port, timeout, null), host + ":" + port);
    }

    @Override
    public ProxyServer buildProtocol(Address address) {
        return new ProxyServer(destination, destinationName);
    }
}
