package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.SystemEventTrigger;
import dev.torsion.internet.TriggerPhase;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.time.DelayedCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reactor itself: choosing a loop, time, threads, triggers, stopping. */
class ReactorLifecycleTest {

    @Test
    void picksEpollOnLinuxAndNamesItsKind() {
        try (NettyReactor reactor = NettyReactor.create()) {
            assertEquals("epoll", reactor.kind());
        }
        try (NettyReactor reactor = NettyReactor.create("nio")) {
            assertEquals("nio", reactor.kind());
        }
    }

    @Test
    void unavailableLoopFailsWithNettysReason() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> NettyReactor.create("kqueue"));
        assertTrue(error.getMessage().contains("kqueue"), error.getMessage());
        assertNotNull(error.getCause(), "the unavailability cause must be carried");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NettyReactor.create("select"));
        assertTrue(unknown.getMessage().contains("select"), unknown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void callLaterRunsInOrderOnTheReactorThreadAndCanBeCancelledResetAndDelayed(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            String[] threadName = new String[1];
            DelayedCall[] calls = r.call(() -> {
                DelayedCall late = r.reactor.callLater(Duration.ofMillis(150), () -> order.add("late"));
                DelayedCall cancelled = r.reactor.callLater(Duration.ofMillis(50), () -> order.add("cancelled"));
                DelayedCall moved = r.reactor.callLater(Duration.ofMillis(10), () -> order.add("moved"));
                DelayedCall delayed = r.reactor.callLater(Duration.ofMillis(20), () -> order.add("delayed"));
                r.reactor.callLater(Duration.ofMillis(30), () -> {
                    order.add("early");
                    threadName[0] = Thread.currentThread().getName();
                });
                r.reactor.callLater(Duration.ofMillis(400), done::countDown);
                cancelled.cancel();
                moved.reset(Duration.ofMillis(200));
                delayed.delay(Duration.ofMillis(230));
                return new DelayedCall[] {late, cancelled, moved, delayed};
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("early", "late", "moved", "delayed"), order);
            assertTrue(threadName[0].startsWith("torsion-reactor"), threadName[0]);
            assertTrue(calls[0].called());
            assertFalse(calls[0].active());
            assertTrue(calls[1].cancelled());
            assertThrows(IllegalStateException.class, calls[1]::cancel);
            assertThrows(IllegalStateException.class, () -> calls[0].reset(Duration.ZERO));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void callFromThreadIsSafeFromManyThreads(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            int[] counter = {0}; // touched only on the reactor thread
            AtomicInteger offLoop = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        r.reactor.callFromThread(() -> {
                            if (!Thread.currentThread().getName().startsWith("torsion-reactor")) {
                                offLoop.incrementAndGet();
                            }
                            counter[0]++;
                        });
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(16_000, (int) r.call(() -> counter[0]));
            assertEquals(0, offLoop.get());
        }
    }

    @Test
    void deferToThreadRunsOffTheLoopOnABoundedPoolAndFiresOnTheLoop() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            r.reactor.setThreadPoolSize(2);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            CyclicBarrier pair = new CyclicBarrier(2);
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                CompletableFuture<String> result = new CompletableFuture<>();
                results.add(result);
                r.call(() -> {
                    r.reactor.deferToThread(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    pair.await(5, TimeUnit.SECONDS); // two at a time must be possible
                    running.decrementAndGet();
                    return "job" + n + "@" + Thread.currentThread().getName();
                    }).addCallback(value -> {
                        result.complete(value + "->" + Thread.currentThread().getName());
                        return null;
                    });
                    return null;
                });
            }
            for (int i = 0; i < 6; i++) {
                String value = results.get(i).get(10, TimeUnit.SECONDS);
                assertTrue(value.startsWith("job" + i + "@torsion-pool"), value);
                assertTrue(value.contains("->torsion-reactor"), value);
            }
            assertEquals(2, maxRunning.get());

            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            r.call(() -> r.reactor.deferToThread(() -> {
                throw new IOException("disk on fire");
            }).addErrback(f -> {
                failure.complete(f.value());
                return null;
            }));
            assertEquals("disk on fire", failure.get(10, TimeUnit.SECONDS).getMessage());
        }
    }

    @Test
    void blockingCallFromThreadFollowsDeferredsAndRethrows() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            String value = r.reactor.blockingCallFromThreadDeferred(() -> {
                Deferred<String> later = new Deferred<>();
                r.reactor.callLater(Duration.ofMillis(20), () -> later.callback("fired"));
                return later;
            });
            assertEquals("fired", value);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> r.reactor.blockingCallFromThread(() -> {
                        throw new IllegalArgumentException("nope");
                    }));
            assertEquals("nope", error.getMessage());
            Throwable onLoop = r.call(() -> {
                try {
                    r.reactor.blockingCallFromThread(() -> 1);
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalStateException.class, onLoop);
        }
    }

    @Test
    void stopRunsTriggersWaitsForBeforeDeferredsAndClosesEverything() throws Exception {
        NettyReactor reactor = NettyReactor.create("epoll").setShutdownTimeout(Duration.ofSeconds(5));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> {
            events.add("before startup");
            return null;
        });
        CountDownLatch runningNow = new CountDownLatch(1);
        reactor.callWhenRunning(() -> {
            events.add("running");
            runningNow.countDown();
        });
        reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            events.add("before shutdown");
            Deferred<Void> slow = new Deferred<>();
            reactor.callLater(Duration.ofMillis(200), () -> {
                events.add("before shutdown done");
                slow.callback(null);
            });
            return slow;
        });
        reactor.addSystemEventTrigger(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> {
            events.add("during shutdown");
            return null;
        });
        SystemEventTrigger removed = reactor.addSystemEventTrigger(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> {
            events.add("removed trigger ran");
            return null;
        });
        reactor.removeSystemEventTrigger(removed);
        reactor.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> {
            events.add("after shutdown");
            return null;
        });
        ListeningPort listening = reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1");
        RecordingProtocol client = new RecordingProtocol();
        RecordingProtocol serverSide = new RecordingProtocol();
        ListeningPort second = reactor.listenTCP(0, a -> serverSide, 50, "127.0.0.1");
        Thread thread = new Thread(reactor::run);
        assertThrows(ReactorNotRunning.class, reactor::stop);
        thread.start();
        reactor.connectTCP("127.0.0.1", ((IPv4Address) second.getHost()).port(), new TestClientFactory(() -> client));
        client.made.get(10, TimeUnit.SECONDS);
        serverSide.made.get(10, TimeUnit.SECONDS);
        assertTrue(runningNow.await(10, TimeUnit.SECONDS));
        assertTrue(reactor.isRunning());
        reactor.stop();
        assertFalse(reactor.isRunning());
        thread.join(10_000);
        assertFalse(thread.isAlive(), "run() must return after stop()");
        assertEquals(List.of("before startup", "running", "before shutdown", "before shutdown done",
                "during shutdown", "after shutdown"), events);
        assertInstanceOf(ConnectionDone.class, serverSide.awaitLost().value());
        assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1",
                ((IPv4Address) listening.getHost()).port()).close());
    }

    @Test
    void sigtermStopsAReactorThatHandlesSignals() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SignalDemo.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("running")) {
                // skip log lines before the signal
            }
            assertEquals("running", line);
            // SIGTERM, as a service manager sends it (Process.destroy would close our end of the pipe).
            assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor());
            List<String> rest = new ArrayList<>();
            while ((line = out.readLine()) != null) {
                rest.add(line);
            }
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertTrue(rest.contains("shutdown trigger ran"), rest.toString());
        } finally {
            child.destroyForcibly();
        }
    }

    /** A program for {@link #sigtermStopsAReactorThatHandlesSignals}: prints its life cycle. */
    public static final class SignalDemo {
        private SignalDemo() {
        }

        /** Runs a reactor with signal handling until a signal stops it. */
        public static void main(String[] args) {
            NettyReactor reactor = NettyReactor.create().setHandleSignals(true);
            reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
                System.out.println("shutdown trigger ran");
                return null;
            });
            reactor.callWhenRunning(() -> System.out.println("running"));
            reactor.run();
            System.out.println("run returned");
            System.out.flush();
        }
    }
}
