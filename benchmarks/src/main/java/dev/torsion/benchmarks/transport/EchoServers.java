package dev.torsion.benchmarks.transport;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.NettyReactor;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * The servers the load benchmarks measure side by side: each is started on loopback, measured
 * through its port, and stopped, so that Torsion and its raw Netty baseline run the same way.
 */
final class EchoServers {
    /** A measurement against a server's port. */
    interface Measurement {
        double run(int port) throws Exception;
    }

    /** Torsion's echo protocol. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }
    }

    private EchoServers() {
    }

    /** Runs {@code measurement} against Torsion's {@link Echo} on a reactor of {@code kind}. */
    static double withTorsionEcho(String kind, int backlog, Measurement measurement) throws Exception {
        NettyReactor reactor = NettyReactor.create(kind);
        try {
            ListeningPort port = reactor.listenTCP(0, a -> new Echo(), backlog, "127.0.0.1");
            return measurement.run(((IPv4Address) port.getHost()).port());
        } finally {
            reactor.close();
        }
    }

    /** Runs {@code measurement} against a raw Netty server with {@code handler} on one loop of {@code kind}. */
    static double withNettyServer(String kind, ChannelHandler handler, int backlog, Measurement measurement)
            throws Exception {
        MultiThreadIoEventLoopGroup group = RawNetty.oneLoop(kind);
        try {
            Channel server = RawNetty.listen(group, kind, handler, backlog);
            return measurement.run(RawNetty.port(server));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
