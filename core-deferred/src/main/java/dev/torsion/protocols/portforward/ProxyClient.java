package dev.torsion.protocols.portforward;

/**
 * The side of a forwarded connection that goes to the destination: Twisted's
 * {@code portforward.ProxyClient}. It links itself to its server side once connected.
 */
public final class ProxyClient extends Proxy {
    private final ProxyServer server;

    /** The destination side for {@code server}. */
    public ProxyClient(ProxyServer server) {
        this.server = server;
    }

    @Override
    public void connectionMade() {
        server.destinationConnected(this);
    }
}
