package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS over real loopback sockets: handshakes, verification, ALPN, SNI, client certificates, STARTTLS. */
class TlsTransportTest {
    private static SelfSignedCertificate serverCert;
    private static SelfSignedCertificate otherCert;
    private static SelfSignedCertificate clientCert;

    @BeforeAll
    static void certificates() {
        serverCert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        otherCert = SelfSignedCertificate.generate("other.test");
        clientCert = SelfSignedCertificate.generate("client.test");
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    /** Writes "ping" on connect and records the echo. */
    private static RecordingProtocol pinger() {
        return new RecordingProtocol(4) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write("ping".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    /** An echo server on loopback with {@code serverCert}. */
    private static ListeningPort listenEcho(RunningReactor r) {
        return r.reactor.listenSSL(0, a -> new Echo(), serverCert.serverOptions(), 50, "127.0.0.1");
    }

    private static RecordingProtocol connect(RunningReactor r, int port, TlsOptions options) {
        RecordingProtocol client = pinger();
        r.reactor.connectSSL("127.0.0.1", port, new TestClientFactory(() -> client), options, Duration.ofSeconds(5),
                null);
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void handshakeAndEchoWithHostnameVerification(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = listenEcho(r);
            RecordingProtocol client = connect(r, port(listening), serverCert.clientOptions("localhost"));
            assertEquals("ping", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            TlsConnectionInfo info = (TlsConnectionInfo) client.transport();
            assertTrue(info.isSecure());
            assertEquals("TLSv1.3", r.call(() -> info.tlsSession().getProtocol()));
            List<Certificate> peer = r.call(info::peerCertificates);
            assertEquals(serverCert.certificate(), peer.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void wrongHostnameFailsTheHandshake(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = listenEcho(r);
            RecordingProtocol client = connect(r, port(listening), serverCert.clientOptions("evil.example"));
            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionLost.class, reason.value());
            assertInstanceOf(SSLException.class, reason.value().getCause(), reason.getTraceback());
            assertEquals(0, client.received.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void untrustedCertificateFailsTheHandshake(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = listenEcho(r);
            RecordingProtocol client = connect(r, port(listening), otherCert.clientOptions("localhost"));
            assertInstanceOf(SSLException.class, client.awaitLost().value().getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void alpnNegotiatesTheSharedProtocol(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            CompletableFuture<TlsConnectionInfo> serverSide = new CompletableFuture<>();
            ListeningPort listening = r.reactor.listenSSL(0, a -> new Echo() {
                @Override
                public void connectionMade() {
                    serverSide.complete((TlsConnectionInfo) transport());
                }
            }, serverCert.serverOptions().withApplicationProtocols("h2", "http/1.1"), 50, "127.0.0.1");
            RecordingProtocol client = connect(r, port(listening),
                    serverCert.clientOptions("localhost").withApplicationProtocols("http/1.1"));
            client.gotAll.get(10, TimeUnit.SECONDS);
            assertEquals("http/1.1", r.call(((TlsConnectionInfo) client.transport())::applicationProtocol));
            assertEquals("http/1.1", r.call(serverSide.get(10, TimeUnit.SECONDS)::applicationProtocol));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sniPicksTheCertificateByName(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenSSL(0, a -> new Echo(), serverCert.serverOptions(),
                    Map.of("other.test", otherCert.serverOptions()), 50, "127.0.0.1", TcpOptions.DEFAULT);
            RecordingProtocol other = connect(r, port(listening), otherCert.clientOptions("other.test"));
            assertEquals("ping", new String(other.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(otherCert.certificate(), r.call(() ->
                    ((TlsConnectionInfo) other.transport()).peerCertificates().get(0)));
            RecordingProtocol fallback = connect(r, port(listening), serverCert.clientOptions("localhost"));
            assertEquals("ping", new String(fallback.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void requiredClientCertificate(String kind) throws Exception {
        TlsOptions server = TlsOptions.server(TlsContexts.context(serverCert.privateKey(),
                List.of(serverCert.certificate()), List.of(clientCert.certificate())))
                .withClientAuth(TlsOptions.ClientAuth.REQUIRE);
        try (RunningReactor r = new RunningReactor(kind)) {
            CompletableFuture<List<Certificate>> seen = new CompletableFuture<>();
            ListeningPort listening = r.reactor.listenSSL(0, a -> new Echo() {
                @Override
                public void dataReceived(byte[] data) {
                    seen.complete(((TlsConnectionInfo) transport()).peerCertificates());
                    super.dataReceived(data);
                }
            }, server, 50, "127.0.0.1");
            TlsOptions withCert = TlsOptions.client(TlsContexts.context(clientCert.privateKey(),
                    List.of(clientCert.certificate()), List.of(serverCert.certificate())), "localhost");
            RecordingProtocol good = connect(r, port(listening), withCert);
            assertEquals("ping", new String(good.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(clientCert.certificate(), seen.get(10, TimeUnit.SECONDS).get(0));

            RecordingProtocol anonymous = connect(r, port(listening), serverCert.clientOptions("localhost"));
            anonymous.awaitLost();
            assertEquals(0, anonymous.received.size());
        }
    }

    /** Speaks a tiny STARTTLS dialogue: "STARTTLS" in the clear, "GO", then TLS. */
    static final class StartTlsServer extends Protocol {
        final CompletableFuture<String> secretSeen = new CompletableFuture<>();
        private final TlsOptions tls;
        private boolean secure;

        StartTlsServer(TlsOptions tls) {
            this.tls = tls;
        }

        @Override
        public void dataReceived(byte[] data) {
            String text = new String(data, StandardCharsets.US_ASCII);
            if (!secure && text.equals("STARTTLS")) {
                transport().write("GO".getBytes(StandardCharsets.US_ASCII));
                ((TlsCapableTransport) transport()).startTLS(tls);
                secure = true;
            } else if (secure) {
                secretSeen.complete(text + (((TlsConnectionInfo) transport()).isSecure() ? " (secure)" : ""));
                transport().write(("echo " + text).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void startTlsUpgradesAnEstablishedConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            StartTlsServer server = new StartTlsServer(serverCert.serverOptions());
            ListeningPort listening = r.reactor.listenTCP(0, a -> server, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol(11) {
                private boolean upgraded;

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("STARTTLS".getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void dataReceived(byte[] data) {
                    if (!upgraded && new String(data, StandardCharsets.US_ASCII).equals("GO")) {
                        upgraded = true;
                        ((TlsCapableTransport) transport()).startTLS(serverCert.clientOptions("localhost"));
                        transport().write("secret".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                    super.dataReceived(data);
                }
            };
            r.reactor.connectTCP("127.0.0.1", port(listening), new TestClientFactory(() -> client));
            assertEquals("echo secret", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals("secret (secure)", server.secretSeen.get(10, TimeUnit.SECONDS));
            assertNotNull(r.call(((TlsConnectionInfo) client.transport())::tlsSession));
        }
    }
}
