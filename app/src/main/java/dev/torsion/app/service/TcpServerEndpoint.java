package dev.torsion.app.service;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.TcpOptions;

/**
 * A TCP server endpoint on a Netty reactor, optionally bound with SO_REUSEPORT for
 * {@code --workers}: every worker reactor binds the same port and the kernel spreads incoming
 * connections among them. It takes the TCP subset of the endpoint syntax:
 * {@code tcp:PORT[:interface=ADDRESS][:backlog=N]}.
 */
final class TcpServerEndpoint implements dev.torsion.internet.endpoints.ServerEndpoint {
    private final NettyReactor reactor;
    private final int port;
    private final String interfaceAddress;
    private final int backlog;
    private final boolean reusePort;

    private TcpServerEndpoint(NettyReactor reactor, int port, String interfaceAddress, int backlog, boolean reusePort) {
        this.reactor = reactor;
        this.port = port;
        this.interfaceAddress = interfaceAddress;
        this.backlog = backlog;
        this.reusePort = reusePort;
    }

    /**
     * Parses {@code tcp:PORT[:interface=ADDRESS][:backlog=N]}; throws {@link IllegalArgumentException}
     * otherwise. With {@code reusePort} the port is shared with sibling reactors.
     */
    static TcpServerEndpoint parse(Reactor reactor, String description, boolean reusePort) {
        if (!(reactor instanceof NettyReactor netty)) {
            throw new IllegalArgumentException("the runner's reactors are Netty reactors; got " + reactor.getClass().getName());
        }
        String[] parts = description.split(":", -1);
        if (parts.length < 2 || !parts[0].equals("tcp")) {
            throw new IllegalArgumentException("'" + description
                    + "' is not a TCP endpoint: tcp:PORT[:interface=ADDRESS][:backlog=N]");
        }
        int port = number(parts[1], "port", description, 0, 65535);
        String interfaceAddress = "";
        int backlog = Reactor.DEFAULT_BACKLOG;
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("interface=")) {
                interfaceAddress = part.substring("interface=".length());
            } else if (part.startsWith("backlog=")) {
                backlog = number(part.substring("backlog=".length()), "backlog", description, 1, 65535);
            } else {
                throw new IllegalArgumentException("unknown option '" + part + "' in '" + description
                        + "' (interface=, backlog=)");
            }
        }
        if (port == 0 && reusePort) {
            throw new IllegalArgumentException("--workers needs a fixed port to share, not port 0");
        }
        return new TcpServerEndpoint(netty, port, interfaceAddress, backlog, reusePort);
    }

    private static int number(String text, String what, String description, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new NumberFormatException("out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "' in '" + description + "'");
        }
    }

    @Override
    public Deferred<ListeningPort> listen(ProtocolFactory factory) {
        return Deferred.maybeDeferred(() -> reactor.listenTCP(port, factory, backlog, interfaceAddress,
                TcpOptions.DEFAULT.withReusePort(reusePort)));
    }
}
