package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code openssl s_client -tls1_2} asks to renegotiate ({@code R}) once connected: both TLS stacks
 * (SslHandler over the socket, core TlsProtocol over TCP) refuse and close, as nginx does.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TlsRenegotiationInteropTest {
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
        String openssl = InteropTest.require("openssl");
        int port = ((IPv4Address) listening.getHost()).port();
        Process client = new ProcessBuilder(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2",
                "-servername", "localhost").redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    client.getInputStream().transferTo(output);
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.start();
            OutputStream stdin = client.getOutputStream();
            stdin.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            stdin.write("R\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            // stdin stays open: only the server's refusal can end s_client now.
            Failure reason = server.lost.get(15, TimeUnit.SECONDS);
            assertTrue(reason.getErrorMessage().contains("renegotiation"), reason.getErrorMessage());
            assertTrue(client.waitFor(15, TimeUnit.SECONDS), "s_client still connected after asking to renegotiate");
            reader.join(5000);
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            assertTrue(text.contains("RENEGOTIATING"), text);
            assertTrue(text.contains("hello"), "the echo before the refusal: " + text);
        } finally {
            client.destroyForcibly();
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
