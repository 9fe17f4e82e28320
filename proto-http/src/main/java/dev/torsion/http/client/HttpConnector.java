package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;

/**
 * How an {@link Agent} reaches a server: {@link ReactorHttpConnector} over TCP and TLS on a
 * reactor; tests connect in memory.
 */
@FunctionalInterface
public interface HttpConnector {
    /**
     * Connects {@code protocol} to {@code host}:{@code port}, over TLS with {@code tls} when it is
     * not null. The Deferred fails when the attempt fails (connection refused, DNS, timeout) and
     * fires once connected; cancelling it stops the attempt.
     */
    Deferred<Void> connect(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol);

    /**
     * Connects as {@link #connect} does, but fires only once the application protocol is known:
     * with the protocol the TLS handshake agreed on by ALPN (RFC 7301), or null when there is none
     * (no TLS, no ALPN offered, or a server that chose none). The protocol may be handed bytes
     * before then: the server's HTTP/2 SETTINGS, say. By default (a connector that cannot tell) it
     * fires with null once connected.
     */
    default Deferred<String> connectNegotiating(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        return connect(host, port, tls, timeout, protocol).addCallback(connected -> null);
    }
}
