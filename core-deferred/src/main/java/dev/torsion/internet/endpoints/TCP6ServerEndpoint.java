package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.util.Objects;

/**
 * Listens for TCP over IPv6: Twisted's {@code TCP6ServerEndpoint}, and what
 * {@code tcp6:PORT[:interface=ADDRESS][:backlog=N]} makes.
 */
public final class TCP6ServerEndpoint implements ServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;

    /** Listens on {@code port} (0: any free one) of {@code interfaceAddress} (:: for every interface). */
    public TCP6ServerEndpoint(Reactor reactor, int port, int backlog, String interfaceAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.backlog = backlog;
        this.interfaceAddress = Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }

    /** Listens on {@code port} of every IPv6 interface with the default backlog. */
    public TCP6ServerEndpoint(Reactor reactor, int port) {
        this(reactor, port, Reactor.DEFAULT_BACKLOG, "::");
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

    /** The interface address (:: for every interface). */
    public String interfaceAddress() {
        return interfaceAddress;
    }

    @Override
    public String toString() {
        return "TCP6ServerEndpoint(" + interfaceAddress + ":" + port + ")";
    }
}
