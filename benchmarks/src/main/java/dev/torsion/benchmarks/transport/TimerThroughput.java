package dev.torsion.benchmarks.transport;

import dev.torsion.netty.NettyReactor;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One million timers scheduled and fired: Torsion's {@code callLater} (a DelayedCall over Netty's
 * scheduler) against Netty's {@code EventLoop.schedule} on a loop of the same kind. Delays spread
 * over 0..99 ms; the figure is the time from the first schedule until the last timer ran.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.transport.TimerThroughput [epoll|nio]}
 */
public final class TimerThroughput {
    private static final int TIMERS = 1_000_000;

    private TimerThroughput() {
    }

    static double torsion(String kind) throws Exception {
        NettyReactor reactor = NettyReactor.create(kind);
        try {
            CountDownLatch done = new CountDownLatch(1);
            int[] left = {TIMERS};
            Runnable tick = () -> {
                if (--left[0] == 0) {
                    done.countDown();
                }
            };
            long start = System.nanoTime();
            reactor.callFromThread(() -> {
                for (int i = 0; i < TIMERS; i++) {
                    reactor.callLater(Duration.ofMillis(i % 100), tick);
                }
            });
            done.await(120, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            reactor.close();
        }
    }

    static double netty(String kind) throws Exception {
        MultiThreadIoEventLoopGroup group = RawNetty.oneLoop(kind);
        try {
            EventLoop loop = group.next();
            CountDownLatch done = new CountDownLatch(1);
            int[] left = {TIMERS};
            Runnable tick = () -> {
                if (--left[0] == 0) {
                    done.countDown();
                }
            };
            long start = System.nanoTime();
            loop.execute(() -> {
                for (int i = 0; i < TIMERS; i++) {
                    loop.schedule(tick, i % 100, TimeUnit.MILLISECONDS);
                }
            });
            done.await(120, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Runs both three times, interleaved, and prints the best of each and the ratio. */
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "epoll";
        double bestTorsion = Double.MAX_VALUE;
        double bestNetty = Double.MAX_VALUE;
        netty(kind); // warm-up, not counted
        torsion(kind);
        for (int round = 0; round < 3; round++) {
            bestNetty = Math.min(bestNetty, netty(kind));
            bestTorsion = Math.min(bestTorsion, torsion(kind));
        }
        System.out.printf("1,000,000 timers (delays 0..99 ms), %s, best of 3%n", kind);
        System.out.printf("  Netty EventLoop.schedule : %7.0f ms%n", bestNetty);
        System.out.printf("  Torsion callLater        : %7.0f ms%n", bestTorsion);
        System.out.printf("  ratio Torsion / Netty    : %7.2f (time; lower is better)%n", bestTorsion / bestNetty);
    }
}
