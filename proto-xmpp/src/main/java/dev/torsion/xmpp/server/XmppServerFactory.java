package dev.torsion.xmpp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;

/** Makes a {@link ClientSession} of one {@link XmppServer} for each connection. */
public final class XmppServerFactory implements ProtocolFactory {
    private final XmppServer server;

    /** A factory for the sessions of {@code server}. */
    public XmppServerFactory(XmppServer server) {
        this.server = server;
    }

    /** The server whose sessions this makes. */
    public XmppServer server() {
        return server;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return server.newSession();
    }
}
