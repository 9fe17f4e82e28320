package dev.torsion.netty;

import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import java.time.Duration;

/** Placeholder replaced in the next commit. */
final class UnixSockets {
    UnixSockets(NettyReactor reactor) {
    }

    ListeningPort listen(String path, ProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        throw new IllegalStateException("UNIX sockets are not built yet");
    }

    Connector connect(String path, ClientFactory factory, Duration timeout, boolean checkPID) {
        throw new IllegalStateException("UNIX sockets are not built yet");
    }

    ListeningPort listenDatagram(String path, DatagramProtocol protocol, int maxPacketSize, int mode) {
        throw new IllegalStateException("UNIX sockets are not built yet");
    }
}
