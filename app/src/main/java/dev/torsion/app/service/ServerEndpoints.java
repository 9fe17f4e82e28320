package dev.torsion.app.service;

import dev.torsion.app.reactor.Reactors;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.ServerEndpoint;

/**
 * What a plugin calls for its {@code --listen} option: a {@link ListeningService} on the endpoint
 * that a string describes, as twistd's strports ({@code tcp:8080},
 * {@code tcp:8080:interface=127.0.0.1}, {@code unix:/run/app.sock}, {@code ssl:8443:...}: any kind
 * {@link Endpoints#serverFromString} knows). Under {@code --workers N} the runner's reactors share
 * their TCP ports: each binds its own socket with SO_REUSEPORT and the kernel spreads the
 * connections.
 */
public final class ServerEndpoints {
    private ServerEndpoints() {
    }

    /**
     * A service that listens on {@code description} with {@code factory} while it runs. Throws
     * {@link IllegalArgumentException} with a clear message for a bad description.
     */
    public static ListeningService listen(Reactor reactor, String description, ProtocolFactory factory) {
        ServerEndpoint endpoint = Endpoints.serverFromString(reactor, description);
        if (Reactors.sharesPorts(reactor)) {
            endpoint = SharedPortEndpoint.of(reactor, endpoint, description);
        }
        return new ListeningService(endpoint, factory, description);
    }
}
