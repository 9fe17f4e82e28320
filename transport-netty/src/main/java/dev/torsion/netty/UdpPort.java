package dev.torsion.netty;

import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;

/** Placeholder replaced in the next commit. */
final class UdpPort {
    UdpPort(NettyReactor reactor, DatagramProtocol protocol, int maxPacketSize) {
    }

    ListeningPort bind(int port, String iface) {
        throw new IllegalStateException("UDP is not built yet");
    }
}
