package dev.torsion.http.client;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.parse.ParserLimits;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings of an {@link Agent}. Immutable; the {@code with...} methods return copies.
 *
 * @param connectTimeout how long a connection attempt may take
 * @param responseTimeout how long after sending a request its response head may take (null: no limit)
 * @param maxConnectionsPerHost connections open at once to one host (scheme, host, port); further requests wait in line
 * @param idleTimeout how long an unused kept-alive connection stays in the pool
 * @param persistent whether connections are kept alive and reused at all
 * @param tls the TLS options for a host name (default: the JDK's trust store, hostname verified)
 * @param proxyHost an HTTP proxy's host, or null: http:// requests go to it in absolute form, https:// ones
 *                  through a CONNECT tunnel
 * @param proxyPort the proxy's port
 * @param parserLimits limits on response heads
 * @param userAgent the User-Agent sent unless a request sets one (null: none)
 * @param closeTimeout how long a closing connection may take to hand its last bytes to a server that no
 *                     longer reads before it is aborted
 * @param maxBufferedBodyBytes how much of a response body is buffered before its reader is given, before
 *                             reading pauses
 * @param http2 the HTTP/2 limits of connections to https origins that choose {@code h2} by ALPN (RFC 9113
 *              section 3.2), or null to offer only HTTP/1.1
 */
public record AgentConfig(Duration connectTimeout, Duration responseTimeout, int maxConnectionsPerHost,
        Duration idleTimeout, boolean persistent, Function<String, TlsOptions> tls, String proxyHost, int proxyPort,
        ParserLimits parserLimits, String userAgent, Duration closeTimeout, int maxBufferedBodyBytes,
        Http2Limits http2) {
    /**
     * 30 s to connect, no response limit, 6 connections per host, 240 s idle, keep-alive, JDK trust,
     * 15 s to close, 256 KiB of a body buffered before it is read, HTTP/2 offered on https.
     */
    public static final AgentConfig DEFAULT = new AgentConfig(Duration.ofSeconds(30), null, 6, Duration.ofSeconds(240),
            true, TlsOptions::client, null, 0, ParserLimits.DEFAULT, "Torsion", Duration.ofSeconds(15), 256 * 1024,
            Http2Limits.DEFAULT);

    /** Checks the values: positive durations (a null response timeout is none) and limits. */
    public AgentConfig {
        Objects.requireNonNull(parserLimits, "parserLimits");
        Objects.requireNonNull(tls, "tls");
        positive("connectTimeout", connectTimeout);
        if (responseTimeout != null) {
            positive("responseTimeout", responseTimeout);
        }
        positive("idleTimeout", idleTimeout);
        positive("closeTimeout", closeTimeout);
        if (maxConnectionsPerHost <= 0) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be positive: " + maxConnectionsPerHost);
        }
        if (maxBufferedBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must be positive: " + maxBufferedBodyBytes);
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    /** A copy with another close deadline. */
    public AgentConfig withCloseTimeout(Duration timeout) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, idleTimeout, persistent, tls, proxyHost,
                proxyPort, parserLimits, userAgent, timeout, maxBufferedBodyBytes, http2);
    }

    /** A copy with another connect timeout. */
    public AgentConfig withConnectTimeout(Duration timeout) {
        return new AgentConfig(timeout, responseTimeout, maxConnectionsPerHost, idleTimeout, persistent, tls, proxyHost,
                proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy with a response timeout. */
    public AgentConfig withResponseTimeout(Duration timeout) {
        return new AgentConfig(connectTimeout, timeout, maxConnectionsPerHost, idleTimeout, persistent, tls, proxyHost,
                proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy with another per-host connection limit. */
    public AgentConfig withMaxConnectionsPerHost(int count) {
        return new AgentConfig(connectTimeout, responseTimeout, count, idleTimeout, persistent, tls, proxyHost,
                proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy with another idle timeout for pooled connections. */
    public AgentConfig withIdleTimeout(Duration timeout) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, timeout, persistent, tls, proxyHost,
                proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy that keeps connections alive or not. */
    public AgentConfig withPersistent(boolean keepAlive) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, idleTimeout, keepAlive, tls,
                proxyHost, proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy making TLS options per host name with {@code factory} (a private CA, say). */
    public AgentConfig withTls(Function<String, TlsOptions> factory) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, idleTimeout, persistent, factory,
                proxyHost, proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /** A copy sending requests through the HTTP proxy at {@code host}:{@code port} (https:// by CONNECT). */
    public AgentConfig withProxy(String host, int port) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, idleTimeout, persistent, tls,
                host, port, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, http2);
    }

    /**
     * A copy offering HTTP/2 by ALPN to https origins with these limits, or (null) offering HTTP/1.1
     * only.
     */
    public AgentConfig withHttp2(Http2Limits limits) {
        return new AgentConfig(connectTimeout, responseTimeout, maxConnectionsPerHost, idleTimeout, persistent, tls,
                proxyHost, proxyPort, parserLimits, userAgent, closeTimeout, maxBufferedBodyBytes, limits);
    }
}
