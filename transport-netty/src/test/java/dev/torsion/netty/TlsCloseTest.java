package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.TcpTransportTest.HalfCloser;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsOptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing TLS connections over real sockets: half-close sends close_notify before the FIN and
 * reading goes on (TLS 1.3), TLS 1.2 closes both ways, and an end without close_notify is reported
 * as lost (a possible truncation).
 */
class TlsCloseTest {
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    /** A half-closeable client that sends a request and then half-closes. */
    private static HalfCloser requester() {
        return new HalfCloser(false) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write("request".getBytes(StandardCharsets.US_ASCII));
                ((HalfCloseableTransport) transport()).loseWriteConnection();
            }
        };
    }

    private static void connect(RunningReactor r, ListeningPort listening, Protocol client) {
        r.reactor.connectSSL("127.0.0.1", port(listening), new TestClientFactory(() -> client),
                cert.clientOptions("localhost"), Duration.ofSeconds(5), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tls13HalfCloseSendsCloseNotifyAndKeepsReading(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            HalfCloser server = new HalfCloser(true);
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            HalfCloser client = requester();
            connect(r, listening, client);

            client.writeLost.get(10, TimeUnit.SECONDS);
            // The server hears the end of the client's writing from its close_notify: a clean end.
            server.readLost.get(10, TimeUnit.SECONDS);
            // The client reads the answer sent after its own half-close, then the server's close_notify.
            client.readLost.get(10, TimeUnit.SECONDS);
            assertEquals("got request", client.text());
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tls12HasNoHalfCloseTheCloseNotifyIsAnsweredAndBothCloseCleanly(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            HalfCloser server = new HalfCloser(true);
            TlsOptions tls12 = cert.serverOptions().withProtocols("TLSv1.2");
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, tls12, 50, "127.0.0.1");
            HalfCloser client = requester();
            connect(r, listening, client);

            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertEquals("request", server.text());
            assertFalse(server.readLost.isDone(), "TLS 1.2 cannot go on writing after the peer's close_notify");
            assertEquals("", client.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void loseConnectionSendsCloseNotify(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenSSL(0, a -> new Protocol() {
                @Override
                public void connectionMade() {
                    transport().write("bye".getBytes(StandardCharsets.US_ASCII));
                    transport().loseConnection();
                }
            }, cert.serverOptions(), 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol();
            connect(r, listening, client);
            // Clean only because the server's close_notify arrived before its FIN.
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertEquals("bye", client.text());
        }
    }

    /**
     * A JDK TLS client whose TCP connection is shut (half-closeable server) or closed (other
     * server) under its TLS, without close_notify.
     */
    private static void endWithoutCloseNotify(int port, boolean shutdownOnly) throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            plain.setSoTimeout(10_000);
            SSLSocket tls = (SSLSocket) cert.clientOptions("localhost").context().getSocketFactory()
                    .createSocket(plain, "localhost", port, false);
            tls.startHandshake();
            tls.getOutputStream().write("truncated".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            if (shutdownOnly) {
                plain.shutdownOutput();
                InputStream in = plain.getInputStream();
                while (in.read() >= 0) {
                    // drain until the server closes (its session tickets, then its end)
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void finWithoutCloseNotifyIsALostConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            HalfCloser server = new HalfCloser(true);
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            endWithoutCloseNotify(port(listening), true);
            Failure lost = server.awaitLost();
            assertInstanceOf(ConnectionLost.class, lost.value());
            assertTrue(lost.getErrorMessage().contains("close_notify"), lost.getErrorMessage());
            assertFalse(server.readLost.isDone(), "a FIN without close_notify is no clean half-close");
            assertEquals("truncated", server.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void closeWithoutCloseNotifyIsALostConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol server = new RecordingProtocol();
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            endWithoutCloseNotify(port(listening), false);
            Failure lost = server.awaitLost();
            assertInstanceOf(ConnectionLost.class, lost.value());
            assertEquals("truncated", server.text());
        }
    }
}
