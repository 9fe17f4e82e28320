package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.HttpSyntax;
import dev.torsion.internet.Reactor;
import dev.torsion.time.Clock;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTP client, as Twisted's {@code Agent}: requests go over pooled, kept-alive connections
 * (see {@link AgentConfig}), to http:// and https:// URIs (TLS with the host name verified),
 * optionally through an HTTP proxy (absolute-form requests for http://, a {@code CONNECT} tunnel
 * with TLS inside for https://). An idempotent request that fails on a reused connection before
 * any response arrived (the server had closed it) is retried once on a new one.
 *
 * <p>HTTP/2: a direct https connection offers {@code h2} and {@code http/1.1} by ALPN (unless
 * {@link AgentConfig#http2()} is null). When the server chooses {@code h2}, every request to that
 * origin goes as a stream of that one connection (the {@code h2.client} package's
 * {@code Http2ClientConnection}), with the same {@link Response}s; otherwise HTTP/1.1 as above.
 * The response timeout applies alike (a stream that times out is reset, the connection goes on).
 *
 * <pre>{@code
 * Agent agent = new Agent(reactor);
 * agent.request("GET", "http://example.org/", null, null)
 *      .addCallbackDeferred(Agent::readBody)
 *      .addCallback(bytes -> new String(bytes, UTF_8));
 * }</pre>
 *
 * Redirects, gzip and cookies are wrappers: {@link RedirectAgent}, {@link ContentDecoderAgent},
 * {@link CookieAgent}.
 */
public final class Agent implements HttpClient {
    private final AgentConfig config;
    private final ConnectionPool pool;
    private final Clock clock;

    /** An agent on {@code reactor} with the default settings. */
    public Agent(Reactor reactor) {
        this(new ReactorHttpConnector(reactor), reactor, AgentConfig.DEFAULT);
    }

    /** An agent on {@code reactor} with {@code config}. */
    public Agent(Reactor reactor, AgentConfig config) {
        this(new ReactorHttpConnector(reactor), reactor, config);
    }

    /** An agent reaching servers through {@code connector}, timing on {@code clock}. */
    public Agent(HttpConnector connector, Clock clock, AgentConfig config) {
        this.config = config;
        this.clock = clock;
        this.pool = new ConnectionPool(connector, clock, config);
    }

    /** This agent's settings. */
    public AgentConfig config() {
        return config;
    }

    @Override
    public Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body) {
        OutgoingRequest outgoing;
        ConnectionPool.Key key;
        try {
            URI parsed = new URI(uri);
            outgoing = prepare(method, parsed, headers == null ? new Headers() : new Headers(headers), body);
            key = keyFor(parsed);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Deferred.fail(new IllegalArgumentException("cannot request " + uri + ": " + e.getMessage(), e));
        }
        RequestAttempt attempt = new RequestAttempt(outgoing, key);
        return attempt.start();
    }

    private OutgoingRequest prepare(String method, URI uri, Headers headers, BodyProducer body) {
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("invalid method " + method);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("unsupported scheme " + scheme);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        if (config.userAgent() != null && !headers.contains("User-Agent")) {
            headers.add("User-Agent", config.userAgent());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String originForm = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        boolean viaProxy = config.proxyHost() != null && scheme.equals("http");
        String target = viaProxy ? scheme + "://" + OutgoingRequest.hostHeader(uri) + originForm : originForm;
        return new OutgoingRequest(method, uri, target, headers, body);
    }

    private ConnectionPool.Key keyFor(URI uri) {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        if (config.proxyHost() != null && !tls) {
            return new ConnectionPool.Key(false, config.proxyHost(), config.proxyPort());
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : (tls ? 443 : 80);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (config.proxyHost() != null) {
            return new ConnectionPool.Key(true, host, port, config.proxyHost(), config.proxyPort());
        }
        return new ConnectionPool.Key(tls, host, port);
    }

    /** Closes the idle pooled connections. */
    public void closeIdleConnections() {
        pool.closeIdle();
    }

    /** Open connections to {@code scheme://host:port}, for tests and metrics. */
    public int openConnections(String scheme, String host, int port) {
        return pool.openConnections(new ConnectionPool.Key(scheme.equals("https"), host, port));
    }

    /** Whether requests to {@code https://host:port} go as streams of one HTTP/2 connection now (the server chose h2). */
    public boolean speaksHttp2(String scheme, String host, int port) {
        return pool.speaksHttp2(new ConnectionPool.Key(scheme.equals("https"), host, port));
    }

    /** Idle pooled connections to {@code scheme://host:port}. */
    public int idleConnections(String scheme, String host, int port) {
        return pool.idleConnections(new ConnectionPool.Key(scheme.equals("https"), host, port));
    }

    /** Reads the whole body of {@code response}, as Twisted's {@code readBody}. */
    public static Deferred<byte[]> readBody(Response response) {
        return BodyReader.read(response, Long.MAX_VALUE);
    }

    /** Reads the whole body, failing with {@link BodyTooLarge} beyond {@code maxBytes}. */
    public static Deferred<byte[]> readBody(Response response, long maxBytes) {
        return BodyReader.read(response, maxBytes);
    }

    /** One request through connection, send and response, with its retry and cancellation. */
    private final class RequestAttempt {
        private final OutgoingRequest outgoing;
        private final ConnectionPool.Key key;
        private final Deferred<Response> result;
        private Deferred<PooledConnection> acquiring;
        private PooledConnection connection;
        private boolean retried;

        RequestAttempt(OutgoingRequest outgoing, ConnectionPool.Key key) {
            this.outgoing = outgoing;
            this.key = key;
            this.result = new Deferred<>(cancelled -> cancel());
        }

        Deferred<Response> start() {
            acquire(pool.acquire(key));
            if (config.responseTimeout() != null) {
                result.addTimeout(config.responseTimeout(), clock);
            }
            return result;
        }

        private void acquire(Deferred<PooledConnection> pending) {
            acquiring = pending;
            pending.addCallbacks(acquired -> {
                acquiring = null;
                send(acquired);
                return null;
            }, failure -> {
                acquiring = null;
                if (!result.isCalled()) {
                    result.errback(failure);
                }
                return null;
            });
        }

        private void send(PooledConnection acquired) {
            connection = acquired;
            Deferred<Response> answer = new Deferred<>();
            answer.addCallbacks(response -> {
                if (!result.isCalled()) {
                    result.callback(response);
                }
                return null;
            }, failure -> {
                retryOrFail(acquired, failure);
                return null;
            });
            acquired.send(outgoing, answer);
        }

        private void retryOrFail(PooledConnection failed, Failure failure) {
            if (result.isCalled()) {
                return;
            }
            if (!retried && failed.mayRetry(outgoing, failure)) {
                retried = true;
                acquire(pool.acquireFresh(key));
                return;
            }
            result.errback(failure);
        }

        private void cancel() {
            if (acquiring != null) {
                acquiring.cancel();
            }
            if (connection != null) {
                connection.abort();
            }
        }
    }
}
