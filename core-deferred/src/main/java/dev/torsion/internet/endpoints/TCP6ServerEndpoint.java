package dev.torsion.internet.endpoints;

import dev.torsion.internet.Reactor;

/**
 * Listens for TCP over IPv6: Twisted's {@code TCP6ServerEndpoint}, and what
 * {@code tcp6:PORT[:interface=ADDRESS][:backlog=N]} makes. The interface address is {@code ::} for
 * every interface.
 */
public final class TCP6ServerEndpoint extends TCPServerEndpointBase {
    /** Listens on {@code port} (0: any free one) of {@code interfaceAddress} (:: for every interface). */
    public TCP6ServerEndpoint(Reactor reactor, int port, int backlog, String interfaceAddress) {
        super(reactor, port, backlog, interfaceAddress);
    }

    /** Listens on {@code port} of every IPv6 interface with the default backlog. */
    public TCP6ServerEndpoint(Reactor reactor, int port) {
        this(reactor, port, Reactor.DEFAULT_BACKLOG, "::");
    }
}
