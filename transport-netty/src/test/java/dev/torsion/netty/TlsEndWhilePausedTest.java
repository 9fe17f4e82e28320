package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsHandshakeListener;
import dev.torsion.tls.TlsProtocol;
import io.netty.channel.socket.DuplexChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The end of a TLS upload that arrives while the reader is paused (an FTPS upload waiting for the
 * disk): the peer's last records, its close_notify and its FIN all come in while paused. On epoll
 * (after EPOLLRDHUP) and io_uring Netty reads to the end of the stream even with reading off, so
 * the transport sees the end before the protocol has read what came before it. After the reader
 * resumes, every
 * byte must arrive, in order, before the clean end ({@code readConnectionLost}, then
 * {@link ConnectionDone}; on TLS 1.2, which has no half-close, {@link ConnectionDone} alone), with
 * both TLS stacks and both versions: Netty's SslHandler, and core's {@link TlsProtocol}
 * over TCP (which keeps the records it has not decrypted while paused, as the FTP data connection
 * does). NIO is not run: it reads nothing while paused, not even the end.
 */
class TlsEndWhilePausedTest {
    /** Three records (one per write), small enough to arrive in one socket read. */
    private static final int RECORDS = 3;
    private static final int RECORD_SIZE = 3000;
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    private static byte[] upload() {
        byte[] all = new byte[RECORDS * RECORD_SIZE];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 31 + i / RECORD_SIZE);
        }
        return all;
    }

    /**
     * Pauses on its first read and stays paused until the test resumes it; records what arrives
     * while paused, how much had arrived when the peer's writing ended, and how the connection ended.
     */
    static final class PausedReceiver extends Protocol implements HalfCloseableProtocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<Void> paused = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        int readsWhilePaused;
        int eventsWhilePaused;
        int receivedAtEnd = -1;
        int callsAfterLost;
        private boolean pausedNow;

        @Override
        public void dataReceived(byte[] data) {
            if (lost.isDone()) {
                callsAfterLost++;
            }
            if (pausedNow) {
                readsWhilePaused++;
            }
            received.writeBytes(data);
            if (!paused.isDone()) {
                pausedNow = true;
                transport().pauseProducing();
                paused.complete(null);
            }
        }

        void resume() {
            pausedNow = false;
            transport().resumeProducing();
        }

        @Override
        public void readConnectionLost() {
            if (lost.isDone()) {
                callsAfterLost++;
            }
            if (pausedNow) {
                eventsWhilePaused++;
            }
            receivedAtEnd = received.size();
            transport().loseConnection(); // the upload is over: close, as the FTP data connection does
        }

        @Override
        public void writeConnectionLost() {
            // this side never half-closes
        }

        @Override
        public void connectionLost(Failure reason) {
            if (pausedNow) {
                eventsWhilePaused++;
            }
            if (receivedAtEnd < 0) {
                receivedAtEnd = received.size(); // TLS 1.2: the peer's close_notify closes both ways at once
            }
            lost.complete(reason);
        }
    }

    /** Sends the upload in {@link #RECORDS} writes, then close_notify and FIN, all in one flush. */
    static final class Uploader extends Protocol implements TlsHandshakeListener {
        private final boolean afterHandshake;

        Uploader(boolean afterHandshake) {
            this.afterHandshake = afterHandshake;
        }

        @Override
        public void connectionMade() {
            if (!afterHandshake) {
                send();
            }
        }

        @Override
        public void handshakeCompleted(TlsProtocol tls) {
            send();
        }

        private void send() {
            byte[] all = upload();
            for (int i = 0; i < RECORDS; i++) {
                byte[] record = new byte[RECORD_SIZE];
                System.arraycopy(all, i * RECORD_SIZE, record, 0, RECORD_SIZE);
                transport().write(record);
            }
            ((HalfCloseableTransport) transport()).loseWriteConnection();
        }
    }

    @ParameterizedTest
    @CsvSource({"epoll,TLSv1.3", "epoll,TLSv1.2", "io_uring,TLSv1.3", "io_uring,TLSv1.2"})
    void everyByteThenTheCleanEndBehindSslHandler(String kind, String version) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            PausedReceiver server = new PausedReceiver();
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions().withProtocols(version),
                    50, "127.0.0.1");
            r.reactor.connectSSL("127.0.0.1", port(listening), new TestClientFactory(() -> new Uploader(false)),
                    cert.clientOptions("localhost"), Duration.ofSeconds(5), null);
            assertEndAfterEveryByte(r, server, server::transport);
        }
    }

    /** As the FTP data connection runs: TLS 1.2 there (see proto-ftp), TLS 1.3 elsewhere. */
    @ParameterizedTest
    @CsvSource({"epoll,TLSv1.3", "epoll,TLSv1.2", "io_uring,TLSv1.3", "io_uring,TLSv1.2"})
    void everyByteThenTheCleanEndBehindTlsProtocol(String kind, String version) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            PausedReceiver server = new PausedReceiver();
            ListeningPort listening = r.reactor.listenTCP(0,
                    a -> new TlsProtocol(cert.serverOptions().withProtocols(version), server), 50, "127.0.0.1");
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(
                    () -> new TlsProtocol(cert.clientOptions("localhost"), new Uploader(true))));
            assertEndAfterEveryByte(r, server, () -> ((TlsProtocol) server.transport()).transport());
        }
    }

    /**
     * Waits until the receiver has paused and its socket has read the peer's FIN (so the last
     * records, close_notify and FIN all came while paused), then resumes it and checks that every
     * byte came, in order, before the end, and that the end was clean.
     */
    private static void assertEndAfterEveryByte(RunningReactor r, PausedReceiver server,
            Supplier<Transport> socketSide) throws Exception {
        server.paused.get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!r.call(() -> ((DuplexChannel) ((StreamConnection) socketSide.get()).channel()).isInputShutdown())) {
            assertTrue(System.nanoTime() < deadline, "the peer's FIN was not read while paused");
            Thread.sleep(5);
        }
        r.call(() -> {
            server.resume();
            return null;
        });
        Failure reason = server.lost.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionDone.class, reason.value(), reason.getErrorMessage());
        assertEquals(0, (int) r.call(() -> server.eventsWhilePaused), "the end reported while paused");
        byte[] expected = upload();
        assertArrayEquals(expected, r.call(server.received::toByteArray), "the bytes received");
        assertEquals(expected.length, (int) r.call(() -> server.receivedAtEnd),
                "bytes received when the peer's writing ended");
        assertEquals(0, (int) r.call(() -> server.readsWhilePaused), "dataReceived while paused");
        assertEquals(0, (int) r.call(() -> server.callsAfterLost), "calls after connectionLost");
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }
}
