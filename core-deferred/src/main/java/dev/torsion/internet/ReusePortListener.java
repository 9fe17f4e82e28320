package dev.torsion.internet;

/**
 * A reactor that can listen on a TCP port shared with other sockets of the same user
 * ({@code SO_REUSEPORT}), so that several reactors, each on its own thread, accept connections on
 * one port and the kernel spreads them: the runner's {@code --workers}.
 */
public interface ReusePortListener {
    /** As {@link Reactor#listenTCP(int, ProtocolFactory, int, String)}, with {@code SO_REUSEPORT} set. */
    ListeningPort listenTCPReusingPort(int port, ProtocolFactory factory, int backlog, String interfaceAddress);
}
