package dev.torsion.netty.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports on the loopback interface, for tests and benchmarks that start a server or a peer
 * program on a port of their own. The port is free when it is returned; a test binds it at once.
 *
 * <pre>{@code
 * int port = FreePorts.tcp();
 * Process nsd = ...("port: " + FreePorts.tcpAndUdp());
 * }</pre>
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** A TCP port nothing listens on at 127.0.0.1. */
    public static int tcp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port free for both TCP and UDP at 127.0.0.1, for servers that take both (DNS, SIP). Tries
     * again when the UDP port the kernel gives is taken on TCP.
     */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException takenOnTcp) {
                // the next attempt gets another UDP port
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on loopback");
    }
}
