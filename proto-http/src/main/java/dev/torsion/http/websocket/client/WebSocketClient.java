package dev.torsion.http.websocket.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.HttpConnector;
import dev.torsion.http.client.ReactorHttpConnector;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.internet.Reactor;
import dev.torsion.time.Clock;
import dev.torsion.tls.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Opens WebSocket connections (RFC 6455 section 4.1) through the same connection machinery as the
 * {@link dev.torsion.http.client.Agent}: an {@link HttpConnector}, with the agent's connect timeout,
 * parser limits, user agent and TLS options ({@code wss:} verifies the server's name by default).
 *
 * <pre>{@code
 * new WebSocketClient(reactor).connect("wss://example.org/chat", new Chat())
 *         .addCallback(socket -> socket.sendText("hello"));
 * }</pre>
 *
 * The Deferred fires with the open {@link WebSocket} (after the protocol's {@code onOpen}) and
 * fails with the connection error or a {@link WebSocketHandshakeFailed}.
 */
public final class WebSocketClient {
    private final HttpConnector connector;
    private final Clock clock;
    private final AgentConfig config;
    private final WebSocketLimits limits;

    /** A client on {@code reactor} with the default settings. */
    public WebSocketClient(Reactor reactor) {
        this(new ReactorHttpConnector(reactor), reactor, AgentConfig.DEFAULT, WebSocketLimits.DEFAULT);
    }

    /** A client reaching servers through {@code connector}, timing on {@code clock}. */
    public WebSocketClient(HttpConnector connector, Clock clock, AgentConfig config, WebSocketLimits limits) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Connects to {@code uri} ({@code ws:} or {@code wss:}), offering permessage-deflate, no subprotocol. */
    public Deferred<WebSocket> connect(String uri, WebSocketProtocol protocol) {
        return connect(uri, new Headers(), List.of(), true, protocol);
    }

    /**
     * Connects to {@code uri} with extra request {@code headers} (an {@code Origin}, cookies,
     * {@code Authorization}), offering {@code subprotocols} in order, and permessage-deflate when
     * {@code compression}.
     */
    public Deferred<WebSocket> connect(String uri, Headers headers, List<String> subprotocols, boolean compression,
            WebSocketProtocol protocol) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Deferred.fail(new IllegalArgumentException("cannot connect to " + uri + ": " + e.getMessage(), e));
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        if (!secure && !scheme.equals("ws") && !scheme.equals("http")) {
            return Deferred.fail(new IllegalArgumentException("not a WebSocket URI: " + uri));
        }
        if (parsed.getHost() == null) {
            return Deferred.fail(new IllegalArgumentException("no host in " + uri));
        }
        String host = parsed.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = parsed.getPort() >= 0 ? parsed.getPort() : secure ? 443 : 80;
        Headers fields = new Headers();
        fields.add("Host", hostHeader(parsed.getHost(), parsed.getPort(), secure));
        if (config.userAgent() != null) {
            fields.add("User-Agent", config.userAgent());
        }
        headers.forEach(fields::add);
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        String target = parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();

        Deferred<WebSocket> result = new Deferred<>();
        ClientHandshake handshake = new ClientHandshake(target, fields, List.copyOf(subprotocols), compression,
                protocol, limits, config.parserLimits(), clock, result);
        TlsOptions tls = secure ? config.tls().apply(host) : null;
        connector.connect(host, port, tls, config.connectTimeout(), handshake).addErrback(failure -> {
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
    }

    /** RFC 6455 section 4.1 item 4 (RFC 7230 Host): the port only when it is not the scheme's default. */
    private static String hostHeader(String host, int port, boolean secure) {
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        boolean defaultPort = port < 0 || port == (secure ? 443 : 80);
        return defaultPort ? name : name + ":" + port;
    }
}
