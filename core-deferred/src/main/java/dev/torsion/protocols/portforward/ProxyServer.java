package dev.torsion.protocols.portforward;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.endpoints.ClientEndpoint;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a forwarded connection that a client made to the forwarding port: Twisted's
 * {@code portforward.ProxyServer}. It stops reading until the connection to the destination is up,
 * then links the two sides; when the destination cannot be reached, it closes the connection, and
 * when the client leaves first, it cancels the attempt.
 */
public final class ProxyServer extends Proxy {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final ClientEndpoint destination;
    private final String destinationName;
    private Deferred<Protocol> attempt;

    /** A server side that reaches {@code destination} (named {@code destinationName} in log lines). */
    public ProxyServer(ClientEndpoint destination, String destinationName) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.destinationName = Objects.requireNonNull(destinationName, "destinationName");
    }

    @Override
    public void connectionMade() {
        // Nothing can be forwarded until the destination answers: let the kernel buffer meanwhile.
        transport().pauseProducing();
        Deferred<Protocol> connecting = destination.connect(address -> new ProxyClient(this));
        attempt = connecting;
        connecting.addCallbacks(connected -> {
            attempt = null;
            return null;
        }, failure -> {
            attempt = null;
            destinationFailed(failure);
            return null;
        });
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

    /** The destination could not be reached (or the attempt was cancelled because the client left). */
    private void destinationFailed(Failure reason) {
        if (!isConnected()) {
            return;
        }
        log.info("cannot forward {} to {}: {}", transport().getPeer(), destinationName, reason.getErrorMessage());
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!isLinked() && attempt != null) {
            attempt.cancel();
        }
        super.connectionLost(reason);
    }
}
