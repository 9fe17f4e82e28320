package dev.torsion.http.h2.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.HttpClient;
import dev.torsion.http.client.HttpConnector;
import dev.torsion.http.client.ReactorHttpConnector;
import dev.torsion.http.client.Response;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.internet.Reactor;
import dev.torsion.tls.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link HttpClient} that speaks HTTP/2 (RFC 9113) and multiplexes every request to one origin
 * over one connection: {@code https} offers {@code h2} by ALPN (with the {@code AgentConfig}'s TLS
 * options, so the server's name is verified), {@code http} uses prior knowledge (section 3.3). It
 * reaches servers through the same {@link HttpConnector} as the {@code Agent}, and its responses
 * are the same {@link Response}s ({@code Agent.readBody} reads them).
 *
 * <p>The server must speak HTTP/2: this client does not fall back to HTTP/1.1.
 */
public final class Http2Agent implements HttpClient {
    private final HttpConnector connector;
    private final AgentConfig config;
    private final Http2Limits limits;
    private final Map<String, Http2ClientConnection> connections = new HashMap<>();
    private final Map<String, List<Deferred<Http2ClientConnection>>> connecting = new HashMap<>();

    /** An agent on {@code reactor} with the default settings. */
    public Http2Agent(Reactor reactor) {
        this(new ReactorHttpConnector(reactor), AgentConfig.DEFAULT, Http2Limits.DEFAULT);
    }

    /** An agent reaching servers through {@code connector}. */
    public Http2Agent(HttpConnector connector, AgentConfig config, Http2Limits limits) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.config = Objects.requireNonNull(config, "config");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Deferred.fail(new IllegalArgumentException("cannot request " + uri + ": " + e.getMessage(), e));
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
            return Deferred.fail(new IllegalArgumentException("cannot request " + uri));
        }
        Headers fields = headers == null ? new Headers() : new Headers(headers);
        if (config.userAgent() != null && !fields.contains("User-Agent")) {
            fields.add("User-Agent", config.userAgent());
        }
        return connection(parsed).addCallbackDeferred(connection -> connection.request(method, parsed, fields, body));
    }

    /** The number of connections open to {@code scheme://host:port} (for tests: one per origin). */
    public int openConnections(String scheme, String host, int port) {
        Http2ClientConnection connection = connections.get(scheme + "://" + host + ":" + port);
        return connection != null && connection.isConnected() ? 1 : 0;
    }

    private Deferred<Http2ClientConnection> connection(URI uri) {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String key = (tls ? "https" : "http") + "://" + host + ":" + port;
        Http2ClientConnection existing = connections.get(key);
        if (existing != null && existing.isAvailable()) {
            return Deferred.succeed(existing);
        }
        Deferred<Http2ClientConnection> waiting = new Deferred<>();
        List<Deferred<Http2ClientConnection>> queue = connecting.get(key);
        if (queue != null) {
            // A connection to this origin is being made: this request shares it.
            queue.add(waiting);
            return waiting;
        }
        queue = new ArrayList<>(List.of(waiting));
        connecting.put(key, queue);
        Http2ClientConnection connection = new Http2ClientConnection(limits, config.maxBufferedBodyBytes());
        TlsOptions options = tls ? config.tls().apply(host).withApplicationProtocols("h2") : null;
        connector.connect(host, port, options, config.connectTimeout(), connection).addCallbacks(done -> {
            connections.put(key, connection);
            for (Deferred<Http2ClientConnection> each : connecting.remove(key)) {
                each.callback(connection);
            }
            return null;
        }, failure -> {
            for (Deferred<Http2ClientConnection> each : connecting.remove(key)) {
                each.errback(failure);
            }
            return null;
        });
        return waiting;
    }
}
