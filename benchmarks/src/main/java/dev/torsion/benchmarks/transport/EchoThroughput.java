package dev.torsion.benchmarks.transport;

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

/**
 * Echo throughput: 4 connections each keep 256 KiB in flight in 64 KiB chunks against an echo
 * server; the figure is bytes echoed per second. Servers compared, each on one loop thread of the
 * same kind: Torsion's {@code Echo} protocol, Netty's canonical echo handler, and (when Debian's
 * python3-twisted is installed) Twisted's echo for scale. The load client is raw Netty on its own
 * loop thread, the same for every server.
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

    /** Drives the server at {@code port} for warm-up plus {@code seconds}; returns bytes per second. */
    static double measure(String kind, int port, double seconds) throws Exception {
        MultiThreadIoEventLoopGroup clientLoop = RawNetty.oneLoop(kind);
        ByteBuf chunk = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK).writeZero(CHUNK));
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
            Thread.sleep((long) (seconds * 1000));
            long bytes = echoed.sum() - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            return bytes / elapsed;
        } finally {
            channels.forEach(Channel::close);
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static double torsion(String kind, double seconds) throws Exception {
        return EchoServers.withTorsionEcho(kind, 50, port -> measure(kind, port, seconds));
    }

    static double netty(String kind, double seconds, ChannelHandler handler) throws Exception {
        return EchoServers.withNettyServer(kind, handler, 50, port -> measure(kind, port, seconds));
    }

    /** Runs every server in turn, twice, and prints the best run of each and the ratio. */
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "epoll";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double bestTorsion = 0;
        double bestNetty = 0;
        double bestCopying = 0;
        netty(kind, 1, RawNetty.EchoHandler.INSTANCE); // warm-up round, not counted
        torsion(kind, 1);
        for (int round = 0; round < 3; round++) {
            bestNetty = Math.max(bestNetty, netty(kind, seconds, RawNetty.EchoHandler.INSTANCE));
            bestTorsion = Math.max(bestTorsion, torsion(kind, seconds));
            bestCopying = Math.max(bestCopying, netty(kind, seconds, RawNetty.CopyingEchoHandler.INSTANCE));
        }
        double twisted = Twisted.withEchoServer(port -> measure(kind, port, seconds));
        System.out.printf("echo throughput, %s, %d connections x 64 KiB chunks, best of 3 x %.0f s%n",
                kind, CONNECTIONS, seconds);
        System.out.printf("  raw Netty echo handler : %8.1f MiB/s%n", bestNetty / (1 << 20));
        System.out.printf("  raw Netty, byte[] copy : %8.1f MiB/s%n", bestCopying / (1 << 20));
        System.out.printf("  Torsion Echo protocol  : %8.1f MiB/s%n", bestTorsion / (1 << 20));
        System.out.printf("  Twisted 22 echo (epoll): %8.1f MiB/s%n", twisted / (1 << 20));
        System.out.printf("  ratio Torsion / Netty  : %8.2f (target >= 0.85)%n", bestTorsion / bestNetty);
        System.out.printf("  ratio Torsion / Netty with the same byte[] copies: %.2f%n", bestTorsion / bestCopying);
    }
}
