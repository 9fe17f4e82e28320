package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TLS 1.2 client (the JDK's {@code SSLSocket}, whose second {@code startHandshake()} renegotiates)
 * asks to renegotiate once connected: both TLS stacks (SslHandler over the socket, core
 * TlsProtocol over TCP) refuse and close, as nginx does.
 */
class TlsRenegotiationTest {
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    /** Echoes, and records how its connection ended. */
    static final class Server extends Protocol {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    private static void assertRenegotiationRefused(ListeningPort listening, Server server) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustAll.INSTANCE}, null);
        try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket()) {
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            client.setSoTimeout(10_000);
            client.connect(new InetSocketAddress("127.0.0.1", ((IPv4Address) listening.getHost()).port()), 5000);
            client.startHandshake();
            assertEquals("TLSv1.2", client.getSession().getProtocol());
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertEquals("hello", new String(in.readNBytes(5), StandardCharsets.US_ASCII));

            boolean renegotiated;
            try {
                client.startHandshake(); // a new ClientHello on the established connection
                client.getOutputStream().write("again".getBytes(StandardCharsets.US_ASCII));
                renegotiated = in.readNBytes(5).length == 5;
            } catch (IOException refused) {
                renegotiated = false;
            }
            Failure reason = server.lost.get(10, TimeUnit.SECONDS);
            assertTrue(reason.getErrorMessage().contains("renegotiation"), reason.getErrorMessage());
            assertTrue(!renegotiated, "the connection went on after a renegotiation");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sslHandlerRefuses(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Server server = new Server();
            ListeningPort listening = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            assertRenegotiationRefused(listening, server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tlsProtocolRefuses(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Server server = new Server();
            ListeningPort listening = r.reactor.listenTCP(0, a -> new TlsProtocol(cert.serverOptions(), server), 50,
                    "127.0.0.1");
            assertRenegotiationRefused(listening, server);
        }
    }
}
