package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
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
        final ArrayDeque<Deferred<HttpClientConnection>> waiting = new ArrayDeque<>();
        int open;

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

    /** A connection to {@code key} ready for one request: an idle one, a new one, or one freed later. */
    Deferred<HttpClientConnection> acquire(Key key) {
        HostPool pool = hosts.computeIfAbsent(key, HostPool::new);
        while (!pool.idle.isEmpty()) {
            HttpClientConnection connection = pool.idle.poll();
            cancelIdleTimer(connection);
            if (!connection.isClosed()) {
                return Deferred.succeed(connection);
            }
        }
        if (pool.open < config.maxConnectionsPerHost()) {
            return open(pool);
        }
        Deferred<HttpClientConnection>[] self = newWaiterHolder();
        Deferred<HttpClientConnection> waiter = new Deferred<>(cancelled -> pool.waiting.remove(self[0]));
        self[0] = waiter;
        pool.waiting.add(waiter);
        return waiter;
    }

    @SuppressWarnings("unchecked")
    private static Deferred<HttpClientConnection>[] newWaiterHolder() {
        return new Deferred[1];
    }

    /** A new connection to {@code key}, whatever is idle (for retrying after a stale one failed). */
    Deferred<HttpClientConnection> acquireFresh(Key key) {
        return open(hosts.computeIfAbsent(key, HostPool::new));
    }

    private Deferred<HttpClientConnection> open(HostPool pool) {
        pool.open++;
        Deferred<HttpClientConnection> ready = new Deferred<>();
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
        Deferred<Void> attempt;
        if (pool.key.viaHost() != null) {
            TunnelProtocol tunnel = new TunnelProtocol(pool.key.host(), pool.key.port(), tls, connection);
            attempt = connector.connect(pool.key.viaHost(), pool.key.viaPort(), null, config.connectTimeout(), tunnel)
                    .addCallbackDeferred(connected -> tunnel.established());
        } else {
            attempt = connector.connect(pool.key.host(), pool.key.port(), tls, config.connectTimeout(), connection);
        }
        Deferred<HttpClientConnection> result = new Deferred<>(cancelled -> attempt.cancel());
        attempt.addCallbacks(connected -> {
            if (!result.isCalled()) {
                result.callback(connection);
            } else {
                connection.abort();
            }
            return null;
        }, failure -> {
            if (owners.remove(connection) != null) {
                pool.open--;
                serveWaiting(pool);
            }
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
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
            Deferred<HttpClientConnection> waiter = pool.waiting.poll();
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
        while (!pool.waiting.isEmpty() && pool.open < config.maxConnectionsPerHost()) {
            Deferred<HttpClientConnection> waiter = pool.waiting.poll();
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

    /** Closes every idle connection (the agent is shutting down). */
    void closeIdle() {
        for (HostPool pool : hosts.values()) {
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

    /** Idle connections to {@code key}. */
    int idleConnections(Key key) {
        HostPool pool = hosts.get(key);
        return pool == null ? 0 : pool.idle.size();
    }
}
