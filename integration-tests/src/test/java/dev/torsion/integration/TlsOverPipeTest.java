package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsHandshakeError;
import dev.torsion.tls.TlsProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS over a pipe: a child JVM serves lines over its stdin and stdout through a server-side
 * {@link TlsProtocol} ({@link TlsLineServerOverStdio}); the parent reaches it with
 * {@code reactor.spawnProcess} and a client-side {@link TlsProtocol} on a
 * {@link ChildStdioTransport}. Nothing but TLS records may cross the pipe, or the handshake fails.
 */
class TlsOverPipeTest {
    private static SelfSignedCertificate cert;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void linesThroughTlsToAChildJvmOverItsStdio(String kind) throws Exception {
        cert.writeTo(dir);
        List<String> lines = new ArrayList<>(LineClient.numberedLines("pipe", 300));
        lines.add("big " + "y".repeat(12_000));
        lines.add("after the big one");
        LineClient client = new LineClient(lines);
        TlsProtocol tls = new TlsProtocol(cert.clientOptions("localhost"), client);
        ChildStdioTransport pipe = new ChildStdioTransport(tls);
        try (ReactorThread r = ReactorThread.start(kind)) {
            spawnServer(r, pipe);

            List<String> answers;
            try {
                answers = client.awaitDone();
            } catch (ExecutionException e) {
                throw new AssertionError("child stderr:\n" + pipe.stderr(), e);
            }
            assertEquals(lines.size() + 1, answers.size());
            assertEquals("2 echo pipe line 2 xx", answers.get(1));
            assertEquals(LineEchoServer.reply(301, "big " + "y".repeat(12_000)), answers.get(300));
            assertEquals("bye", answers.get(answers.size() - 1));
            assertEquals("TLSv1.3", r.call(tls::protocolVersion));
            assertEquals(cert.certificate(), r.call(() -> tls.peerCertificates().get(0)));

            // The child said bye and sent close_notify; the parent answered, closed the child's
            // stdin, and the child exited 0 (anything else maps to ConnectionLost).
            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionDone.class, reason.value(), () -> reason.getTraceback()
                    + "\nchild stderr:\n" + pipe.stderr());
        }
    }

    @Test
    void aHostnameMismatchOverThePipeFailsTheHandshakeOnBothSides() throws Exception {
        cert.writeTo(dir);
        LineClient client = new LineClient(List.of("secret"));
        TlsProtocol tls = new TlsProtocol(cert.clientOptions("evil.example"), client);
        ChildStdioTransport pipe = new ChildStdioTransport(tls);
        try (ReactorThread r = ReactorThread.start("epoll")) {
            spawnServer(r, pipe);

            Failure reason = client.awaitLost();
            TlsHandshakeError error = assertInstanceOf(TlsHandshakeError.class, reason.value(),
                    () -> reason.getTraceback() + "\nchild stderr:\n" + pipe.stderr());
            assertTrue(error.getMessage().contains("evil.example"), error.getMessage());
            assertTrue(client.done.isCompletedExceptionally());
            // The child heard the client's alert and exited 3, saying why on its stderr.
            assertTrue(pipe.stderr().contains("did not end cleanly"), pipe.stderr());
            assertTrue(pipe.stderr().contains("TlsHandshakeError"), pipe.stderr());
        }
    }

    /** Starts {@link TlsLineServerOverStdio} in a child JVM with this JVM's class path, behind {@code pipe}. */
    private void spawnServer(ReactorThread r, ChildStdioTransport pipe) throws Exception {
        r.call(() -> r.reactor().spawnProcess(pipe, javaExecutable(), List.of(
                "-Dlogback.configurationFile=" + logbackForChildren(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TlsLineServerOverStdio.class.getName(),
                dir.resolve("key.pem").toString(), dir.resolve("cert.pem").toString()), null, null));
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String logbackForChildren() throws Exception {
        return Path.of(TlsOverPipeTest.class.getResource("/logback-child.xml").toURI()).toString();
    }
}
