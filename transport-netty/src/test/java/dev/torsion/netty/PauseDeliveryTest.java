package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After {@code pauseProducing()} no {@code dataReceived} comes until {@code resumeProducing()}, on
 * plain TCP and behind SslHandler, where one socket read can carry several records.
 */
class PauseDeliveryTest {
    private static final int WRITES = 40;
    private static final int SIZE = 300;
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    /** Pauses on every read and resumes 20 ms later; counts reads that came while paused. */
    static final class PausingServer extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final NettyReactor reactor;
        int readsWhilePaused;
        private boolean paused;

        PausingServer(NettyReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (paused) {
                readsWhilePaused++;
            }
            received.writeBytes(data);
            if (received.size() >= WRITES * SIZE) {
                done.complete(null);
                return;
            }
            paused = true;
            transport().pauseProducing();
            reactor.callLater(Duration.ofMillis(20), () -> {
                paused = false;
                transport().resumeProducing();
            });
        }
    }

    /** Sends {@link #WRITES} writes at once: one record each over TLS, flushed together. */
    static final class Burst extends Protocol {
        @Override
        public void connectionMade() {
            for (int i = 0; i < WRITES; i++) {
                transport().write(new byte[SIZE]);
            }
        }
    }

    private void assertNoReadWhilePaused(String kind, boolean tls) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            PausingServer server = new PausingServer(r.reactor);
            ListeningPort listening = tls
                    ? r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1")
                    : r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            int port = ((IPv4Address) listening.getHost()).port();
            TestClientFactory factory = new TestClientFactory(Burst::new);
            if (tls) {
                r.reactor.connectSSL("127.0.0.1", port, factory, cert.clientOptions("localhost"), Duration.ofSeconds(5),
                        null);
            } else {
                r.reactor.connectTCP("127.0.0.1", port, factory);
            }
            server.done.get(20, TimeUnit.SECONDS);
            assertEquals(WRITES * SIZE, (int) r.call(server.received::size));
            assertEquals(0, (int) r.call(() -> server.readsWhilePaused), "dataReceived after pauseProducing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void noReadAfterPauseOnTcp(String kind) throws Exception {
        assertNoReadWhilePaused(kind, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void noReadAfterPauseBehindSslHandler(String kind) throws Exception {
        assertNoReadWhilePaused(kind, true);
    }
}
