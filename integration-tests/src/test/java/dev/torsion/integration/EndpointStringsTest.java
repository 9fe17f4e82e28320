package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoint strings end to end on a NettyReactor: a server made with {@code serverFromString}, a
 * client with {@code clientFromString}, and {@link LineEchoServer} / {@link LineClient} (both
 * {@code LineReceiver}s) checking every line between them: tcp, ssl/tls from PEM files, unix.
 */
class EndpointStringsTest {
    private static final int LINES = 50;
    private static SelfSignedCertificate cert;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost");
    }

    /** Escapes a value for an endpoint string (colons and backslashes are special there). */
    static String escape(Object value) {
        return value.toString().replace("\\", "\\\\").replace(":", "\\:");
    }

    private static int tcpPort(ListeningPort port) {
        IPv4Address host = (IPv4Address) port.getHost();
        assertEquals("127.0.0.1", host.host());
        return host.port();
    }

    /** Serves and connects with the two descriptions; returns the client after every line was checked. */
    private static LineClient linesThrough(ReactorThread r, String serverDescription,
            Function<ListeningPort, String> clientDescription, String who) throws Exception {
        CompletableFuture<LineEchoServer> server = new CompletableFuture<>();
        ListeningPort port = r.await(() -> Endpoints.serverFromString(r.reactor(), serverDescription)
                .listen(Factories.capturingFirst(LineEchoServer::new, server)));
        LineClient client = new LineClient(LineClient.numberedLines(who, LINES));
        String description = clientDescription.apply(port);
        r.await(() -> Endpoints.clientFromString(r.reactor(), description).connect(address -> client));

        List<String> answers = client.awaitDone();
        assertEquals(LINES + 1, answers.size());
        assertEquals(LineEchoServer.reply(LINES, who + " line " + LINES + " " + "x".repeat(LINES % 37)),
                answers.get(LINES - 1));
        LineEchoServer served = server.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertInstanceOf(ConnectionDone.class, served.lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS)
                .value());
        assertEquals(LINES, served.count());
        assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
        r.await(port::stopListening);
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tcp(String kind) throws Exception {
        try (ReactorThread r = ReactorThread.start(kind)) {
            LineClient client = linesThrough(r, "tcp:0:interface=127.0.0.1",
                    port -> "tcp:host=127.0.0.1:port=" + tcpPort(port), "tcp");
            assertEquals(false, client.secure.getNow(null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sslServerFromPemFilesAndTlsClientVerifyingTheHostname(String kind) throws Exception {
        cert.writeTo(dir);
        String server = "ssl:0:privateKey=" + escape(dir.resolve("key.pem")) + ":certKey="
                + escape(dir.resolve("cert.pem")) + ":interface=127.0.0.1";
        IntFunction<String> client = port -> "tls:host=127.0.0.1:port=" + port + ":caCerts="
                + escape(dir.resolve("cert.pem")) + ":hostname=localhost";
        try (ReactorThread r = ReactorThread.start(kind)) {
            LineClient lines = linesThrough(r, server, port -> client.apply(tcpPort(port)), "tls");
            assertEquals(true, lines.secure.getNow(null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tlsClientForAnotherHostnameIsRefused(String kind) throws Exception {
        cert.writeTo(dir);
        String serverDescription = "ssl:0:privateKey=" + escape(dir.resolve("key.pem")) + ":certKey="
                + escape(dir.resolve("cert.pem")) + ":interface=127.0.0.1";
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<LineEchoServer> server = new CompletableFuture<>();
            ListeningPort port = r.await(() -> Endpoints.serverFromString(r.reactor(), serverDescription)
                    .listen(Factories.capturingFirst(LineEchoServer::new, server)));
            LineClient client = new LineClient(List.of("secret"));
            String description = "tls:host=127.0.0.1:port=" + tcpPort(port) + ":caCerts="
                    + escape(dir.resolve("cert.pem")) + ":hostname=evil.example";
            r.call(() -> Endpoints.clientFromString(r.reactor(), description).connect(address -> client)
                    .addErrback(failure -> null));

            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionLost.class, reason.value(), reason::getTraceback);
            assertTrue(reason.getTraceback().contains("evil.example"), reason::getTraceback);
            assertTrue(client.done.isCompletedExceptionally());
            LineEchoServer served = server.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            served.lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, served.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void unixSocket(String kind) throws Exception {
        Path socket = dir.resolve("lines.sock");
        try (ReactorThread r = ReactorThread.start(kind)) {
            linesThrough(r, "unix:" + escape(socket), port -> {
                assertEquals(socket.toString(), ((UNIXAddress) port.getHost()).name());
                return "unix:path=" + escape(socket);
            }, "unix");
        }
    }
}
