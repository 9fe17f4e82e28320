package dev.torsion.socks.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.endpoints.ClientEndpoint;
import java.net.InetAddress;
import java.time.Duration;

/** How the server resolves names and reaches destinations; replaced in tests by a memory one. */
public interface DestinationConnector {
    /** Resolves {@code host} off the reactor thread (DNS blocks). */
    Deferred<InetAddress> resolve(String host);

    /** An endpoint that connects to {@code address} port {@code port} within {@code timeout}. */
    ClientEndpoint endpoint(InetAddress address, int port, Duration timeout);
}
