package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.UserCancelledConnect;

/**
 * The client factory behind every {@link ClientEndpoint}, as Twisted's endpoint {@code _WrappingFactory}:
 * it turns the reactor's callbacks into one Deferred that fires with the user's protocol once its
 * {@code connectionMade} has run, fails with the {@link ConnectError}, and, when cancelled, stops
 * the attempt and fails with {@link UserCancelledConnect}.
 */
final class ConnectingFactory extends ClientFactory {
    private final ProtocolFactory factory;
    private final Deferred<Protocol> deferred;
    private Connector connector;

    ConnectingFactory(ProtocolFactory factory) {
        this.factory = factory;
        this.deferred = new Deferred<>(this::cancelAttempt);
    }

    /** The Deferred the endpoint returns. */
    Deferred<Protocol> deferred() {
        return deferred;
    }

    private void cancelAttempt(Deferred<Protocol> cancelled) {
        Address destination = connector == null ? null : connector.getDestination();
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (IllegalStateException alreadyOver) {
                // the attempt ended at the same moment; the Deferred gets the cancellation anyway
            }
        }
        if (!cancelled.isCalled()) {
            cancelled.errback(new UserCancelledConnect("connection attempt to " + destination + " was cancelled"));
        }
    }

    @Override
    public void startedConnecting(Connector newConnector) {
        this.connector = newConnector;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        if (deferred.isCalled()) {
            return null;
        }
        Protocol protocol;
        try {
            protocol = factory.buildProtocol(address);
        } catch (RuntimeException e) {
            deferred.errback(e);
            return null;
        }
        if (protocol == null) {
            deferred.errback(new ConnectError("the protocol factory refused the connection to " + address));
            return null;
        }
        return NotifyingProtocol.wrap(protocol, deferred);
    }

    @Override
    public void clientConnectionFailed(Connector failed, Failure reason) {
        if (!deferred.isCalled()) {
            deferred.errback(reason);
        }
    }

    @Override
    public void startFactory() {
        factory.startFactory();
    }

    @Override
    public void stopFactory() {
        factory.stopFactory();
    }
}
