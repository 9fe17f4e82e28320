package dev.torsion.http.h2.integration;

import static dev.torsion.netty.testing.Programs.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Torsion's HTTP/2 server against curl ({@code --http2-prior-knowledge} on cleartext, {@code --http2}
 * with ALPN over TLS), nghttp and h2load (Debian nghttp2-client), and Python's h2 for frame-level
 * cases. The same site answers HTTP/1.1. Runs only with {@code -Dtorsion.interop=true}.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class Http2InteropTest {
    private static final String CURL = "/usr/bin/curl";
    private static final String NGHTTP = "/usr/bin/nghttp";
    private static final String H2LOAD = "/usr/bin/h2load";
    private static final String PYTHON = "/usr/bin/python3";


    private static final String PYTHON_H2 = """
            import socket, sys
            import h2.config, h2.connection, h2.events

            def connect(port):
                sock = socket.create_connection(("127.0.0.1", port))
                sock.settimeout(10)
                conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
                conn.initiate_connection()
                sock.sendall(conn.data_to_send())
                return sock, conn

            def pump(sock, conn, until):
                while True:
                    data = sock.recv(65536)
                    if not data:
                        return "closed"
                    for event in conn.receive_data(data):
                        if isinstance(event, h2.events.DataReceived):
                            conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                        result = until(event)
                        if result:
                            sock.sendall(conn.data_to_send())
                            return result
                    sock.sendall(conn.data_to_send())

            port = int(sys.argv[1])
            headers = [(":method", "GET"), (":scheme", "http"), (":authority", "localhost"), (":path", "/hello")]

            # A request and its answer, through h2's state machine.
            sock, conn = connect(port)
            conn.send_headers(1, headers, end_stream=True)
            sock.sendall(conn.data_to_send())
            body = bytearray()
            def answer(event):
                if isinstance(event, h2.events.ResponseReceived):
                    print("status", dict(event.headers)[b":status"].decode())
                if isinstance(event, h2.events.DataReceived):
                    body.extend(event.data)
                if isinstance(event, h2.events.StreamEnded):
                    return "ended"
            pump(sock, conn, answer)
            print("body", body.decode())
            sock.close()

            # Rapid reset: streams opened and cancelled at once, far past the limit.
            sock, conn = connect(port)
            for i in range(400):
                stream = 1 + 2 * i
                conn.send_headers(stream, [(":method", "GET"), (":scheme", "http"), (":authority", "localhost"), (":path", "/slow")])
                conn.reset_stream(stream)
            try:
                sock.sendall(conn.data_to_send())
            except OSError:
                pass
            def terminated(event):
                if isinstance(event, h2.events.ConnectionTerminated):
                    return "goaway %d" % event.error_code
            try:
                print("rapid reset", pump(sock, conn, terminated))
            except Exception as e:
                print("rapid reset error", type(e).__name__, e)
            sock.close()

            # A frame h2 would never send: HEADERS on an even stream, as raw bytes.
            sock, conn = connect(port)
            sock.sendall(bytes.fromhex("000001" "01" "05" "00000002") + bytes([0x82]))
            print("even stream", pump(sock, conn, terminated))
            sock.close()
            """;

    static Path temp;
    static Path tls;
    static LiveReactor live;
    static ListeningPort plain;
    static ListeningPort secure;
    static ListeningPort upgrading;
    static byte[] big;

    /** Echoes request bodies. */
    static final class Echo extends Resource {
        Echo() {
            super(true);
        }

        @Override
        protected Rendered renderPOST(Request request) {
            request.setHeader("Content-Type", "application/octet-stream");
            return Rendered.body(request.content());
        }
    }

    /** A fixed body. */
    static final class Fixed extends Resource {
        private final byte[] body;

        Fixed(byte[] body) {
            super(true);
            this.body = body;
        }

        @Override
        protected Rendered renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return Rendered.body(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("torsion-h2-interop");
        tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        big = new byte[3 << 20];
        new Random(9113).nextBytes(big);
        Resource root = new Resource();
        root.putChild("hello", new Fixed("Hello, world!".getBytes(StandardCharsets.UTF_8)));
        root.putChild("big", new Fixed(big));
        root.putChild("echo", new Echo());
        root.putChild("slow", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return NOT_DONE_YET;
            }
        });
        Site site = new Site(root);
        live = new LiveReactor();
        plain = live.call(() -> live.reactor.listenTCP(0, Http2ServerFactory.forSite(site, live.reactor, false, Http2Limits.DEFAULT),
                50, "127.0.0.1"));
        upgrading = live.call(() -> live.reactor.listenTCP(0,
                Http2ServerFactory.forSite(site, live.reactor, false, Http2Limits.DEFAULT).withH2cUpgrade(), 50, "127.0.0.1"));
        TlsOptions serverTls = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null)
                .withApplicationProtocols("h2", "http/1.1");
        secure = live.call(() -> live.reactor.listenSSL(0, Http2ServerFactory.forSite(site, live.reactor, true, Http2Limits.DEFAULT),
                serverTls, 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        live.await(plain::stopListening);
        live.await(secure::stopListening);
        live.await(upgrading::stopListening);
        live.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + ((IPv4Address) plain.getHost()).port() + path;
    }

    private static String secureUrl(String path) {
        return "https://localhost:" + ((IPv4Address) secure.getHost()).port() + path;
    }

    @Test
    void curlPriorKnowledge() throws Exception {
        String out = run(List.of(CURL, "-sS", "-i", "--http2-prior-knowledge", url("/hello")));
        assertTrue(out.startsWith("HTTP/2 200"), out);
        assertTrue(out.contains("content-length: 13"), out);
        assertTrue(out.endsWith("Hello, world!"), out);
        Path downloaded = temp.resolve("big.out");
        run(List.of(CURL, "-sS", "--http2-prior-knowledge", "-o", downloaded.toString(), url("/big")));
        assertArrayEquals(big, Files.readAllBytes(downloaded));
        Path upload = temp.resolve("up.bin");
        Files.write(upload, big);
        Path echoed = temp.resolve("echoed.bin");
        run(List.of(CURL, "-sS", "--http2-prior-knowledge", "--data-binary", "@" + upload, "-o", echoed.toString(), url("/echo")));
        assertArrayEquals(big, Files.readAllBytes(echoed));
        String missing = run(List.of(CURL, "-sS", "-i", "--http2-prior-knowledge", url("/missing")));
        assertTrue(missing.startsWith("HTTP/2 404"), missing);
        // The same port answers HTTP/1.1.
        String http1 = run(List.of(CURL, "-sS", "-i", "--http1.1", url("/hello")));
        assertTrue(http1.startsWith("HTTP/1.1 200 OK"), http1);
    }

    @Test
    void curlOverTlsWithAlpn() throws Exception {
        String out = run(List.of(CURL, "-sS", "-i", "--http2", "--cacert", tls.resolve("ca.pem").toString(), secureUrl("/hello")));
        assertTrue(out.startsWith("HTTP/2 200"), out);
        assertTrue(out.endsWith("Hello, world!"), out);
        String http1 = run(List.of(CURL, "-sS", "-i", "--http1.1", "--cacert", tls.resolve("ca.pem").toString(), secureUrl("/hello")));
        assertTrue(http1.startsWith("HTTP/1.1 200 OK"), http1);
    }

    /** RFC 7540 section 3.2: curl --http2 on http:// asks for the h2c upgrade; the answer comes on stream 1. */
    @Test
    void curlUpgradesToH2c() throws Exception {
        String base = "http://127.0.0.1:" + ((IPv4Address) upgrading.getHost()).port();
        String out = run(List.of(CURL, "-sS", "-i", "--http2", base + "/hello"));
        assertTrue(out.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), out);
        assertTrue(out.contains("\r\nUpgrade: h2c\r\n"), out);
        assertTrue(out.contains("HTTP/2 200"), out);
        assertTrue(out.endsWith("Hello, world!"), out);
        Path downloaded = temp.resolve("h2c-big.out");
        String verbose = run(List.of(CURL, "-sS", "-v", "--http2", "-o", downloaded.toString(), base + "/big"));
        assertTrue(verbose.contains("< HTTP/2 200"), verbose);
        assertArrayEquals(big, Files.readAllBytes(downloaded));
        // Without --http2 the port answers HTTP/1.1 as any.
        String http1 = run(List.of(CURL, "-sS", "-i", "--http1.1", base + "/hello"));
        assertTrue(http1.startsWith("HTTP/1.1 200 OK"), http1);
        // The port without the upgrade enabled ignores the request for it.
        String ignored = run(List.of(CURL, "-sS", "-i", "--http2", url("/hello")));
        assertTrue(ignored.startsWith("HTTP/1.1 200 OK"), ignored);
    }

    @Test
    void nghttpUpgradesToH2c() throws Exception {
        String out = run(List.of(NGHTTP, "-u", "-v", "http://127.0.0.1:" + ((IPv4Address) upgrading.getHost()).port() + "/hello"));
        assertTrue(out.contains("HTTP Upgrade success"), out);
        assertTrue(out.contains(":status: 200"), out);
    }

    @Test
    void nghttpManyStreamsAndUpload() throws Exception {
        String out = run(List.of(NGHTTP, "-n", "-s", "-m", "20", url("/hello")));
        assertTrue(out.contains("responseEnd"), out);
        Path upload = temp.resolve("ng-up.bin");
        Files.write(upload, big);
        String posted = run(List.of(NGHTTP, "-v", "-d", upload.toString(), url("/echo")));
        assertTrue(posted.contains(":status: 200"), posted.substring(0, Math.min(4000, posted.length())));
    }

    @Test
    void pythonH2FrameLevel() throws Exception {
        Path script = temp.resolve("h2client.py");
        Files.writeString(script, PYTHON_H2);
        String out = run(List.of(PYTHON, script.toString(), Integer.toString(((IPv4Address) plain.getHost()).port())));
        assertTrue(out.contains("status 200\n"), out);
        assertTrue(out.contains("body Hello, world!\n"), out);
        assertTrue(out.contains("rapid reset goaway 11\n"), out);
        assertTrue(out.contains("even stream goaway 1\n"), out);
    }

    @Test
    void h2loadShortRun() throws Exception {
        String out = run(List.of(H2LOAD, "-n", "2000", "-c", "4", "-m", "10", url("/hello")));
        assertTrue(out.contains("2000 succeeded, 0 failed, 0 errored"), out);
    }
}
