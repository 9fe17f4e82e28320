package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A reactor running on a thread of its own for the length of a test. */
final class RunningReactor implements AutoCloseable {
    final NettyReactor reactor;
    private final Thread thread;

    RunningReactor(String kind) throws InterruptedException {
        reactor = NettyReactor.create(kind).setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        thread = new Thread(reactor::run, "test-reactor-" + kind);
        thread.start();
        assertTrue(started.await(10, TimeUnit.SECONDS), "reactor did not start");
    }

    /** Runs {@code work} on the reactor thread and returns its result. */
    <T> T call(Callable<? extends T> work) throws Exception {
        return reactor.blockingCallFromThread(work);
    }

    @Override
    public void close() throws InterruptedException {
        if (reactor.isRunning()) {
            reactor.stop();
        }
        thread.join(15_000);
        assertTrue(!thread.isAlive(), "reactor thread did not finish");
    }
}
