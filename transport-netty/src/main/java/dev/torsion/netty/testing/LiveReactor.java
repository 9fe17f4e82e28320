package dev.torsion.netty.testing;

import dev.torsion.defer.Deferred;
import dev.torsion.netty.NettyReactor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link NettyReactor} running on a thread of its own for the length of a test, for tests that
 * talk to real sockets (or real programs) from the test thread.
 *
 * <pre>{@code
 * try (LiveReactor live = new LiveReactor()) {
 *     ListeningPort port = live.call(() -> live.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
 *     String answer = live.await(() -> client.ask("question"));
 * }
 * }</pre>
 */
public final class LiveReactor implements AutoCloseable {
    /** How long {@link #await} waits for a Deferred. */
    public static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

    /** The running reactor; touch it only on its thread ({@link #call}, {@link #await}). */
    public final NettyReactor reactor;
    private final Thread thread;

    /** Starts the best reactor this system has on a thread named {@code test-reactor}. */
    public LiveReactor() throws InterruptedException {
        this("test-reactor");
    }

    /** Starts the best reactor this system has on a thread named {@code threadName}. */
    public LiveReactor(String threadName) throws InterruptedException {
        reactor = NettyReactor.create().setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        thread = new Thread(reactor::run, threadName);
        thread.start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the reactor did not start within 10 s");
        }
    }

    /** Runs {@code work} on the reactor thread and returns its result. */
    public <T> T call(Callable<? extends T> work) throws Exception {
        return reactor.blockingCallFromThread(work);
    }

    /**
     * Starts a Deferred on the reactor thread and waits up to {@link #AWAIT_TIMEOUT} for its
     * result; its failure is thrown as it is.
     */
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
            return result.get(AWAIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no result within " + AWAIT_TIMEOUT);
        }
    }

    /** Stops the reactor and waits (up to 15 s) for its thread to end. */
    @Override
    public void close() throws InterruptedException {
        if (reactor.isRunning()) {
            reactor.stop();
        }
        thread.join(15_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("the reactor thread did not finish within 15 s");
        }
    }
}
