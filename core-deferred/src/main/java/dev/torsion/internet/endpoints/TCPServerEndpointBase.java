package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.util.Objects;

/**
 * What {@link TCP4ServerEndpoint} and {@link TCP6ServerEndpoint} share: the reactor's
 * {@code listenTCP} does the work for both, and the address family follows from the interface
 * address alone, so the two differ only in their default interface and their names.
 */
abstract class TCPServerEndpointBase implements ServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;

    TCPServerEndpointBase(Reactor reactor, int port, int backlog, String interfaceAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.backlog = backlog;
        this.interfaceAddress = Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }

    @Override
    public Deferred<ListeningPort> listen(ProtocolFactory factory) {
        try {
            return Deferred.succeed(reactor.listenTCP(port, factory, backlog, interfaceAddress));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /** The port asked for. */
    public int port() {
        return port;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** The interface address the endpoint listens on. */
    public String interfaceAddress() {
        return interfaceAddress;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + interfaceAddress + ":" + port + ")";
    }
}
