package dev.torsion.internet;

import dev.torsion.defer.Failure;

/**
 * A factory for outgoing connections that is told how each attempt goes: Twisted's
 * {@code ClientFactory}. Subclasses override {@link #buildProtocol} and the notifications they
 * care about.
 */
public abstract class ClientFactory implements ProtocolFactory {
    /** Called when a connection attempt starts. */
    public void startedConnecting(Connector connector) {
    }

    /**
     * Called when the attempt fails: {@code reason} wraps a
     * {@link dev.torsion.internet.error.ConnectError} subtype (refused, DNS lookup, timeout, ...).
     */
    public void clientConnectionFailed(Connector connector, Failure reason) {
    }

    /** Called when an established connection is lost, after the protocol's {@code connectionLost}. */
    public void clientConnectionLost(Connector connector, Failure reason) {
    }
}
