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
}
