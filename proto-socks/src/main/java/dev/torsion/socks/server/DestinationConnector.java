package dev.torsion.socks.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ClientEndpoint;
import java.net.InetAddress;
import java.time.Duration;

/**
 * How the server resolves names, reaches destinations and opens the ports BIND and UDP ASSOCIATE
 * need; replaced in tests by a memory one.
 */
public interface DestinationConnector {
    /** Resolves {@code host} off the reactor thread (DNS blocks). */
    Deferred<InetAddress> resolve(String host);

    /** An endpoint that connects to {@code address} port {@code port} within {@code timeout}. */
    ClientEndpoint endpoint(InetAddress address, int port, Duration timeout);

    /**
     * Listens for TCP on a port the system picks on {@code interfaceAddress} (a literal), for a
     * BIND; throws {@link dev.torsion.internet.error.CannotListenError} when it cannot.
     */
    ListeningPort listenTCP(String interfaceAddress, ProtocolFactory factory);

    /**
     * Binds a UDP socket on a port the system picks on {@code interfaceAddress} (a literal, or
     * {@code 0.0.0.0} / {@code ::} for any), for a UDP association; datagrams longer than
     * {@code maxPacketSize} are truncated.
     */
    ListeningPort listenUDP(String interfaceAddress, DatagramProtocol protocol, int maxPacketSize);
}
