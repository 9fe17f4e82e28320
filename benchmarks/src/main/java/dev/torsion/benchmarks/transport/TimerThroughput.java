package dev.torsion.benchmarks.transport;

import dev.torsion.netty.NettyReactor;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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

    /**
     * Milliseconds from now until {@link #TIMERS} ticks have run; {@code scheduleAll} gets the tick
     * and schedules it that many times on the loop (the count is kept on that one thread).
     */
    private static double millisUntilAllFired(Consumer<Runnable> scheduleAll) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        int[] left = {TIMERS};
        Runnable tick = () -> {
            if (--left[0] == 0) {
                done.countDown();
            }
        };
        long start = System.nanoTime();
        scheduleAll.accept(tick);
        done.await(120, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e6;
    }

    static double torsion(String kind) throws Exception {
        NettyReactor reactor = NettyReactor.create(kind);
        try {
            return millisUntilAllFired(tick -> reactor.callFromThread(() -> {
                for (int i = 0; i < TIMERS; i++) {
                    reactor.callLater(Duration.ofMillis(i % 100), tick);
                }
            }));
        } finally {
            reactor.close();
        }
    }

    static double netty(String kind) throws Exception {
        MultiThreadIoEventLoopGroup group = RawNetty.oneLoop(kind);
        try {
            EventLoop loop = group.next();
            return millisUntilAllFired(tick -> loop.execute(() -> {
                for (int i = 0; i < TIMERS; i++) {
                    loop.schedule(tick, i % 100, TimeUnit.MILLISECONDS);
                }
            }));
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
