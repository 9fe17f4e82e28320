package dev.torsion.http.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.time.Duration;

/**
 * Makes an {@link HttpChannel} per connection, all handing requests to one handler:
 * {@code reactor.listenTCP(8080, new HttpServerFactory(site, ServerConfig.DEFAULT, reactor, false))}.
 */
public final class HttpServerFactory implements ProtocolFactory {
    private final RequestHandler handler;
    private final ServerConfig config;
    private final Clock clock;
    private final boolean secure;
    private final SessionManager sessions;

    /** A factory of channels for {@code handler}; {@code secure} marks requests as coming over TLS. */
    public HttpServerFactory(RequestHandler handler, ServerConfig config, Clock clock, boolean secure) {
        this(handler, config, clock, secure, new SessionManager(clock, Duration.ofMinutes(15)));
    }

    /** As above, with the sessions that {@link Request#getSession()} uses. */
    public HttpServerFactory(RequestHandler handler, ServerConfig config, Clock clock, boolean secure, SessionManager sessions) {
        this.handler = handler;
        this.config = config;
        this.clock = clock;
        this.secure = secure;
        this.sessions = sessions;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new HttpChannel(handler, config, clock, secure, sessions);
    }
}
