package dev.torsion.internet.endpoints;

import dev.torsion.internet.Reactor;

/**
 * Listens for TCP over IPv4 (or every interface): Twisted's {@code TCP4ServerEndpoint}, and what
 * {@code tcp:PORT[:interface=ADDRESS][:backlog=N]} makes. The interface address is empty for every
 * interface.
 */
public final class TCP4ServerEndpoint extends TCPServerEndpointBase {
    /** Listens on {@code port} (0: any free one) of {@code interfaceAddress} (empty: every interface). */
    public TCP4ServerEndpoint(Reactor reactor, int port, int backlog, String interfaceAddress) {
        super(reactor, port, backlog, interfaceAddress);
    }

    /** Listens on {@code port} of every interface with the default backlog. */
    public TCP4ServerEndpoint(Reactor reactor, int port) {
        this(reactor, port, Reactor.DEFAULT_BACKLOG, "");
    }
}
