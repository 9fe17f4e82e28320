package dev.torsion.socks.server;

import dev.torsion.protocols.portforward.Proxy;

/** The relay side of a BIND's incoming connection; it tells its SOCKS side once accepted. */
final class BindIncomingSide extends Proxy {
    private final SocksServerProtocol client;

    BindIncomingSide(SocksServerProtocol client) {
        this.client = client;
    }

    @Override
    public void connectionMade() {
        client.incomingConnected(this);
    }
}
