package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Connector;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectTimeoutError;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.UserCancelledConnect;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TCP on real loopback sockets, on the native loop and on NIO. */
class TcpTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static int port(ListeningPort listening) {
        return ((IPAddress) listening.getHost()).port();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void echoesBothWaysAndReportsAddresses(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1");
            int port = port(listening);
            assertNotEquals(0, port, "port 0 must report the real port");
            RecordingProtocol client = new RecordingProtocol(5) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("hel".getBytes(StandardCharsets.US_ASCII));
                    transport().write("lo".getBytes(StandardCharsets.US_ASCII));
                }
            };
            TestClientFactory factory = new TestClientFactory(() -> client);
            r.reactor.connectTCP("127.0.0.1", port, factory);
            assertEquals("hello", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(new IPv4Address(SocketType.TCP, "127.0.0.1", port), client.transport().getPeer());
            assertEquals("127.0.0.1", ((IPv4Address) client.transport().getHost()).host());
            assertTrue(factory.started.isDone());
            r.call(() -> {
                client.transport().loseConnection();
                return null;
            });
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, factory.lostConnection.get(10, TimeUnit.SECONDS).value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void loseConnectionSendsPendingWritesFirst(String kind) throws Exception {
        byte[] payload = randomBytes(4 * 1024 * 1024, 1);
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Protocol() {
                @Override
                public void connectionMade() {
                    for (int i = 0; i < payload.length; i += 65536) {
                        transport().write(Arrays.copyOfRange(payload, i, i + 65536));
                    }
                    transport().loseConnection();
                    transport().write(new byte[] {1, 2, 3}); // after loseConnection: dropped
                }
            }, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol();
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionDone.class, reason.value());
            assertArrayEquals(payload, client.received.toByteArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void abortConnectionClosesAtOnce(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol server = new RecordingProtocol() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write(new byte[1024 * 1024]);
                    transport().abortConnection();
                }
            };
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol();
            TestClientFactory factory = new TestClientFactory(() -> client);
            r.reactor.connectTCP("127.0.0.1", port(listening), factory);
            assertInstanceOf(ConnectionAborted.class, server.awaitLost().value());
            // The reset may reach the client before or after its connect completed.
            Failure clientReason = (Failure) CompletableFuture.anyOf(client.lost, factory.failed).get(10, TimeUnit.SECONDS);
            if (client.lost.isDone()) {
                assertInstanceOf(ConnectionLost.class, clientReason.value(), "the peer sees a reset: " + clientReason);
            } else {
                assertInstanceOf(ConnectError.class, clientReason.value());
            }
            assertTrue(client.received.size() < 1024 * 1024, "aborted data must not all arrive");
        }
    }

    /** Half-closeable side: records the half-close events and answers once the peer stopped writing. */
    static class HalfCloser extends RecordingProtocol implements HalfCloseableProtocol {
        final CompletableFuture<Void> readLost = new CompletableFuture<>();
        final CompletableFuture<Void> writeLost = new CompletableFuture<>();
        private final boolean answer;

        HalfCloser(boolean answer) {
            this.answer = answer;
        }

        @Override
        public void readConnectionLost() {
            readLost.complete(null);
            if (answer) {
                transport().write(("got " + text()).getBytes(StandardCharsets.US_ASCII));
                ((HalfCloseableTransport) transport()).loseWriteConnection();
            }
        }

        @Override
        public void writeConnectionLost() {
            writeLost.complete(null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void halfCloseBothWays(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            HalfCloser server = new HalfCloser(true);
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            HalfCloser client = new HalfCloser(false) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("request".getBytes(StandardCharsets.US_ASCII));
                    ((HalfCloseableTransport) transport()).loseWriteConnection();
                }
            };
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            client.writeLost.get(10, TimeUnit.SECONDS);
            server.readLost.get(10, TimeUnit.SECONDS);
            client.readLost.get(10, TimeUnit.SECONDS);
            assertEquals("got request", client.text());
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    /**
     * After the peer half-closed, a large answer (far beyond the socket buffers) still goes out
     * whole before the write side closes: the close that follows both half-closes waits for it.
     * Here the answer is written at once, from {@code readConnectionLost}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void largeAnswerAfterThePeerHalfClosed(String kind) throws Exception {
        assertLargeAnswerAfterHalfClose(kind, false, (r, answer) -> answer.run());
    }

    /** The same, with the answer written from a later loop turn, as a forwarder does once its other side answers. */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void largeAnswerFromALaterTurnAfterThePeerHalfClosed(String kind) throws Exception {
        assertLargeAnswerAfterHalfClose(kind, false, (r, answer) -> r.reactor.callLater(Duration.ofMillis(20), answer));
    }

    /**
     * The same, with the server's reading paused when the request comes (as a forwarder pauses
     * it while its other side is slow) and resumed a little later. On epoll the peer's half-close
     * arrives while reading is paused, which leaves the socket with no interest at all: Netty
     * 4.2.18 then drops it from epoll for good, and the answer's first write that has to wait for
     * room failed with {@code epoll_ctl(..) failed with error(-2)} (see RearmingEpollIoHandler).
     */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void largeAnswerAfterThePeerHalfClosedWhileReadingWasPaused(String kind) throws Exception {
        assertLargeAnswerAfterHalfClose(kind, true, (r, answer) -> r.reactor.callLater(Duration.ofMillis(20), answer));
    }

    /**
     * A client sends a request and half-closes; the server answers 32 MiB (when {@code schedule}
     * runs the answer) and closes its writing side. The client must get all of it. With
     * {@code pauseReading}, the server stops reading when the request arrives and reads again
     * 100 ms later.
     */
    private static void assertLargeAnswerAfterHalfClose(String kind, boolean pauseReading,
            BiConsumer<RunningReactor, Runnable> schedule) throws Exception {
        int size = 32 * 1024 * 1024;
        try (RunningReactor r = new RunningReactor(kind)) {
            HalfCloser server = new HalfCloser(false) {
                private boolean paused;

                @Override
                public void dataReceived(byte[] data) {
                    super.dataReceived(data);
                    if (pauseReading && !paused) {
                        paused = true;
                        transport().pauseProducing();
                        r.reactor.callLater(Duration.ofMillis(100), transport()::resumeProducing);
                    }
                }

                @Override
                public void readConnectionLost() {
                    super.readConnectionLost();
                    schedule.accept(r, () -> {
                        for (int sent = 0; sent < size; sent += 64 * 1024) {
                            transport().write(new byte[64 * 1024]);
                        }
                        ((HalfCloseableTransport) transport()).loseWriteConnection();
                    });
                }
            };
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket socket = new Socket("127.0.0.1", port(listening))) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput();
                long received = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                assertEquals(size, received);
            }
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    /** A push producer that writes until paused, counting pauses and resumes. */
    static final class Flood extends Protocol implements PushProducer {
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        final CompletableFuture<Void> paused = new CompletableFuture<>();
        final long total;
        long sent;
        boolean producing = true;

        Flood(long total) {
            this.total = total;
        }

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
            produce();
        }

        private void produce() {
            while (producing && sent < total) {
                transport().write(new byte[16384]);
                sent += 16384;
            }
            if (sent >= total) {
                transport().unregisterProducer();
                transport().loseConnection();
            }
        }

        @Override
        public void pauseProducing() {
            producing = false;
            pauses.incrementAndGet();
            paused.complete(null);
        }

        @Override
        public void resumeProducing() {
            producing = true;
            resumes.incrementAndGet();
            produce();
        }

        @Override
        public void stopProducing() {
            producing = false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void slowReaderPausesAndResumesAProducer(String kind) throws Exception {
        long total = 32L * 1024 * 1024;
        try (RunningReactor r = new RunningReactor(kind)) {
            Flood server = new Flood(total);
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol() {
                long count;

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().pauseProducing(); // the transport as a push producer: stop reading
                }

                @Override
                public void dataReceived(byte[] data) {
                    count += data.length;
                }

                @Override
                public void connectionLost(Failure reason) {
                    received.write(String.valueOf(count).getBytes(StandardCharsets.US_ASCII), 0,
                            String.valueOf(count).length());
                    super.connectionLost(reason);
                }
            };
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            server.paused.get(10, TimeUnit.SECONDS);
            assertTrue(server.sent < total, "the producer must be paused before it wrote everything");
            r.call(() -> {
                client.transport().resumeProducing();
                return null;
            });
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertEquals(String.valueOf(total), client.text());
            assertTrue(server.resumes.get() >= 1, "the producer must have been resumed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void pullProducerIsDrivenUntilItUnregisters(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Protocol() {
                int chunks;

                @Override
                public void connectionMade() {
                    transport().registerProducer(new PullProducer() {
                        @Override
                        public void resumeProducing() {
                            transport().write(("chunk" + chunks++ + ";").getBytes(StandardCharsets.US_ASCII));
                            if (chunks == 100) {
                                transport().unregisterProducer();
                                transport().loseConnection();
                            }
                        }

                        @Override
                        public void stopProducing() {
                        }
                    }, false);
                }
            }, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol();
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            client.awaitLost();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                expected.append("chunk").append(i).append(';');
            }
            assertEquals(expected.toString(), client.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void refusedConnectionIsTyped(String kind) throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        try (RunningReactor r = new RunningReactor(kind)) {
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            Connector connector = r.reactor.connectTCP("127.0.0.1", freePort, factory);
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectionRefusedError.class, reason.value(), reason.toString());
            assertEquals(new IPv4Address(SocketType.TCP, "127.0.0.1", freePort), connector.getDestination());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void connectorRetriesAndDisconnects(String kind) throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol client = new RecordingProtocol();
            TestClientFactory factory = new TestClientFactory(() -> client);
            Connector connector = r.reactor.connectTCP("127.0.0.1", freePort, factory);
            assertInstanceOf(ConnectionRefusedError.class, factory.failed.get(10, TimeUnit.SECONDS).value());
            // Something listens now: the same connector tries again, as a reconnecting factory would.
            r.reactor.listenTCP(freePort, a -> new Echo(), 50, "127.0.0.1");
            connector.connect();
            client.made.get(10, TimeUnit.SECONDS);
            connector.disconnect();
            assertInstanceOf(ConnectionDone.class, factory.lostConnection.get(10, TimeUnit.SECONDS).value());
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void stopConnectingCancelsAnAttemptInFlight(String kind) throws Exception {
        try (UnacceptingListener full = new UnacceptingListener(); RunningReactor r = new RunningReactor(kind)) {
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            Connector connector = r.reactor.connectTCP("127.0.0.1", full.port(), factory,
                    Duration.ofSeconds(30), null);
            factory.started.get(10, TimeUnit.SECONDS);
            connector.stopConnecting();
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(UserCancelledConnect.class, reason.value(),
                    reason.getTraceback());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void unknownHostIsADnsLookupError(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            r.reactor.connectTCP("no-such-host.invalid", 80, factory);
            Failure reason = factory.failed.get(20, TimeUnit.SECONDS);
            assertInstanceOf(DNSLookupError.class, reason.value(), reason.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void connectTimeoutIsTyped(String kind) throws Exception {
        try (UnacceptingListener full = new UnacceptingListener(); RunningReactor r = new RunningReactor(kind)) {
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            r.reactor.connectTCP("127.0.0.1", full.port(), factory, Duration.ofMillis(300), null);
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectTimeoutError.class, reason.value(), reason.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void exceptionInACallbackClosesOnlyThatConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    if (new String(data, StandardCharsets.US_ASCII).contains("boom")) {
                        throw new IllegalStateException("boom on purpose");
                    }
                    transport().write(data);
                }
            }, 50, "127.0.0.1");
            int port = port(listening);
            RecordingProtocol bystander = new RecordingProtocol(4);
            r.reactor.connectTCP("127.0.0.1", port, new TestClientFactory(() -> bystander));
            bystander.made.get(10, TimeUnit.SECONDS);
            RecordingProtocol victim = new RecordingProtocol() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("boom".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.reactor.connectTCP("127.0.0.1", port, new TestClientFactory(() -> victim));
            assertInstanceOf(ConnectionLost.class, victim.awaitLost().value());
            r.call(() -> {
                bystander.transport().write("ping".getBytes(StandardCharsets.US_ASCII));
                return null;
            });
            assertEquals("ping", new String(bystander.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertTrue(bystander.isConnected());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void ipv6Loopback(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Echo(), 50, "::1");
            assertInstanceOf(IPv6Address.class, listening.getHost());
            RecordingProtocol client = new RecordingProtocol(2) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("v6".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.reactor.connectTCP("::1", port(listening), new TestClientFactory(() -> client));
            assertEquals("v6", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(new IPv6Address(SocketType.TCP, "0:0:0:0:0:0:0:1", port(listening)),
                    client.transport().getPeer());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void emptyInterfaceListensOnIpv4AndIpv6(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Echo());
            assertEquals("0.0.0.0", ((IPv4Address) listening.getHost()).host());
            for (String host : List.of("127.0.0.1", "::1")) {
                RecordingProtocol client = new RecordingProtocol(2) {
                    @Override
                    public void connectionMade() {
                        super.connectionMade();
                        transport().write("ok".getBytes(StandardCharsets.US_ASCII));
                    }
                };
                r.reactor.connectTCP(host, port(listening), new TestClientFactory(() -> client));
                assertEquals("ok", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sendsAFileWithoutCopying(String kind) throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024 + 17, 7);
        Path file = tmp.resolve("payload.bin");
        Files.write(file, content);
        try (RunningReactor r = new RunningReactor(kind)) {
            CompletableFuture<Long> sent = new CompletableFuture<>();
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Protocol() {
                @Override
                public void connectionMade() {
                    transport().write("head:".getBytes(StandardCharsets.US_ASCII));
                    try {
                        ((FileSendingTransport) transport()).sendFile(file).addCallback(n -> {
                            sent.complete(n);
                            transport().write(":tail".getBytes(StandardCharsets.US_ASCII));
                            transport().loseConnection();
                            return null;
                        });
                    } catch (IOException e) {
                        sent.completeExceptionally(e);
                    }
                }
            }, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol();
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            client.awaitLost();
            assertEquals(content.length, sent.get(10, TimeUnit.SECONDS));
            byte[] got = client.received.toByteArray();
            assertEquals(5 + content.length + 5, got.length);
            assertEquals("head:", new String(got, 0, 5, StandardCharsets.US_ASCII));
            assertArrayEquals(content, Arrays.copyOfRange(got, 5, 5 + content.length));
            assertEquals(":tail", new String(got, got.length - 5, 5, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void listeningTwiceOnOnePortFailsClearly(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1");
            var error = org.junit.jupiter.api.Assertions.assertThrows(
                    CannotListenError.class,
                    () -> r.reactor.listenTCP(port(listening), a -> new Echo(), 50, "127.0.0.1"));
            assertTrue(error.getMessage().contains(String.valueOf(port(listening))), error.getMessage());
            listening.stopListening().toCompletableFuture().get(10, TimeUnit.SECONDS);
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            r.reactor.connectTCP("127.0.0.1", port(listening), factory);
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            if (kind.equals("epoll")) {
                assertInstanceOf(ConnectionRefusedError.class, reason.value(), reason.getTraceback());
            } else {
                // The JDK closes a selector-registered socket only at the selector's next pass, so on
                // NIO a SYN may still land in the dying backlog and be reset rather than refused.
                assertInstanceOf(ConnectError.class, reason.value(), reason.getTraceback());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void severalReactorsShareOnePortWithReusePort() throws Exception {
        try (RunningReactor first = new RunningReactor("epoll"); RunningReactor second = new RunningReactor("epoll")) {
            TcpOptions shared = TcpOptions.DEFAULT.withReusePort(true);
            ListeningPort a = first.reactor.listenTCP(0, x -> new Echo(), 50, "127.0.0.1", shared);
            ListeningPort b = second.reactor.listenTCP(port(a), x -> new Echo(), 50, "127.0.0.1", shared);
            assertEquals(port(a), port(b));
            for (int i = 0; i < 8; i++) {
                RecordingProtocol client = new RecordingProtocol(1) {
                    @Override
                    public void connectionMade() {
                        super.connectionMade();
                        transport().write(new byte[] {42});
                    }
                };
                first.reactor.connectTCP("127.0.0.1", port(a), new TestClientFactory(() -> client));
                assertArrayEquals(new byte[] {42}, client.gotAll.get(10, TimeUnit.SECONDS));
            }
        }
    }
}
