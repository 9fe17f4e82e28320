package dev.torsion.benchmarks.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections per second: each of 32 client slots connects, sends one byte, waits for the byte to
 * come back, closes, and starts again. Servers: Torsion's echo protocol against Netty's echo
 * handler (and Twisted's, when installed), each on one loop thread of the same kind; the client is
 * raw Netty on its own loop thread.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.transport.ConnectionRate [epoll|nio] [seconds]}
 */
public final class ConnectionRate {
    private static final int SLOTS = 32;

    private ConnectionRate() {
    }

    /** One connection of the load: one byte out, one byte back, close, next. */
    @ChannelHandler.Sharable
    static final class OneByte extends ChannelInboundHandlerAdapter {
        private static final ByteBuf BYTE = Unpooled.unreleasableBuffer(Unpooled.directBuffer(1).writeByte('x'));

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(BYTE.duplicate(), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static double measure(String kind, int port, double seconds) throws Exception {
        MultiThreadIoEventLoopGroup clientLoop = RawNetty.oneLoop(kind);
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        Bootstrap bootstrap = new Bootstrap().group(clientLoop).channel(RawNetty.socketChannel(kind))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new OneByte());
        boolean[] running = {true};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (!running[0]) {
                return;
            }
            bootstrap.connect("127.0.0.1", port).addListener(f -> {
                if (!f.isSuccess()) {
                    failed.increment();
                    clientLoop.execute(next[0]);
                    return;
                }
                Channel ch = ((ChannelFuture) f).channel();
                ch.closeFuture().addListener(c -> {
                    completed.increment();
                    next[0].run();
                });
            });
        };
        try {
            clientLoop.execute(() -> {
                for (int i = 0; i < SLOTS; i++) {
                    next[0].run();
                }
            });
            Thread.sleep(2000); // warm-up
            long before = completed.sum();
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long done = completed.sum() - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            return done / elapsed;
        } finally {
            clientLoop.submit(() -> running[0] = false).syncUninterruptibly();
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static double torsion(String kind, double seconds) throws Exception {
        return EchoServers.withTorsionEcho(kind, 1024, (port, cpu) -> measure(kind, port, seconds));
    }

    static double netty(String kind, double seconds) throws Exception {
        return EchoServers.withNettyServer(kind, RawNetty.EchoHandler.INSTANCE, 1024,
                (port, cpu) -> measure(kind, port, seconds));
    }

    /** Runs both servers three times, interleaved, and prints the best of each and the ratio. */
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "epoll";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        double bestTorsion = 0;
        double bestNetty = 0;
        netty(kind, 1); // warm-up round, not counted
        torsion(kind, 1);
        for (int round = 0; round < 3; round++) {
            bestNetty = Math.max(bestNetty, netty(kind, seconds));
            bestTorsion = Math.max(bestTorsion, torsion(kind, seconds));
        }
        double twisted = Twisted.withEchoServer((port, cpu) -> measure(kind, port, seconds), Double.NaN);
        System.out.printf("connections per second, %s, %d client slots, best of 3 x %.0f s%n", kind, SLOTS, seconds);
        System.out.printf("  raw Netty echo handler : %9.0f conn/s%n", bestNetty);
        System.out.printf("  Torsion Echo protocol  : %9.0f conn/s%n", bestTorsion);
        System.out.printf("  Twisted 22 echo (epoll): %9.0f conn/s%n", twisted);
        System.out.printf("  ratio Torsion / Netty  : %9.2f (target >= 0.85)%n", bestTorsion / bestNetty);
    }
}
