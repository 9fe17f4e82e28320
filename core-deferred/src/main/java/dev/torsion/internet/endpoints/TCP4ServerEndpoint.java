package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.util.Objects;

/**
 * Listens for TCP over IPv4 (or every interface): Twisted's {@code TCP4ServerEndpoint}, and what
 * {@code tcp:PORT[:interface=ADDRESS][:backlog=N]} makes.
 */
public final class TCP4ServerEndpoint implements ServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;

    /** Listens on {@code port} (0: any free one) of {@code interfaceAddress} (empty: every interface). */
    public TCP4ServerEndpoint(Reactor reactor, int port, int backlog, String interfaceAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.backlog = backlog;
        this.interfaceAddress = Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }

    /** Listens on {@code port} of every interface with the default backlog. */
    public TCP4ServerEndpoint(Reactor reactor, int port) {
        this(reactor, port, Reactor.DEFAULT_BACKLOG, "");
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

    /** The interface address (empty: every interface). */
    public String interfaceAddress() {
        return interfaceAddress;
    }

    @Override
    public String toString() {
        return "TCP4ServerEndpoint(" + interfaceAddress + ":" + port + ")";
    }
}
