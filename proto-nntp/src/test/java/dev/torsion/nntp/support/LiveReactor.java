package dev.torsion.nntp.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.netty.NettyReactor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A Netty reactor running on a thread of its own for the length of a test. */
public final class LiveReactor implements AutoCloseable {
    public final NettyReactor reactor;
    private final Thread thread;

    public LiveReactor() throws InterruptedException {
        reactor = NettyReactor.create().setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        thread = new Thread(reactor::run, "nntp-test-reactor");
        thread.start();
        assertTrue(started.await(10, TimeUnit.SECONDS), "reactor did not start");
    }

    /** Runs {@code work} on the reactor thread and returns its result. */
    public <T> T call(Callable<? extends T> work) throws Exception {
        return reactor.blockingCallFromThread(work);
    }

    /** Starts a Deferred on the reactor thread and waits (with a timeout) for its result. */
    public <T> T await(Supplier<Deferred<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                work.get().addCallbacks(value -> {
                    result.complete(value);
                    return null;
                }, failure -> {
                    result.completeExceptionally(failure.value());
                    return null;
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
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
