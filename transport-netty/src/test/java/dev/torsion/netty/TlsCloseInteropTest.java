package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.TcpTransportTest.HalfCloser;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How TLS connections end, against OpenSSL's {@code s_client}: it sees our close_notify (it prints
 * {@code closed}, and never OpenSSL 3's {@code unexpected eof while reading}) both on
 * {@code loseConnection} and on {@code loseWriteConnection}; we see its close_notify as a clean
 * end, and its death without one as a lost connection. Runs only with {@code -Dtorsion.interop=true}
 * (Maven profile {@code interop}); then a missing {@code openssl} is a failure.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TlsCloseInteropTest {
    private static final String UNCLEAN = "unexpected eof";

    @TempDir
    Path tmp;
    private SelfSignedCertificate cert;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void certificate() throws IOException {
        cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
    }

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** Starts s_client against {@code port}, verifying our certificate, without -quiet so that it says how the connection ended. */
    private Process sClient(ListeningPort port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(InteropTest.require("openssl"), "s_client", "-connect",
                "127.0.0.1:" + ((IPv4Address) port.getHost()).port(), "-servername", "localhost", "-verify_hostname",
                "localhost", "-CAfile", tmp.resolve("cert.pem").toString(), "-verify_return_error"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        return process;
    }

    /** Everything {@code process} prints until it exits, read on a thread of its own. */
    private static CompletableFuture<String> output(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What s_client printed; it must exit by itself once the connection has ended. */
    private static String outputAtExit(Process client, CompletableFuture<String> output) throws Exception {
        assertTrue(client.waitFor(20, TimeUnit.SECONDS), "s_client should end once the connection has ended");
        return output.get(10, TimeUnit.SECONDS);
    }

    private static void assertClosedCleanly(String output) {
        assertTrue(output.lines().anyMatch(line -> line.trim().equals("bye")), output);
        // s_client prints "closed" on SSL_ERROR_ZERO_RETURN: the peer's close_notify.
        assertTrue(output.lines().anyMatch(line -> line.trim().equals("closed")), output);
        assertFalse(output.contains(UNCLEAN), output);
    }

    /** Says {@code bye} when the handshake is done, then closes its writing or the whole connection. */
    private static final class Farewell extends HalfCloser {
        private final boolean halfClose;

        Farewell(boolean halfClose) {
            super(false);
            this.halfClose = halfClose;
        }

        @Override
        public void connectionMade() {
            super.connectionMade();
            transport().write("bye\n".getBytes(StandardCharsets.US_ASCII));
            if (halfClose) {
                ((HalfCloseableTransport) transport()).loseWriteConnection();
            } else {
                transport().loseConnection();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sClientSeesOurCloseNotifyOnLoseConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Farewell server = new Farewell(false);
            ListeningPort port = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            Process client = sClient(port);
            assertClosedCleanly(outputAtExit(client, output(client)));
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sClientSeesOurCloseNotifyOnHalfCloseAndAnswersWithItsOwn(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Farewell server = new Farewell(true);
            ListeningPort port = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            Process client = sClient(port);
            assertClosedCleanly(outputAtExit(client, output(client)));
            server.writeLost.get(10, TimeUnit.SECONDS);
            // s_client answered with its close_notify before closing: our reading ended cleanly.
            server.readLost.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    /**
     * TLS 1.2 has no half-close: s_client answers our close_notify at once and closes, and our
     * half-closed protocol hears the clean end of both directions.
     */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void halfCloseOverTls12EndsTheConnectionCleanly(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Farewell server = new Farewell(true);
            ListeningPort port = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            Process client = sClient(port, "-tls1_2");
            String output = outputAtExit(client, output(client));
            assertClosedCleanly(output);
            assertTrue(output.contains("TLSv1.2"), output);
            server.readLost.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void closeNotifyFromSClientIsACleanEnd(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol server = new RecordingProtocol("hello\n".length());
            ListeningPort port = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            Process client = sClient(port);
            output(client);
            try (OutputStream stdin = client.getOutputStream()) {
                stdin.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            } // end of its input: s_client sends close_notify, then closes the socket
            assertEquals("hello\n", new String(server.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertInstanceOf(ConnectionDone.class, server.awaitLost().value());
            assertTrue(client.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sClientKilledWithoutCloseNotifyIsALostConnection(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            CompletableFuture<Void> line = new CompletableFuture<>();
            HalfCloser server = new HalfCloser(false) {
                @Override
                public void dataReceived(byte[] data) {
                    super.dataReceived(data);
                    if (text().endsWith("\n")) {
                        line.complete(null);
                    }
                }
            };
            ListeningPort port = r.reactor.listenSSL(0, a -> server, cert.serverOptions(), 50, "127.0.0.1");
            Process client = sClient(port, "-quiet");
            output(client);
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            line.get(10, TimeUnit.SECONDS);
            client.destroyForcibly(); // SIGKILL: the kernel closes the socket, no close_notify
            assertTrue(client.waitFor(20, TimeUnit.SECONDS));
            Failure lost = server.awaitLost();
            assertInstanceOf(ConnectionLost.class, lost.value());
            assertFalse(server.readLost.isDone(), "no clean end of the peer's writing: " + lost);
        }
    }
}
