package dev.torsion.http.h2.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.ReactorHttpConnector;
import dev.torsion.http.client.Response;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.server.Http2ServerFactory;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.TestTls;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The HTTP/2 client against nghttpd (Debian nghttp2-server) and h2o (Debian h2o), in cleartext with prior knowledge and
 * over TLS with ALPN and the server's name verified; and against Torsion's own HTTP/2 server. The
 * {@link Agent} itself chooses HTTP/2 by ALPN with nghttpd and h2o, and falls back to HTTP/1.1 with
 * {@code openssl s_server -WWW} (Debian openssl), which answers no ALPN.
 * Runs only with {@code -Dtorsion.interop=true}.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class Http2AgentInteropTest {
    private static final String NGHTTPD = "/usr/sbin/nghttpd";
    private static final String H2O = "/usr/bin/h2o";
    private static final String OPENSSL = "/usr/bin/openssl";

    static Path temp;
    static Path tls;
    static byte[] big;
    static LiveReactor live;
    static Process plainServer;
    static Process tlsServer;
    static Process h2o;
    static Process sServer;
    static int sServerPort;
    static int h2oPort;
    static int h2oTlsPort;
    static int plainPort;
    static int tlsPort;
    static ListeningPort ours;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                // nghttpd is starting: its port is not bound yet.
                new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Programs.require(NGHTTPD);
        temp = Files.createTempDirectory("torsion-h2-agent");
        tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        Path docs = Files.createDirectory(temp.resolve("docs"));
        big = new byte[3 << 20];
        new Random(7540).nextBytes(big);
        Files.write(docs.resolve("big.bin"), big);
        Files.writeString(docs.resolve("hello.txt"), "Hello, world!");
        plainPort = freePort();
        plainServer = new ProcessBuilder(NGHTTPD, "--no-tls", "-a", "127.0.0.1", "-d", docs.toString(), Integer.toString(plainPort))
                .redirectErrorStream(true).redirectOutput(temp.resolve("plain.log").toFile()).start();
        tlsPort = freePort();
        tlsServer = new ProcessBuilder(NGHTTPD, "-a", "127.0.0.1", "-d", docs.toString(), Integer.toString(tlsPort),
                tls.resolve("server-key.pem").toString(), tls.resolve("server.pem").toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("tls.log").toFile()).start();
        Programs.require(H2O);
        h2oPort = freePort();
        h2oTlsPort = freePort();
        Path config = temp.resolve("h2o.conf");
        Files.writeString(config, String.join("\n",
                "listen:", "  port: " + h2oPort, "  host: 127.0.0.1",
                "listen:", "  port: " + h2oTlsPort, "  host: 127.0.0.1", "  ssl:",
                "    certificate-file: " + tls.resolve("server.pem"), "    key-file: " + tls.resolve("server-key.pem"),
                "hosts:", "  \"default\":", "    paths:", "      /:", "        file.dir: " + docs,
                // Run as root, h2o would switch to nobody, who cannot read the private temporary directory.
                "user: " + System.getProperty("user.name"), "error-log: " + temp.resolve("h2o-error.log"), ""));
        h2o = new ProcessBuilder(H2O, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("h2o.log").toFile()).start();
        Programs.require(OPENSSL);
        sServerPort = freePort();
        // -WWW serves the files under its working directory, as HTTP/1.0, and negotiates no ALPN.
        sServer = new ProcessBuilder(OPENSSL, "s_server", "-accept", "127.0.0.1:" + sServerPort, "-WWW",
                "-cert", tls.resolve("server.pem").toString(), "-key", tls.resolve("server-key.pem").toString())
                .directory(docs.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("s_server.log").toFile()).start();
        awaitListening(sServerPort);
        awaitListening(plainPort);
        awaitListening(tlsPort);
        awaitListening(h2oPort);
        awaitListening(h2oTlsPort);
        live = new LiveReactor();
        Resource root = new Resource();
        root.putChild("echo", new Resource() {
            @Override
            protected Rendered renderPOST(Request request) {
                return Rendered.body(request.content());
            }
        });
        Site site = new Site(root);
        ours = live.call(() -> live.reactor.listenTCP(0, Http2ServerFactory.forSite(site, live.reactor, false, Http2Limits.DEFAULT),
                50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : new Process[] {plainServer, tlsServer, h2o, sServer}) {
            if (process != null) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (live != null) {
            live.await(ours::stopListening);
            live.close();
        }
    }

    private static byte[] fetch(Http2Agent agent, String url) throws Exception {
        return live.await(() -> agent.request("GET", url, null, null).addCallbackDeferred(Agent::readBody));
    }

    @Test
    void multiplexesRequestsToNghttpdOverOneConnection() throws Exception {
        Http2Agent agent = live.call(() -> new Http2Agent(live.reactor));
        String base = "http://127.0.0.1:" + plainPort;
        List<byte[]> bodies = live.await(() -> {
            List<Deferred<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(agent.request("GET", base + (i % 2 == 0 ? "/big.bin" : "/hello.txt"), null, null)
                        .addCallbackDeferred(Agent::readBody));
            }
            return Deferreds.gatherResults(all);
        });
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(i % 2 == 0 ? big : "Hello, world!".getBytes(), bodies.get(i));
        }
        assertEquals(1, (int) live.call(() -> agent.openConnections("http", "127.0.0.1", plainPort)));
        Response missing = live.await(() -> agent.request("GET", base + "/missing", null, null));
        assertEquals(404, missing.code());
        assertEquals("HTTP/2", missing.version());
    }

    @Test
    void overTlsWithAlpnAndTheNameVerified() throws Exception {
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        Http2Agent agent = live.call(() -> new Http2Agent(new ReactorHttpConnector(live.reactor),
                AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, host)), Http2Limits.DEFAULT));
        assertArrayEquals(big, fetch(agent, "https://localhost:" + tlsPort + "/big.bin"));
        Http2Agent untrusting = live.call(() -> new Http2Agent(live.reactor));
        assertThrows(Exception.class, () -> fetch(untrusting, "https://localhost:" + tlsPort + "/hello.txt"));
    }

    @Test
    void againstH2oInCleartextAndOverTls() throws Exception {
        Http2Agent plain = live.call(() -> new Http2Agent(live.reactor));
        assertArrayEquals(big, fetch(plain, "http://127.0.0.1:" + h2oPort + "/big.bin"));
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        Http2Agent secure = live.call(() -> new Http2Agent(new ReactorHttpConnector(live.reactor),
                AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, host)), Http2Limits.DEFAULT));
        Response response = live.await(() -> secure.request("GET", "https://localhost:" + h2oTlsPort + "/hello.txt", null, null));
        assertEquals("HTTP/2", response.version());
        assertTrue(response.headers().get("server").startsWith("h2o/"), response.headers().get("server"));
        assertArrayEquals("Hello, world!".getBytes(), live.await(() -> Agent.readBody(response)));
    }

    @Test
    void uploadsToTorsionsOwnServer() throws Exception {
        Http2Agent agent = live.call(() -> new Http2Agent(live.reactor));
        byte[] upload = new byte[2 << 20];
        new Random(1).nextBytes(upload);
        byte[] echoed = live.await(() -> agent.request("POST", "http://127.0.0.1:" + ((IPv4Address) ours.getHost()).port() + "/echo",
                null, BodyProducer.ofBytes(upload)).addCallbackDeferred(Agent::readBody));
        assertArrayEquals(upload, echoed);
    }

    private static Agent trustingAgent() throws Exception {
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        return live.call(() -> new Agent(live.reactor, AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, host))));
    }

    private static List<Response> fetchSix(Agent agent, String url) throws Exception {
        return live.await(() -> {
            List<Deferred<Response>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(agent.request("GET", url, null, null));
            }
            return Deferreds.gatherResults(all);
        });
    }

    @Test
    void theAgentChoosesH2ByAlpnWithNghttpdAndMultiplexes() throws Exception {
        Agent agent = trustingAgent();
        for (Response response : fetchSix(agent, "https://localhost:" + tlsPort + "/big.bin")) {
            assertEquals("HTTP/2", response.version());
            assertArrayEquals(big, live.await(() -> Agent.readBody(response)));
        }
        assertTrue(live.call(() -> agent.speaksHttp2("https", "localhost", tlsPort)));
        assertEquals(1, (int) live.call(() -> agent.openConnections("https", "localhost", tlsPort)));
    }

    @Test
    void theAgentChoosesH2ByAlpnWithH2o() throws Exception {
        Agent agent = trustingAgent();
        for (Response response : fetchSix(agent, "https://localhost:" + h2oTlsPort + "/hello.txt")) {
            assertEquals("HTTP/2", response.version());
            assertTrue(response.headers().get("server").startsWith("h2o/"), response.headers().get("server"));
            assertArrayEquals("Hello, world!".getBytes(), live.await(() -> Agent.readBody(response)));
        }
        assertEquals(1, (int) live.call(() -> agent.openConnections("https", "localhost", h2oTlsPort)));
    }

    @Test
    void theAgentFallsBackToHttp11WithOpensslSServer() throws Exception {
        Agent agent = trustingAgent();
        Response response = live.await(() -> agent.request("GET", "https://localhost:" + sServerPort + "/hello.txt", null, null));
        assertEquals("HTTP/1.0", response.version());
        assertEquals(200, response.code());
        assertArrayEquals("Hello, world!".getBytes(), live.await(() -> Agent.readBody(response)));
        assertFalse(live.call(() -> agent.speaksHttp2("https", "localhost", sServerPort)));
    }
}
