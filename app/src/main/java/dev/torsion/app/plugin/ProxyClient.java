package dev.torsion.app.plugin;

/**
 * The side of a forwarded connection that goes to the destination: Twisted's
 * {@code portforward.ProxyClient}. It links itself to its server side once connected.
 */
final class ProxyClient extends ProxyHalf {
    private final ProxyServer server;

    ProxyClient(ProxyServer server) {
        this.server = server;
    }

    @Override
    public void connectionMade() {
        server.destinationConnected(this);
    }
}
