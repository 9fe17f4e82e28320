package dev.torsion.protocols.portforward;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a forwarded connection that a client made to the forwarding port: Twisted's
 * {@code portforward.ProxyServer}. It stops reading until the connection to the destination is up,
 * then links the two sides; when the destination cannot be reached, it closes the connection.
 */
public final class ProxyServer extends Proxy {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    /** Opens the connection to the destination for a factory. */
    @FunctionalInterface
    public interface Dialer {
        /** Starts connecting; the factory hears how it goes. */
        Connector connect(ClientFactory factory);
    }

    private final Dialer dialer;
    private final String destination;
    private Connector connector;

    /** A server side that reaches {@code destination} (named in log lines) with {@code dialer}. */
    public ProxyServer(Dialer dialer, String destination) {
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    @Override
    public void connectionMade() {
        // Nothing can be forwarded until the destination answers: let the kernel buffer meanwhile.
        transport().pauseProducing();
        connector = dialer.connect(new ProxyClientFactory(this));
    }

    /** The destination answered: link the sides and read again. */
    void destinationConnected(ProxyClient client) {
        if (!isConnected()) {
            client.transport().loseConnection();
            return;
        }
        link(client);
        if (!isReadClosed()) {
            transport().resumeProducing();
        }
    }

    /** The destination could not be reached. */
    void destinationFailed(Failure reason) {
        log.info("cannot forward {} to {}: {}", transport().getPeer(), destination, reason.getErrorMessage());
        if (isConnected()) {
            transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!isLinked() && connector != null) {
            try {
                connector.stopConnecting();
            } catch (RuntimeException alreadyOver) {
                // The attempt ended on its own meanwhile (it failed, or is about to be refused).
                log.debug("stopping the attempt to reach {}: {}", destination, alreadyOver.toString());
            }
        }
        super.connectionLost(reason);
    }

    /** Makes the destination side for one server side and reports how the attempt went. */
    private static final class ProxyClientFactory extends ClientFactory {
        private final ProxyServer server;

        ProxyClientFactory(ProxyServer server) {
            this.server = server;
        }

        @Override
        public ProxyClient buildProtocol(Address address) {
            return new ProxyClient(server);
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            server.destinationFailed(reason);
        }
    }
}
