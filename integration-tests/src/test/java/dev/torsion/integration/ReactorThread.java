package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NettyReactor} of a given kind running on its own thread for the length of a test, with
 * the two ways a test thread talks to it: run something on the reactor thread, and wait for a
 * Deferred made there.
 */
final class ReactorThread implements AutoCloseable {
    /** How long a test waits for anything on the network before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final NettyReactor reactor;
    private final Thread thread;

    private ReactorThread(NettyReactor reactor, Thread thread) {
        this.reactor = reactor;
        this.thread = thread;
    }

    /** Starts a reactor of {@code kind} ({@code epoll}, {@code nio}, ...) and waits until it runs. */
    static ReactorThread start(String kind) throws InterruptedException {
        NettyReactor reactor = NettyReactor.create(kind).setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread thread = new Thread(reactor::run, "it-reactor-" + kind);
        thread.start();
        assertTrue(running.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the " + kind + " reactor did not start");
        return new ReactorThread(reactor, thread);
    }

    NettyReactor reactor() {
        return reactor;
    }

    /** Runs {@code work} on the reactor thread and returns its result (a returned Deferred is not followed). */
    <T> T call(Callable<T> work) throws Exception {
        Object[] result = new Object[1];
        reactor.blockingCallFromThread(() -> {
            result[0] = work.call();
            return null;
        });
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs {@code action} on the reactor thread and waits until it has run. */
    void run(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Makes a Deferred on the reactor thread and waits (at most {@link #PATIENCE}) for its result. */
    <T> T await(Callable<Deferred<T>> work) throws Exception {
        return call(() -> work.call().toCompletableFuture()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The TCP port a listening port was given. */
    static int portOf(ListeningPort listening) {
        Address host = listening.getHost();
        return ((IPv4Address) host).port();
    }

    @Override
    public void close() throws InterruptedException {
        if (reactor.isRunning()) {
            reactor.stop();
        }
        thread.join(PATIENCE.toMillis());
        assertFalse(thread.isAlive(), "the reactor thread did not finish");
    }
}
