package dev.torsion.socks.server;

import dev.torsion.protocols.portforward.Proxy;

/** The relay side that goes to the destination; it tells its SOCKS side once connected. */
final class SocksDestinationSide extends Proxy {
    private final SocksServerProtocol client;

    SocksDestinationSide(SocksServerProtocol client) {
        this.client = client;
    }

    @Override
    public void connectionMade() {
        client.destinationConnected(this);
    }
}
