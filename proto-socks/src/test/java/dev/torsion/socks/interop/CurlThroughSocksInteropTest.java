package dev.torsion.socks.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.support.Logins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * curl through our SOCKS server (on a real Netty reactor) to a small HTTP server on loopback, by
 * every SOCKS flavour curl speaks, with and without a login; the body curl prints names the request
 * line the HTTP server received, so the bytes went through the relay both ways.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class CurlThroughSocksInteropTest {
    private static final String CURL = "/usr/bin/curl";
    private static LiveReactor live;
    private static final List<ListeningPort> ports = new ArrayList<>();
    private static int http4;
    private static int http6;
    private static int socks;
    private static int guardedSocks;

    /** Answers one HTTP request with a body that repeats its request line, then closes. */
    static final class TinyHttp extends Protocol {
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();

        @Override
        public void dataReceived(byte[] data) {
            request.writeBytes(data);
            String text = request.toString(StandardCharsets.US_ASCII);
            if (text.contains("\r\n\r\n")) {
                byte[] body = ("you sent: " + text.substring(0, text.indexOf("\r\n")) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                transport().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                transport().write(body);
                transport().loseConnection();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CURL)), CURL + " is missing (install curl)");
        live = new LiveReactor();
        http4 = listen(address -> new TinyHttp(), "127.0.0.1");
        http6 = listen(address -> new TinyHttp(), "::1");
        socks = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), null), "127.0.0.1");
        guardedSocks = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(),
                new Logins().portal), "127.0.0.1");
    }

    private static int listen(ProtocolFactory factory, String address) throws Exception {
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0, factory, 50, address));
        ports.add(port);
        return ((IPAddress) port.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            for (ListeningPort port : ports) {
                live.await(port::stopListening);
            }
            live.close();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "20"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        }, "curl output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "curl timed out: " + command);
        return new Result(process.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static void assertFetched(String path, String... arguments) throws Exception {
        Result result = curl(arguments);
        assertEquals(0, result.exit(), result.output());
        assertEquals("you sent: GET " + path + " HTTP/1.1\n", result.output());
    }

    @Test
    void socks4() throws Exception {
        assertFetched("/v4", "--socks4", "127.0.0.1:" + socks, "http://127.0.0.1:" + http4 + "/v4");
    }

    @Test
    void socks4aResolvedByTheServer() throws Exception {
        assertFetched("/v4a", "--socks4a", "127.0.0.1:" + socks, "http://localhost:" + http4 + "/v4a");
    }

    @Test
    void socks5() throws Exception {
        assertFetched("/v5", "--socks5", "127.0.0.1:" + socks, "http://127.0.0.1:" + http4 + "/v5");
    }

    @Test
    void socks5ToIpv6() throws Exception {
        assertFetched("/v6", "--socks5", "127.0.0.1:" + socks, "http://[::1]:" + http6 + "/v6");
    }

    @Test
    void socks5HostnameResolvedByTheServer() throws Exception {
        assertFetched("/name", "--socks5-hostname", "127.0.0.1:" + socks, "http://localhost:" + http4 + "/name");
    }

    @Test
    void socks5WithProxyUser() throws Exception {
        assertFetched("/login", "--socks5", "127.0.0.1:" + guardedSocks, "--proxy-user", "alice:s3cret",
                "http://127.0.0.1:" + http4 + "/login");
        assertFetched("/login-name", "--socks5-hostname", "127.0.0.1:" + guardedSocks, "--proxy-user", "alice:s3cret",
                "http://localhost:" + http4 + "/login-name");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Result result = curl("--socks5", "127.0.0.1:" + guardedSocks, "--proxy-user", "alice:wrong",
                "http://127.0.0.1:" + http4 + "/nope");
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(!result.output().contains("you sent"), result.output());
    }

    @Test
    void refusedDestinationIsReported() throws Exception {
        // A port nobody listens on: RFC 1928 §6 reply X'05', which curl prints as "(5)".
        Result result = curl("--socks5", "127.0.0.1:" + socks, "http://127.0.0.1:1/");
        assertEquals(97, result.exit(), result.output());
        assertTrue(result.output().contains("SOCKS5 connection to 127.0.0.1. (5)"), result.output());
    }
}
