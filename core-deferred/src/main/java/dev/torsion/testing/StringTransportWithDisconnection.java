package dev.torsion.testing;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;

/**
 * A {@link StringTransport} whose {@link #loseConnection()} and {@link #abortConnection()} end the
 * connection at once, telling its protocol (cleanly, or not for an abort), as Twisted's
 * {@code StringTransportWithDisconnection}. Use it when the test needs to see
 * {@code connectionLost} run after the protocol closes its own connection.
 */
public class StringTransportWithDisconnection extends StringTransport {
    private Protocol protocol;

    /** A transport between the default addresses of {@link StringTransport}. */
    public StringTransportWithDisconnection() {
        super();
    }

    /** A transport with the given addresses. */
    public StringTransportWithDisconnection(Address host, Address peer) {
        super(host, peer);
    }

    /** Connects {@code newProtocol} to this transport (calls its {@code makeConnection}) and returns it. */
    public <P extends Protocol> P connect(P newProtocol) {
        this.protocol = newProtocol;
        newProtocol.makeConnection(this);
        return newProtocol;
    }

    /** The protocol told about disconnection; set by {@link #connect} or {@link #setProtocol}. */
    public Protocol protocol() {
        return protocol;
    }

    /** Sets the protocol told about disconnection, when it was connected some other way. */
    public void setProtocol(Protocol newProtocol) {
        this.protocol = newProtocol;
    }

    @Override
    public void loseConnection() {
        super.loseConnection();
        if (protocol != null) {
            closeConnection(protocol, true);
        }
    }

    @Override
    public void abortConnection() {
        super.abortConnection();
        if (protocol != null) {
            closeConnection(protocol, false);
        }
    }
}
