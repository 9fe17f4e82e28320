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
     * {@link IllegalArgumentException} with a clear message for a bad description. A failure to
     * listen names {@code --listen DESCRIPTION}.
     */
    public static ListeningService listen(Reactor reactor, String description, ProtocolFactory factory) {
        return listen(reactor, description, factory, "--listen " + description);
    }

    /**
     * As {@link #listen(Reactor, String, ProtocolFactory)}, naming {@code option} (the option the
     * user gave, such as {@code --port 8080}) when the port cannot be bound. The connections are
     * tracked by the reactor's {@link ConnectionTracker}, so that the runner can say which it cuts
     * when the shutdown grace is over.
     */
    public static ListeningService listen(Reactor reactor, String description, ProtocolFactory factory, String option) {
        ServerEndpoint endpoint = Endpoints.serverFromString(reactor, description);
        if (Reactors.sharesPorts(reactor)) {
            endpoint = SharedPortEndpoint.of(reactor, endpoint, description);
        }
        ProtocolFactory tracked = ConnectionTracker.of(reactor).track(factory, description);
        return new ListeningService(endpoint, tracked, description, option);
    }
}
