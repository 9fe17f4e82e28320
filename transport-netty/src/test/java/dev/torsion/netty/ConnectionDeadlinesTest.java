package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport's own connection lifecycle on real sockets: the close deadline, the send deadline
 * and backpressure, which every protocol gets without code.
 */
class ConnectionDeadlinesTest {
    private static final int BIG = 32 * 1024 * 1024;
    private static SelfSignedCertificate cert;

    @TempDir
    Path tmp;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    /** Writes {@code size} bytes on connect, then maybe closes; records how it ended. */
    static class Flooder extends Protocol {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        private final int size;
        private final boolean close;
        private final Duration closeTimeout;
        private final Duration sendTimeout;

        Flooder(int size, boolean close, Duration closeTimeout, Duration sendTimeout) {
            this.size = size;
            this.close = close;
            this.closeTimeout = closeTimeout;
            this.sendTimeout = sendTimeout;
        }

        @Override
        public void connectionMade() {
            transport().setCloseTimeout(closeTimeout);
            transport().setSendTimeout(sendTimeout);
            transport().write(new byte[size]);
            if (close) {
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    private static Socket nonReadingClient(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    private static void assertAborted(Flooder server) throws Exception {
        Failure reason = server.lost.get(20, TimeUnit.SECONDS);
        assertNotNull(reason.check(ConnectionAborted.class), String.valueOf(reason));
    }

    // ---------------------------------------------------------------- close deadline

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void closeDeadlineAbortsAPeerThatStopsReadingOverTcp(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Flooder server = new Flooder(BIG, true, Duration.ofMillis(500), null);
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = nonReadingClient(port(listening))) {
                assertAborted(server);
                assertTrue(server.lost.get().getErrorMessage().contains("close timeout"),
                        server.lost.get().getErrorMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void closeDeadlineAbortsAPeerThatStopsReadingOverTls(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Flooder server = new Flooder(BIG, true, Duration.ofMillis(500), null);
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TrustAll.INSTANCE}, null);
            try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket()) {
                client.setReceiveBufferSize(4096);
                client.connect(new InetSocketAddress("127.0.0.1", port(listening)), 5000);
                client.startHandshake();
                assertAborted(server);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void closeDeadlineAbortsAPeerThatStopsReadingOverUnix(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Flooder server = new Flooder(BIG, true, Duration.ofMillis(500), null);
            Path path = tmp.resolve("s.sock");
            r.reactor.listenUNIX(path.toString(), a -> server, 50, 0600, false);
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(path));
                assertAborted(server);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void halfCloseLingerIsBoundedByTheCloseDeadline(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Flooder server = new Flooder(BIG, false, Duration.ofMillis(500), null) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    ((HalfCloseableTransport) transport()).loseWriteConnection();
                }
            };
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = nonReadingClient(port(listening))) {
                assertAborted(server);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void theDefaultCloseTimeoutIsFifteenSeconds(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            assertEquals(Duration.ofSeconds(15), r.reactor.closeTimeout());
            assertEquals(Duration.ofSeconds(60), r.reactor.sendTimeout());
            assertEquals(Transport.DEFAULT_CLOSE_TIMEOUT, r.reactor.closeTimeout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void reactorDefaultsApplyToNewConnections(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            r.reactor.setCloseTimeout(Duration.ofMillis(300));
            Flooder server = new Flooder(BIG, true, null, null) {
                @Override
                public void connectionMade() {
                    transport().write(new byte[BIG]);
                    transport().loseConnection();
                }
            };
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = nonReadingClient(port(listening))) {
                assertAborted(server);
            }
        }
    }

    // ---------------------------------------------------------------- send deadline

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void sendDeadlineAbortsAPeerThatTakesNothing(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Flooder server = new Flooder(BIG, false, null, Duration.ofMillis(500));
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = nonReadingClient(port(listening))) {
                assertAborted(server);
                assertTrue(server.lost.get().getErrorMessage().contains("send timeout"),
                        server.lost.get().getErrorMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aSlowButSteadyReaderIsNeverCut(String kind) throws Exception {
        int size = 8 * 1024 * 1024;
        try (RunningReactor r = new RunningReactor(kind)) {
            // The transfer takes several send timeouts; every 20 ms the peer takes up to 64 KiB.
            Flooder server = new Flooder(size, true, Duration.ofSeconds(30), Duration.ofSeconds(1));
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = new Socket("127.0.0.1", port(listening))) {
                InputStream in = client.getInputStream();
                byte[] chunk = new byte[64 * 1024];
                long total = 0;
                long started = System.nanoTime();
                int n;
                while ((n = in.read(chunk)) > 0) {
                    total += n;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the reader's own pace
                }
                assertEquals(size, total);
                assertTrue(System.nanoTime() - started > TimeUnit.SECONDS.toNanos(2), "the reader was not slow");
            }
            Failure reason = server.lost.get(10, TimeUnit.SECONDS);
            assertNotNull(reason.check(ConnectionDone.class), String.valueOf(reason));
        }
    }

    // ---------------------------------------------------------------- backpressure

    /** An echo that counts what it read. */
    static final class CountingEcho extends Protocol {
        final AtomicLong read = new AtomicLong();

        @Override
        public void dataReceived(byte[] data) {
            read.addAndGet(data.length);
            transport().write(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void aPeerThatSendsAndNeverReadsIsNotReadWithoutBound(String kind) throws Exception {
        long total = 64L * 1024 * 1024;
        try (RunningReactor r = new RunningReactor(kind)) {
            CountingEcho server = new CountingEcho();
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            try (Socket client = nonReadingClient(port(listening))) {
                client.setSendBufferSize(64 * 1024);
                OutputStream out = client.getOutputStream();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        for (long sent = 0; sent < total; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                // The client writes and never reads: once the buffers along the way are full, the
                // server must stop reading, so the client's writing cannot finish.
                assertThrows(TimeoutException.class, () -> writer.get(3, TimeUnit.SECONDS));
                long readWhileBlocked = server.read.get();
                assertTrue(readWhileBlocked < 16L * 1024 * 1024,
                        "the server read " + readWhileBlocked + " bytes from a peer that reads nothing");

                // Now the client reads: everything is echoed and the writer finishes.
                InputStream in = client.getInputStream();
                byte[] chunk = new byte[256 * 1024];
                long echoed = 0;
                while (echoed < total) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    echoed += n;
                }
                writer.get(30, TimeUnit.SECONDS);
                assertEquals(total, echoed);
                assertEquals(total, server.read.get());
            }
        }
    }
}
