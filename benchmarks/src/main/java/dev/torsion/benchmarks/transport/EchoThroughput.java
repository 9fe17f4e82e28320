package dev.torsion.benchmarks.transport;

import dev.torsion.internet.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Echo throughput: 4 connections each keep 256 KiB in flight in 64 KiB chunks against an echo
 * server; the figure is bytes echoed per second, and beside it the CPU time the server's loop
 * thread spent per GiB (a figure the machine's other load moves far less). Servers compared, each
 * on one loop thread of the same kind: Netty's canonical echo handler (no copy), the same paying
 * the two copies of the {@code byte[]} contract, Torsion's echo on the buffer path
 * ({@code BufferProtocol}: the lent view written back, no copy) and on the {@code byte[]} contract
 * ({@code dataReceived}), and (when Debian's python3-twisted is installed) Twisted's echo for
 * scale. The load client is raw Netty on its own loop thread, the same for every server.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.transport.EchoThroughput [epoll|nio] [seconds]}
 */
public final class EchoThroughput {
    private static final int CONNECTIONS = 4;
    private static final int CHUNK = 64 * 1024;
    private static final int WINDOW = 4 * CHUNK;

    private EchoThroughput() {
    }

    /** Keeps {@link #WINDOW} bytes in flight and counts what comes back. */
    static final class LoadHandler extends ChannelInboundHandlerAdapter {
        private final ByteBuf chunk;
        private final LongAdder echoed;
        private long sent;
        private long received;

        LoadHandler(ByteBuf chunk, LongAdder echoed) {
            this.chunk = chunk;
            this.echoed = echoed;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            topUp(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received += buf.readableBytes();
            echoed.add(buf.readableBytes());
            buf.release();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            topUp(ctx);
        }

        private void topUp(ChannelHandlerContext ctx) {
            boolean wrote = false;
            while (sent - received < WINDOW && ctx.channel().isActive()) {
                ctx.write(chunk.retainedDuplicate(), ctx.voidPromise());
                sent += CHUNK;
                wrote = true;
            }
            if (wrote) {
                ctx.flush();
            }
        }
    }

    /**
     * One run against one server: bytes echoed per second, and the CPU time the server's loop
     * thread (Twisted: its process) spent per GiB echoed, NaN when it cannot be read.
     */
    record Run(double bytesPerSecond, double cpuSecondsPerGiB) {
        static final Run NONE = new Run(Double.NaN, Double.NaN);
    }

    /** A server's rounds: the best throughput, and the median CPU time per GiB (steadier than the best). */
    static final class Rounds {
        private final List<Run> runs = new ArrayList<>();

        void add(Run run) {
            runs.add(run);
        }

        double bytesPerSecond() {
            return runs.stream().mapToDouble(Run::bytesPerSecond).max().orElse(Double.NaN);
        }

        double cpuSecondsPerGiB() {
            double[] sorted = runs.stream().mapToDouble(Run::cpuSecondsPerGiB).sorted().toArray();
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        }
    }

    /** Drives the server at {@code port} for warm-up plus {@code seconds}. */
    static Run measure(String kind, int port, double seconds, LongSupplier serverCpuNanos) throws Exception {
        MultiThreadIoEventLoopGroup clientLoop = RawNetty.oneLoop(kind);
        ByteBuf zeros = Unpooled.directBuffer(CHUNK).writeZero(CHUNK);
        ByteBuf chunk = Unpooled.unreleasableBuffer(zeros);
        LongAdder echoed = new LongAdder();
        List<Channel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                channels.add(new Bootstrap().group(clientLoop).channel(RawNetty.socketChannel(kind))
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new LoadHandler(chunk, echoed))
                        .connect("127.0.0.1", port).syncUninterruptibly().channel());
            }
            Thread.sleep(2000); // warm-up: the JIT compiles the hot paths
            long start = System.nanoTime();
            long before = echoed.sum();
            long cpuBefore = serverCpuNanos.getAsLong();
            Thread.sleep((long) (seconds * 1000));
            long bytes = echoed.sum() - before;
            long cpu = serverCpuNanos.getAsLong() - cpuBefore;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuPerGiB = cpuBefore < 0 || bytes == 0 ? Double.NaN : cpu / 1e9 / ((double) bytes / (1L << 30));
            return new Run(bytes / elapsed, cpuPerGiB);
        } finally {
            channels.forEach(Channel::close);
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            zeros.release(); // the writes shared it unreleasable; freed once the client is gone
        }
    }

    static Run torsion(String kind, double seconds, Supplier<Protocol> echo) throws Exception {
        return EchoServers.withTorsion(kind, echo, 50, (port, cpu) -> measure(kind, port, seconds, cpu));
    }

    static Run netty(String kind, double seconds, ChannelHandler handler) throws Exception {
        return EchoServers.withNettyServer(kind, handler, 50, (port, cpu) -> measure(kind, port, seconds, cpu));
    }

    /**
     * Runs every server in turn, three times, and prints the best throughput and the median CPU
     * time per GiB of each, and the ratios.
     */
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "epoll";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Rounds netty = new Rounds();
        Rounds copying = new Rounds();
        Rounds torsionArrays = new Rounds();
        Rounds torsionBuffers = new Rounds();
        netty(kind, 1, RawNetty.EchoHandler.INSTANCE); // warm-up round, not counted
        torsion(kind, 1, EchoServers.Echo::new);
        torsion(kind, 1, EchoServers.BufferEcho::new);
        for (int round = 0; round < 3; round++) {
            netty.add(netty(kind, seconds, RawNetty.EchoHandler.INSTANCE));
            torsionBuffers.add(torsion(kind, seconds, EchoServers.BufferEcho::new));
            torsionArrays.add(torsion(kind, seconds, EchoServers.Echo::new));
            copying.add(netty(kind, seconds, RawNetty.CopyingEchoHandler.INSTANCE));
        }
        Rounds twisted = new Rounds();
        twisted.add(Twisted.withEchoServer((port, cpu) -> measure(kind, port, seconds, cpu), Run.NONE));
        System.out.printf("echo throughput, %s, %d connections x 64 KiB chunks, 3 rounds x %.0f s (Twisted: 1)%n",
                kind, CONNECTIONS, seconds);
        System.out.printf("  %-44s %14s %26s%n", "server", "best MiB/s", "median server CPU s/GiB");
        print("raw Netty echo handler", netty);
        print("raw Netty, byte[] copies", copying);
        print("Torsion Echo, buffer path (BufferProtocol)", torsionBuffers);
        print("Torsion Echo, byte[] (dataReceived)", torsionArrays);
        print("Twisted 22 echo (epoll)", twisted);
        System.out.printf("  ratio Torsion buffer path / Netty  : %5.2f (target >= 0.85); CPU per GiB %5.2f%n",
                torsionBuffers.bytesPerSecond() / netty.bytesPerSecond(),
                torsionBuffers.cpuSecondsPerGiB() / netty.cpuSecondsPerGiB());
        System.out.printf("  ratio Torsion byte[] / Netty       : %5.2f; CPU per GiB %5.2f%n",
                torsionArrays.bytesPerSecond() / netty.bytesPerSecond(),
                torsionArrays.cpuSecondsPerGiB() / netty.cpuSecondsPerGiB());
        System.out.printf("  ratio Torsion byte[] / Netty with the same byte[] copies: %5.2f; CPU per GiB %5.2f%n",
                torsionArrays.bytesPerSecond() / copying.bytesPerSecond(),
                torsionArrays.cpuSecondsPerGiB() / copying.cpuSecondsPerGiB());
    }

    private static void print(String server, Rounds rounds) {
        System.out.printf("  %-44s %14.1f %26.3f%n", server, rounds.bytesPerSecond() / (1 << 20),
                rounds.cpuSecondsPerGiB());
    }
}
