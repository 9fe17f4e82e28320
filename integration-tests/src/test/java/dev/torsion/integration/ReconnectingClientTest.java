package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.Connector;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.ReconnectingClientFactory;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReconnectingClientFactory} over real sockets: the server goes away and comes back on the
 * same port, the client backs off (small delays, no jitter, so the schedule is known) and
 * reconnects; {@code stopTrying} ends the retries for good.
 */
class ReconnectingClientTest {
    private static final Duration INITIAL = Duration.ofMillis(50);
    private static final Duration MAX = Duration.ofMillis(400);
    private static final double FACTOR = 2;

    /** Something the client factory heard, and when (reactor clock, nanoseconds). */
    record Event(String what, long nanos) {
    }

    /** Redials with a fixed schedule; each connection greets the server with its number. */
    static final class Redialer extends ReconnectingClientFactory {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        private final Clock clock;
        private int connections;

        Redialer(Clock clock) {
            super(clock, new Random(7));
            this.clock = clock;
            setInitialDelay(INITIAL);
            setMaxDelay(MAX);
            setFactor(FACTOR);
            setJitter(0);
        }

        private void record(String what) {
            events.add(new Event(what, clock.nanoTime()));
        }

        @Override
        public Protocol buildProtocol(Address address) {
            return new LineReceiver() {
                @Override
                public void connectionMade() {
                    resetDelay();
                    connections++;
                    record("made");
                    sendLine("hello " + connections);
                }

                @Override
                protected void lineReceived(byte[] line) {
                    record("line " + new String(line, StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public void startedConnecting(Connector connector) {
            record("started");
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            failures.add(reason);
            record("failed");
            super.clientConnectionFailed(connector, reason);
        }

        @Override
        public void clientConnectionLost(Connector connector, Failure reason) {
            record("lost");
            super.clientConnectionLost(connector, reason);
        }
    }

    /** A line server that keeps every connection, so the test can take it down. */
    static final class Server {
        final List<LineEchoServer> connections = new CopyOnWriteArrayList<>();
        final ProtocolFactory factory = address -> {
            LineEchoServer protocol = new LineEchoServer();
            connections.add(protocol);
            return protocol;
        };
        private ListeningPort listening;

        int listen(ReactorThread r, int port) throws Exception {
            listening = r.call(() -> r.reactor().listenTCP(port, factory, 50, "127.0.0.1"));
            return ReactorThread.portOf(listening);
        }

        /** Stops listening and drops every connection: the server "goes away". */
        void goAway(ReactorThread r) throws Exception {
            r.await(listening::stopListening);
            r.run(() -> connections.forEach(c -> c.transport().loseConnection()));
        }
    }

    /** Takes events until one matches; returns all taken, the match last. */
    private static List<Event> until(Redialer client, Predicate<String> wanted) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + ReactorThread.PATIENCE.toNanos();
        while (true) {
            Event event = client.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("timed out waiting; events so far: " + seen);
            }
            seen.add(event);
            if (wanted.test(event.what())) {
                return seen;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void reconnectsWithBackoffWhenTheServerComesBackAndStopTryingStops(String kind) throws Exception {
        try (ReactorThread r = ReactorThread.start(kind)) {
            Server server = new Server();
            int port = server.listen(r, 0);
            Redialer client = new Redialer(r.reactor());
            r.call(() -> r.reactor().connectTCP("127.0.0.1", port, client, Duration.ofSeconds(5), null));
            List<Event> first = until(client, e -> e.startsWith("line "));
            assertEquals(List.of("started", "made", "line 1 echo hello 1"), whats(first));

            // The server goes away: the client loses its connection and is refused, with growing delays.
            server.goAway(r);
            List<Event> refused = new ArrayList<>(until(client, "lost"::equals));
            for (int i = 0; i < 4; i++) {
                refused.addAll(until(client, "failed"::equals));
            }
            assertEquals(List.of("lost", "started", "failed", "started", "failed", "started", "failed", "started",
                    "failed"), whats(refused));
            for (Failure failure : client.failures) {
                // Refused, normally; a typed connect error in any case, never a bare exception.
                assertInstanceOf(ConnectError.class, failure.value(), failure::getTraceback);
            }
            assertBackoff(refused);
            assertEquals(MAX, r.call(client::currentDelay));

            // The server comes back on the same port: the client reconnects and starts over.
            server.listen(r, port);
            List<Event> back = until(client, e -> e.startsWith("line "));
            assertEquals("line 1 echo hello 2", back.get(back.size() - 1).what());
            assertEquals(0, (int) r.call(client::retries));
            assertEquals(INITIAL, r.call(client::currentDelay));

            // stopTrying while it retries: it never connects again, even once the server is back.
            server.goAway(r);
            until(client, "failed"::equals);
            List<Event> before = new ArrayList<>();
            r.run(() -> {
                client.stopTrying();
                // Events are recorded on this thread: what is queued now happened before stopTrying.
                client.events.drainTo(before);
            });
            int connectionsBefore = server.connections.size();
            server.listen(r, port);
            awaitReactorTime(r, MAX.multipliedBy(3));
            List<Event> after = new ArrayList<>();
            client.events.drainTo(after);
            assertFalse(whats(after).contains("started"), "attempts after stopTrying: " + after);
            assertEquals(connectionsBefore, server.connections.size());
            assertFalse(r.call(client::isTrying));
        }
    }

    private static List<String> whats(List<Event> events) {
        return events.stream().map(Event::what).toList();
    }

    /**
     * Each attempt after a loss or a refusal comes no sooner than the scheduled delay: the initial
     * delay times the factor, doubling, up to the maximum.
     */
    private static void assertBackoff(List<Event> events) {
        double expected = INITIAL.toNanos() / 1e9;
        for (int i = 0; i + 1 < events.size(); i += 2) {
            expected = Math.min(expected * FACTOR, MAX.toNanos() / 1e9);
            double waited = (events.get(i + 1).nanos() - events.get(i).nanos()) / 1e9;
            assertTrue(waited >= expected * 0.9, "attempt " + (i / 2 + 1) + " came after " + waited
                    + " s, scheduled after " + expected + " s: " + events);
        }
    }

    /** Waits until the reactor's own clock has moved on by {@code delay}. */
    private static void awaitReactorTime(ReactorThread r, Duration delay) throws Exception {
        CountDownLatch passed = new CountDownLatch(1);
        r.run(() -> r.reactor().callLater(delay, passed::countDown));
        assertTrue(passed.await(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }
}
