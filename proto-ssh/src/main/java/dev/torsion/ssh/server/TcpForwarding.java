package dev.torsion.ssh.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;

/**
 * Opens the TCP connections of {@code direct-tcpip} channels (RFC 4254 section 7.2): the policy of
 * where forwarded connections may go, and the reactor that makes them. A server without one
 * refuses such channels with SSH_OPEN_ADMINISTRATIVELY_PROHIBITED.
 */
@FunctionalInterface
public interface TcpForwarding {
    /** Connects to {@code host}:{@code port} for {@code user}; fails when refused or unreachable. */
    Deferred<Protocol> connect(String user, String host, int port, ProtocolFactory factory);

    /**
     * Listens for a remote forward ({@code tcpip-forward}, RFC 4254 section 7.1) on loopback port
     * {@code port} (0: any); throws when refused or the port cannot be bound. None by default.
     */
    default ListeningPort listen(String user, int port, ProtocolFactory factory) {
        throw new UnsupportedOperationException("remote forwarding is off");
    }

    /**
     * Forwarding to any host and port through {@code reactor}'s TCP client, and remote forwards on
     * loopback only (as OpenSSH's {@code GatewayPorts no}).
     */
    static TcpForwarding anywhere(Reactor reactor) {
        return new TcpForwarding() {
            @Override
            public Deferred<Protocol> connect(String user, String host, int port, ProtocolFactory factory) {
                return new TCP4ClientEndpoint(reactor, host, port).connect(factory);
            }

            @Override
            public ListeningPort listen(String user, int port, ProtocolFactory factory) {
                return reactor.listenTCP(port, factory, Reactor.DEFAULT_BACKLOG, "127.0.0.1");
            }
        };
    }
}
