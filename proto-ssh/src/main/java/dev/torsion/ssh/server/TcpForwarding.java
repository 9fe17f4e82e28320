package dev.torsion.ssh.server;

import dev.torsion.defer.Deferred;
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

    /** Forwarding to any host and port, through {@code reactor}'s TCP client. */
    static TcpForwarding anywhere(Reactor reactor) {
        return (user, host, port, factory) -> new TCP4ClientEndpoint(reactor, host, port).connect(factory);
    }
}
