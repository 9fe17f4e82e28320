package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Torsion against programs others wrote: OpenSSL's s_client and s_server, curl, socat. Runs only
 * with {@code -Dtorsion.interop=true} (Maven profile {@code interop}); then a missing program is a
 * failure. Debian packages: openssl, curl, socat.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class InteropTest {
    @TempDir
    Path tmp;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    static String require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        fail(program + " is not installed: interop tests need it (Debian package: " + program + ")");
        return null;
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        return process;
    }

    /** Reads lines until one equals {@code expected}; fails with what was read otherwise. */
    private static void expectLine(BufferedReader out, String expected) throws IOException {
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.trim().equals(expected)) {
                return;
            }
            seen.add(line);
        }
        fail("never saw '" + expected + "'; output was " + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Waits for {@code file} to appear, using the child's own exit as the clock. */
    private static void awaitFile(Process owner, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (owner.waitFor(10, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                fail("the peer never created " + file);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void opensslClientAgainstTorsionServer(String kind) throws Exception {
        String openssl = require("openssl");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort port = r.reactor.listenSSL(0, a -> new Echo(), cert.serverOptions(), 50, "127.0.0.1");
            Process client = start(openssl, "s_client", "-connect", "127.0.0.1:" + ((IPv4Address) port.getHost()).port(),
                    "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile",
                    tmp.resolve("cert.pem").toString(), "-verify_return_error", "-quiet");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8))) {
                OutputStream in = client.getOutputStream();
                in.write("hello from openssl\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                expectLine(out, "hello from openssl");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void torsionClientAgainstOpensslServer(String kind) throws Exception {
        String openssl = require("openssl");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        int port = freePort();
        Process server = start(openssl, "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                tmp.resolve("cert.pem").toString(), "-key", tmp.resolve("key.pem").toString(), "-naccept", "1");
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        expectLine(serverOut, "ACCEPT");
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol client = new RecordingProtocol("from s_server\n".length()) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("from torsion\n".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.reactor.connectSSL("127.0.0.1", port, new TestClientFactory(() -> client),
                    cert.clientOptions("localhost"), Duration.ofSeconds(5), null);
            expectLine(serverOut, "from torsion");
            server.getOutputStream().write("from s_server\n".getBytes(StandardCharsets.US_ASCII));
            server.getOutputStream().flush();
            assertEquals("from s_server\n",
                    new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        }
    }

    /** Answers any request with a fixed HTTP response, then closes. */
    static final class TinyHttp extends Protocol {
        private final StringBuilder request = new StringBuilder();

        @Override
        public void dataReceived(byte[] data) {
            request.append(new String(data, StandardCharsets.ISO_8859_1));
            if (request.indexOf("\r\n\r\n") >= 0) {
                transport().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                        + "Connection: close\r\n\r\nhello, curl!\n").getBytes(StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void curlOverTlsWithVerification(String kind) throws Exception {
        String curl = require("curl");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenSSL(0, a -> new TinyHttp(),
                    cert.serverOptions().withApplicationProtocols("http/1.1"), 50, "127.0.0.1");
            int port = ((IPv4Address) listening.getHost()).port();
            Process process = start(curl, "-sS", "--http1.1", "--cacert", tmp.resolve("cert.pem").toString(),
                    "--resolve", "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            assertEquals("hello, curl!\n", output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void socatClientAgainstTorsionUnixServer(String kind) throws Exception {
        String socat = require("socat");
        Path socket = tmp.resolve("torsion.sock");
        try (RunningReactor r = new RunningReactor(kind)) {
            r.reactor.listenUNIX(socket.toString(), a -> new Echo(), 50, 0600, false);
            Process client = start(socat, "-t", "5", "-", "UNIX-CONNECT:" + socket);
            client.getOutputStream().write("through socat\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().close();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(20, TimeUnit.SECONDS));
            assertEquals("through socat\n", output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void torsionClientAgainstSocatUnixServer(String kind) throws Exception {
        String socat = require("socat");
        Path socket = tmp.resolve("socat.sock");
        Process server = start(socat, "UNIX-LISTEN:" + socket, "PIPE");
        awaitFile(server, socket);
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol client = new RecordingProtocol(9) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("to socat!".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.reactor.connectUNIX(socket.toString(), new TestClientFactory(() -> client), Duration.ofSeconds(5), false);
            assertEquals("to socat!", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        }
    }
}
