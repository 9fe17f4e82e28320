package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.h2.client.Http2ClientConnection;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import dev.torsion.tls.TlsOptions;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections by host, as Twisted's {@code HTTPConnectionPool}: at most
 * {@link AgentConfig#maxConnectionsPerHost()} open to one host, requests beyond that waiting in
 * line, kept-alive connections reused and closed after {@link AgentConfig#idleTimeout()} unused.
 *
 * <p>A direct https connection offers {@code h2} by ALPN (RFC 9113 section 3.2) when the agent has
 * HTTP/2 limits. Until the first connection to a host has said which it speaks, further requests
 * wait for it instead of opening more; once it chose {@code h2}, that one connection carries every
 * request to the host (each a {@link Http2Lease}) until it closes or goes away, and the next
 * request negotiates a new one. A host that answered HTTP/1.1 gets its connections in parallel.
 */
final class ConnectionPool {
    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    /**
     * Where connections go: scheme, host and port (the proxy's, for http through a proxy); for
     * https through a proxy, the proxy that tunnels to them ({@code viaHost} null: direct).
     */
    record Key(boolean tls, String host, int port, String viaHost, int viaPort) {
        Key(boolean tls, String host, int port) {
            this(tls, host, port, null, 0);
        }
    }

    private final class HostPool {
        final Key key;
        final ArrayDeque<HttpClientConnection> idle = new ArrayDeque<>();
        final ArrayDeque<Deferred<PooledConnection>> waiting = new ArrayDeque<>();
        int open;
        /** The HTTP/2 connection the host chose by ALPN, while it takes requests. */
        Http2ClientConnection multiplexed;
        /** A connection's ALPN answer is awaited and the host's protocol is not known: requests wait for it. */
        boolean negotiating;
        /** The host answered HTTP/1.1 to an offer of h2: its connections open in parallel. */
        boolean http1Known;

        HostPool(Key key) {
            this.key = key;
        }
    }

    private final HttpConnector connector;
    private final Clock clock;
    private final AgentConfig config;
    private final Map<Key, HostPool> hosts = new HashMap<>();
    private final Map<HttpClientConnection, HostPool> owners = new IdentityHashMap<>();
    private final Map<HttpClientConnection, DelayedCall> idleTimers = new IdentityHashMap<>();

    ConnectionPool(HttpConnector connector, Clock clock, AgentConfig config) {
        this.connector = connector;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A connection to {@code key} ready for one request: a stream of the host's HTTP/2 connection,
     * an idle one, a new one, or one freed later.
     */
    Deferred<PooledConnection> acquire(Key key) {
        HostPool pool = hosts.computeIfAbsent(key, HostPool::new);
        if (pool.multiplexed != null && pool.multiplexed.isAvailable()) {
            return Deferred.succeed(new Http2Lease(pool.multiplexed));
        }
        while (!pool.idle.isEmpty()) {
            HttpClientConnection connection = pool.idle.poll();
            cancelIdleTimer(connection);
            if (!connection.isClosed()) {
                return Deferred.succeed(connection);
            }
        }
        if (!pool.negotiating && pool.open < config.maxConnectionsPerHost()) {
            return open(pool);
        }
        Deferred<PooledConnection>[] self = newWaiterHolder();
        Deferred<PooledConnection> waiter = new Deferred<>(cancelled -> pool.waiting.remove(self[0]));
        self[0] = waiter;
        pool.waiting.add(waiter);
        return waiter;
    }

    @SuppressWarnings("unchecked")
    private static Deferred<PooledConnection>[] newWaiterHolder() {
        return new Deferred[1];
    }

    /** A new connection to {@code key}, whatever is idle (for retrying after a stale one failed). */
    Deferred<PooledConnection> acquireFresh(Key key) {
        return open(hosts.computeIfAbsent(key, HostPool::new));
    }

    /** Whether connections to this host offer h2 by ALPN: https, not through a proxy's tunnel, HTTP/2 allowed. */
    private boolean offersHttp2(HostPool pool) {
        return config.http2() != null && pool.key.tls() && pool.key.viaHost() == null;
    }

    private Deferred<PooledConnection> open(HostPool pool) {
        pool.open++;
        HttpClientConnection connection = new HttpClientConnection(config, clock, new HttpClientConnection.Owner() {
            @Override
            public void connected(HttpClientConnection c) {
            }

            @Override
            public void idle(HttpClientConnection c) {
                release(c);
            }

            @Override
            public void closed(HttpClientConnection c) {
                forget(c);
            }
        });
        owners.put(connection, pool);
        TlsOptions tls = pool.key.tls() ? config.tls().apply(pool.key.host()) : null;
        Deferred<PooledConnection> attempt;
        if (pool.key.viaHost() != null) {
            TunnelProtocol tunnel = new TunnelProtocol(pool.key.host(), pool.key.port(), tls, connection);
            attempt = connector.connect(pool.key.viaHost(), pool.key.viaPort(), null, config.connectTimeout(), tunnel)
                    .addCallbackDeferred(connected -> tunnel.established()).addCallback(established -> connection);
        } else if (offersHttp2(pool)) {
            attempt = negotiate(pool, connection, tls);
        } else {
            attempt = connector.connect(pool.key.host(), pool.key.port(), tls, config.connectTimeout(), connection)
                    .addCallback(connected -> connection);
        }
        Deferred<PooledConnection> result = new Deferred<>(cancelled -> attempt.cancel());
        attempt.addCallbacks(ready -> {
            if (!result.isCalled()) {
                result.callback(ready);
            } else {
                ready.abort();
            }
            return null;
        }, failure -> {
            if (owners.remove(connection) != null) {
                pool.open--;
                pool.negotiating = false;
                serveWaiting(pool);
            }
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
    }

    /**
     * Connects offering {@code h2} and {@code http/1.1} by ALPN (RFC 7301), and runs what the server
     * chose: {@code connection} for HTTP/1.1 (or no choice), else a new HTTP/2 connection that
     * becomes the host's shared one and takes the requests that waited for the answer.
     */
    private Deferred<PooledConnection> negotiate(HostPool pool, HttpClientConnection connection, TlsOptions tls) {
        if (!pool.http1Known) {
            pool.negotiating = true;
        }
        AlpnChoice choice = new AlpnChoice();
        return connector.connectNegotiating(pool.key.host(), pool.key.port(), tls.withApplicationProtocols("h2", "http/1.1"),
                config.connectTimeout(), choice).addCallback(protocol -> {
                    pool.negotiating = false;
                    if (!"h2".equals(protocol)) {
                        pool.http1Known = true;
                        choice.choose(connection);
                        serveWaiting(pool);
                        return connection;
                    }
                    // The HTTP/1.1 protocol never runs: the HTTP/2 connection takes its place in the count.
                    owners.remove(connection);
                    Http2ClientConnection multiplexed = new Http2ClientConnection(config.http2(), config.maxBufferedBodyBytes());
                    multiplexed.whenClosed().addCallback(closed -> {
                        pool.open--;
                        if (pool.multiplexed == multiplexed) {
                            pool.multiplexed = null;
                        }
                        serveWaiting(pool);
                        return null;
                    });
                    choice.choose(multiplexed);
                    pool.multiplexed = multiplexed;
                    while (!pool.waiting.isEmpty() && multiplexed.isAvailable()) {
                        Deferred<PooledConnection> waiter = pool.waiting.poll();
                        if (!waiter.isCalled()) {
                            waiter.callback(new Http2Lease(multiplexed));
                        }
                    }
                    return new Http2Lease(multiplexed);
                });
    }

    /** Takes back a connection whose response is complete. */
    private void release(HttpClientConnection connection) {
        HostPool pool = owners.get(connection);
        if (pool == null || connection.isClosed()) {
            return;
        }
        if (!config.persistent()) {
            connection.transport().loseConnection();
            return;
        }
        while (!pool.waiting.isEmpty()) {
            Deferred<PooledConnection> waiter = pool.waiting.poll();
            if (!waiter.isCalled()) {
                waiter.callback(connection);
                return;
            }
        }
        pool.idle.add(connection);
        idleTimers.put(connection, clock.callLater(config.idleTimeout(), () -> {
            idleTimers.remove(connection);
            pool.idle.remove(connection);
            log.debug("closing idle connection to {}", pool.key);
            connection.transport().loseConnection();
        }));
    }

    private void forget(HttpClientConnection connection) {
        cancelIdleTimer(connection);
        HostPool pool = owners.remove(connection);
        if (pool == null) {
            return;
        }
        pool.idle.remove(connection);
        pool.open--;
        serveWaiting(pool);
    }

    private void serveWaiting(HostPool pool) {
        while (!pool.waiting.isEmpty() && pool.multiplexed != null && pool.multiplexed.isAvailable()) {
            Deferred<PooledConnection> waiter = pool.waiting.poll();
            if (!waiter.isCalled()) {
                waiter.callback(new Http2Lease(pool.multiplexed));
            }
        }
        while (!pool.waiting.isEmpty() && !pool.negotiating && pool.open < config.maxConnectionsPerHost()) {
            Deferred<PooledConnection> waiter = pool.waiting.poll();
            if (waiter.isCalled()) {
                continue;
            }
            open(pool).chainDeferred(waiter);
        }
    }

    private void cancelIdleTimer(HttpClientConnection connection) {
        DelayedCall timer = idleTimers.remove(connection);
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }

    /** Closes every idle connection (the agent is shutting down), HTTP/2 ones with no stream in flight too. */
    void closeIdle() {
        for (HostPool pool : hosts.values()) {
            if (pool.multiplexed != null && pool.multiplexed.closeIfIdle()) {
                pool.multiplexed = null;
            }
            for (HttpClientConnection connection : pool.idle.toArray(new HttpClientConnection[0])) {
                cancelIdleTimer(connection);
                connection.transport().loseConnection();
            }
            pool.idle.clear();
        }
    }

    /** Connections open to {@code key} (busy, idle or connecting), for tests and metrics. */
    int openConnections(Key key) {
        HostPool pool = hosts.get(key);
        return pool == null ? 0 : pool.open;
    }

    /** Whether requests to {@code key} go as streams of an HTTP/2 connection now. */
    boolean speaksHttp2(Key key) {
        HostPool pool = hosts.get(key);
        return pool != null && pool.multiplexed != null && pool.multiplexed.isAvailable();
    }

    /** Idle connections to {@code key}. */
    int idleConnections(Key key) {
        HostPool pool = hosts.get(key);
        return pool == null ? 0 : pool.idle.size();
    }
}
