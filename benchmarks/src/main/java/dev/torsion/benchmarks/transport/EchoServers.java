package dev.torsion.benchmarks.transport;

import dev.torsion.internet.BufferProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.NettyReactor;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The servers the load benchmarks measure side by side: each is started on loopback, measured
 * through its port, and stopped, so that Torsion and its raw Netty baseline run the same way. Each
 * measurement can read the CPU time of the server's one loop thread, a figure that the machine's
 * other load moves far less than the throughput.
 */
final class EchoServers {
    /** A measurement against a server's port; {@code serverCpuNanos} reads the server's CPU time so far. */
    interface Measurement<T> {
        T run(int port, LongSupplier serverCpuNanos) throws Exception;
    }

    /** Torsion's echo protocol on the {@code byte[]} contract: a copy out of Netty's buffer, one back in. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }
    }

    /** Torsion's echo protocol on the buffer path: the lent view written back, no copy. */
    static final class BufferEcho extends Protocol implements BufferProtocol {
        @Override
        public void bufferReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    private EchoServers() {
    }

    /** Runs {@code measurement} against Torsion's {@link Echo} on a reactor of {@code kind}. */
    static <T> T withTorsionEcho(String kind, int backlog, Measurement<T> measurement) throws Exception {
        return withTorsion(kind, Echo::new, backlog, measurement);
    }

    /** Runs {@code measurement} against a Torsion server of {@code protocols} on a reactor of {@code kind}. */
    static <T> T withTorsion(String kind, Supplier<Protocol> protocols, int backlog, Measurement<T> measurement)
            throws Exception {
        NettyReactor reactor = NettyReactor.create(kind);
        try {
            ListeningPort port = reactor.listenTCP(0, a -> protocols.get(), backlog, "127.0.0.1");
            CompletableFuture<Thread> loop = new CompletableFuture<>();
            reactor.callFromThread(() -> loop.complete(Thread.currentThread()));
            return measurement.run(((IPv4Address) port.getHost()).port(), cpuTimeOf(loop.get(10, TimeUnit.SECONDS)));
        } finally {
            reactor.close();
        }
    }

    /** Runs {@code measurement} against a raw Netty server with {@code handler} on one loop of {@code kind}. */
    static <T> T withNettyServer(String kind, ChannelHandler handler, int backlog, Measurement<T> measurement)
            throws Exception {
        MultiThreadIoEventLoopGroup group = RawNetty.oneLoop(kind);
        try {
            Channel server = RawNetty.listen(group, kind, handler, backlog);
            Thread loop = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            return measurement.run(RawNetty.port(server), cpuTimeOf(loop));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Reads the CPU time {@code thread} has used (user and system), in nanoseconds. */
    static LongSupplier cpuTimeOf(Thread thread) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long id = thread.getId();
        return () -> threads.getThreadCpuTime(id);
    }
}
