package dev.torsion.app.service;

import dev.torsion.app.reactor.Reactors;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ServerEndpoint;

/**
 * What a plugin calls for its {@code --listen} option: a {@link ListeningService} on the endpoint
 * that a string describes ({@code tcp:8080}, {@code tcp:8080:interface=127.0.0.1},
 * {@code unix:/run/app.sock}, ...), as twistd's strports. Under {@code --workers N} the runner's
 * reactors share their TCP ports: each binds its own socket with SO_REUSEPORT and the kernel
 * spreads the connections.
 */
public final class ServerEndpoints {
    private ServerEndpoints() {
    }

    /**
     * A service that listens on {@code description} with {@code factory} while it runs. Throws
     * {@link IllegalArgumentException} with a clear message for a bad description.
     */
    public static ListeningService listen(Reactor reactor, String description, ProtocolFactory factory) {
        ServerEndpoint endpoint = TcpServerEndpoint.parse(reactor, description, Reactors.sharesPorts(reactor));
        return new ListeningService(endpoint, factory, description);
    }
}
