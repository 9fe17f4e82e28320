package dev.torsion.http.h2.server;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.RequestHandler;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.server.SessionManager;
import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.function.Supplier;

/**
 * Serves a site over HTTP/1.1 and HTTP/2 on one port: each connection speaks what its client
 * begins with (see {@link ProtocolSelector}). Over TLS, give the server's options
 * {@code withApplicationProtocols("h2", "http/1.1")} so that clients can choose by ALPN. On a
 * cleartext port, {@link #withH2cUpgrade()} also takes the h2c upgrade from HTTP/1.1
 * ({@link H2cUpgrade}).
 *
 * <pre>{@code
 * reactor.listenTCP(8080, Http2ServerFactory.forSite(site, reactor, false, Http2Limits.DEFAULT));
 * reactor.listenSSL(8443, Http2ServerFactory.forSite(site, reactor, true, Http2Limits.DEFAULT),
 *         tls.withApplicationProtocols("h2", "http/1.1"));
 * }</pre>
 */
public final class Http2ServerFactory implements ProtocolFactory {
    private final RequestHandler handler;
    private final ServerConfig config;
    private final Http2Limits limits;
    private final Clock clock;
    private final boolean secure;
    private final SessionManager sessions;
    private final boolean h2cUpgrade;

    /** A factory for {@code handler} with its {@code config}, these HTTP/2 {@code limits}, and {@code sessions}. */
    public Http2ServerFactory(RequestHandler handler, ServerConfig config, Http2Limits limits, Clock clock, boolean secure,
            SessionManager sessions) {
        this(handler, config, limits, clock, secure, sessions, false);
    }

    private Http2ServerFactory(RequestHandler handler, ServerConfig config, Http2Limits limits, Clock clock, boolean secure,
            SessionManager sessions, boolean h2cUpgrade) {
        this.h2cUpgrade = h2cUpgrade;
        this.handler = handler;
        this.config = config;
        this.limits = limits;
        this.clock = clock;
        this.secure = secure;
        this.sessions = sessions;
    }

    /** A factory serving {@code site} ({@code secure} when the port runs TLS). */
    public static Http2ServerFactory forSite(Site site, Clock clock, boolean secure, Http2Limits limits) {
        return new Http2ServerFactory(site, site.config(), limits, clock, secure, site.sessions(clock));
    }

    /**
     * A copy that also answers the h2c upgrade (RFC 7540 section 3.2) on HTTP/1.1 connections;
     * over TLS the upgrade is never taken (ALPN chooses there). Off by default: a reverse proxy in
     * front that passes {@code Upgrade: h2c} on would let its clients past its own request rules
     * (the "h2c smuggling" of 2020).
     */
    public Http2ServerFactory withH2cUpgrade() {
        return new Http2ServerFactory(handler, config, limits, clock, secure, sessions, true);
    }

    @Override
    public Protocol buildProtocol(Address address) {
        Supplier<Http2Connection> http2 = () -> new Http2Connection(handler, config, limits, clock, secure, sessions);
        RequestHandler http1 = h2cUpgrade && !secure ? new H2cUpgrade(handler, http2) : handler;
        return new ProtocolSelector(() -> new HttpChannel(http1, config, clock, secure, sessions), http2::get, clock,
                config.idleTimeout());
    }
}
