package dev.torsion.netty.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;

/**
 * Wraps the protocol of a client endpoint's connection, so that the endpoint's Deferred fires with
 * the user's protocol once its {@code connectionMade} has run (Twisted's {@code _WrappingProtocol}).
 * Everything else is passed through; half-close reaches the user's protocol when it wants it, and
 * otherwise the connection is closed, as for a plain protocol.
 */
final class ConnectingProtocol extends Protocol implements HalfCloseableProtocol {
    private final Protocol wrapped;
    private final Deferred<Protocol> made;

    ConnectingProtocol(Protocol wrapped, Deferred<Protocol> made) {
        this.wrapped = wrapped;
        this.made = made;
    }

    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        wrapped.makeConnection(transport);
        if (!made.isCalled()) {
            made.callback(wrapped);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        wrapped.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        wrapped.notifyConnectionLost(reason);
    }

    @Override
    public void readConnectionLost() {
        if (wrapped instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (wrapped instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        }
    }
}
