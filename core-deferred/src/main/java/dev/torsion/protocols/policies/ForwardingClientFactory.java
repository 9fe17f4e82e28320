package dev.torsion.protocols.policies;

import dev.torsion.defer.Failure;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.ProtocolFactory;
import java.util.Objects;

/**
 * A factory that stands in front of another one and passes its life-cycle calls on: start and stop
 * always, and the connect notifications when the wrapped factory is a {@link ClientFactory}. Being
 * a {@code ClientFactory} itself, it serves listening and connecting alike. Subclasses decide what
 * {@link #buildProtocol} makes of the wrapped factory's protocols (see {@link WrappingFactory} and
 * {@code TlsWrappingFactory}).
 */
public abstract class ForwardingClientFactory extends ClientFactory {
    private final ProtocolFactory wrappedFactory;

    /** Passes the life-cycle calls on to {@code wrappedFactory}. */
    protected ForwardingClientFactory(ProtocolFactory wrappedFactory) {
        this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
    }

    /** The factory whose protocols are wrapped. */
    public ProtocolFactory wrappedFactory() {
        return wrappedFactory;
    }

    @Override
    public void startFactory() {
        wrappedFactory.startFactory();
    }

    @Override
    public void stopFactory() {
        wrappedFactory.stopFactory();
    }

    @Override
    public void startedConnecting(Connector connector) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.startedConnecting(connector);
        }
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.clientConnectionFailed(connector, reason);
        }
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.clientConnectionLost(connector, reason);
        }
    }
}
