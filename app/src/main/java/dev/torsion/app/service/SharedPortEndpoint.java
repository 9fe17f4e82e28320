package dev.torsion.app.service;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.ReusePortListener;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.internet.endpoints.TCP4ServerEndpoint;
import dev.torsion.internet.endpoints.TCP6ServerEndpoint;

/**
 * The TCP endpoint a description names, bound with SO_REUSEPORT, for {@code --workers}: every
 * worker reactor binds the same port and the kernel spreads incoming connections among them.
 */
final class SharedPortEndpoint implements ServerEndpoint {
    private final ReusePortListener reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;

    private SharedPortEndpoint(ReusePortListener reactor, int port, int backlog, String interfaceAddress) {
        this.reactor = reactor;
        this.port = port;
        this.backlog = backlog;
        this.interfaceAddress = interfaceAddress;
    }

    /**
     * The shared-port version of {@code parsed} (made from {@code description}); throws
     * {@link IllegalArgumentException} when it is not a TCP endpoint with a fixed port.
     */
    static SharedPortEndpoint of(Reactor reactor, ServerEndpoint parsed, String description) {
        if (!(reactor instanceof ReusePortListener sharing)) {
            throw new IllegalArgumentException("--workers needs reactors that can share a port (SO_REUSEPORT), not " + reactor.kind());
        }
        SharedPortEndpoint shared;
        if (parsed instanceof TCP4ServerEndpoint tcp) {
            shared = new SharedPortEndpoint(sharing, tcp.port(), tcp.backlog(), tcp.interfaceAddress());
        } else if (parsed instanceof TCP6ServerEndpoint tcp6) {
            shared = new SharedPortEndpoint(sharing, tcp6.port(), tcp6.backlog(), tcp6.interfaceAddress());
        } else {
            throw new IllegalArgumentException("--workers shares TCP ports only (tcp:PORT, tcp6:PORT), not '"
                    + description + "'");
        }
        if (shared.port == 0) {
            throw new IllegalArgumentException("--workers needs a fixed port to share, not port 0 in '" + description + "'");
        }
        return shared;
    }

    @Override
    public Deferred<ListeningPort> listen(ProtocolFactory factory) {
        return Deferred.maybeDeferred(() -> reactor.listenTCPReusingPort(port, factory, backlog, interfaceAddress));
    }

    @Override
    public String toString() {
        return "SharedPortEndpoint(" + interfaceAddress + ":" + port + ")";
    }
}
