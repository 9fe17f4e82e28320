package dev.torsion.socks.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;

/**
 * The factory of a BIND's listening port: it accepts exactly one connection, whoever it is from
 * (the SOCKS side checks the address and answers), and refuses any that race in after it.
 */
final class BindAcceptor implements ProtocolFactory {
    private final SocksServerProtocol client;
    private boolean accepted;

    BindAcceptor(SocksServerProtocol client) {
        this.client = client;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        if (accepted) {
            return null;
        }
        accepted = true;
        return new BindIncomingSide(client);
    }
}
