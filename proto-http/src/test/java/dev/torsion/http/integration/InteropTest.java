package dev.torsion.http.integration;

import static dev.torsion.netty.testing.Programs.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.client.Agent;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.ReverseProxyResource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.staticfiles.File;
import dev.torsion.http.support.TestResources;
import dev.torsion.http.support.TestTls;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torsion's HTTP against programs others wrote: curl, Python's http.client, Python Twisted's Agent
 * and {@code twistd3 web}. Runs only with {@code -Dtorsion.interop=true} (profile {@code interop});
 * then a missing program fails. Debian packages: curl, python3-twisted (/usr/bin/python3 and twistd3).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class InteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CURL = "/usr/bin/curl";
    private static final String TWISTD = "/usr/bin/twistd3";

    @TempDir
    Path temp;
    LiveReactor live;
    ListeningPort plain;
    ListeningPort secure;
    Path www;
    Path tls;
    byte[] big;

    /** Echoes request bodies, to see chunked uploads arrive whole. */
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

    @BeforeEach
    void start() throws Exception {
        www = Files.createDirectory(temp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "Hello, world!");
        big = new byte[300_000];
        new Random(3).nextBytes(big);
        Files.write(www.resolve("big.bin"), big);
        tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        File root = new File(www);
        root.putChild("echo", new Echo());
        root.putChild("sink", new TestResources.DigestSink());
        Site site = new Site(root);
        live = new LiveReactor();
        plain = live.call(() -> live.reactor.listenTCP(0, site.factory(live.reactor), 50, "127.0.0.1"));
        // A proxy onto this same server: uploads to /proxy/sink cross two connections.
        live.call(() -> {
            root.putChild("proxy", new ReverseProxyResource(new Agent(live.reactor), url("")));
            return null;
        });
        TlsOptions serverTls = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null);
        secure = live.call(() -> live.reactor.listenSSL(0, site.secureFactory(live.reactor), serverTls, 50, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        live.await(plain::stopListening);
        live.await(secure::stopListening);
        live.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + ((IPv4Address) plain.getHost()).port() + path;
    }


    @Test
    void curlGetHeadAndRange() throws Exception {
        String get = run(List.of(CURL, "-sS", "-D", "-", url("/hello.txt")));
        assertTrue(get.startsWith("HTTP/1.1 200 OK"), get);
        assertTrue(get.endsWith("\r\n\r\nHello, world!"), get);
        String head = run(List.of(CURL, "-sS", "-I", url("/hello.txt")));
        assertTrue(head.contains("Content-Length: 13"), head);
        String range = run(List.of(CURL, "-sS", "-r", "7-11", url("/hello.txt")));
        assertEquals("world", range);
        String multi = run(List.of(CURL, "-sS", "-D", "-", "-r", "0-4,7-11", url("/hello.txt")));
        assertTrue(multi.contains("multipart/byteranges"), multi);
    }

    @Test
    void curlChunkedPost() throws Exception {
        Path payload = temp.resolve("payload.bin");
        Files.write(payload, big);
        Path out = temp.resolve("out.bin");
        run(List.of(CURL, "-sS", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + payload, "-o", out.toString(), url("/echo")));
        assertArrayEquals(big, Files.readAllBytes(out));
    }

    /** curl asks for 100 Continue before a large PUT: the streamed body is asked for, and arrives whole. */
    @Test
    void curlUploadsStreamWithContinue() throws Exception {
        byte[] upload = new byte[3 << 20];
        new Random(11).nextBytes(upload);
        Path file = temp.resolve("upload.bin");
        Files.write(file, upload);
        String expected = upload.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        String direct = run(List.of(CURL, "-sS", "-v", "-H", "Expect: 100-continue", "-T", file.toString(), url("/sink")));
        assertTrue(direct.contains("< HTTP/1.1 100 Continue"), direct);
        assertTrue(direct.endsWith(expected), direct);
        String proxied = run(List.of(CURL, "-sS", "-T", file.toString(), url("/proxy/sink")));
        assertEquals(expected, proxied);
        String chunked = run(List.of(CURL, "-sS", "-H", "Transfer-Encoding: chunked", "-T", file.toString(), url("/proxy/sink")));
        assertEquals(expected, chunked);
    }

    @Test
    void curlSeveralUrlsOnOneConnection() throws Exception {
        String verbose = run(List.of(CURL, "-sS", "-v", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
                url("/hello.txt"), url("/big.bin"), url("/hello.txt")));
        assertTrue(verbose.contains("Re-using existing connection"), verbose);
        assertEquals(1, verbose.split("Connected to", -1).length - 1, verbose);
    }

    @Test
    void curlHttp10() throws Exception {
        String text = run(List.of(CURL, "-sS", "--http1.0", "-D", "-", url("/big.bin"), "-o", "/dev/null"));
        assertTrue(text.contains("200 OK"), text);
        assertTrue(text.contains("Content-Length: 300000"), text);
    }

    @Test
    void curlHttpsWithTheTestCa() throws Exception {
        String body = run(List.of(CURL, "-sS", "--cacert", tls.resolve("ca.pem").toString(),
                "https://localhost:" + ((IPv4Address) secure.getHost()).port() + "/hello.txt"));
        assertEquals("Hello, world!", body);
    }

    /** Python's http.client sends a 40 MiB body whole before it reads: it must get the 413, not a reset. */
    @Test
    void pythonHttpClientReadsThe413ToAnUploadOverTheLimit() throws Exception {
        String script = String.join("\n",
                "import http.client, sys",
                "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))",
                "c.request('POST', '/echo', body=b'x' * (40 << 20))",
                "r = c.getresponse()",
                "print(r.status, r.getheader('Connection'))");
        String output = run(List.of(PYTHON, "-c", script, Integer.toString(((IPv4Address) plain.getHost()).port())));
        assertEquals("413 close\n", output);
    }

    @Test
    void pythonHttpClientKeepsTheConnection() throws Exception {
        String script = String.join("\n",
                "import http.client, sys",
                "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))",
                "for path in ['/hello.txt', '/big.bin', '/missing']:",
                "    c.request('GET', path)",
                "    r = c.getresponse()",
                "    body = r.read()",
                "    print(r.status, len(body), c.sock is not None)",
                "c.request('POST', '/echo', body=b'posted', headers={'Content-Type': 'text/plain'})",
                "r = c.getresponse()",
                "print(r.status, r.read().decode())");
        String output = run(List.of(PYTHON, "-c", script, Integer.toString(((IPv4Address) plain.getHost()).port())));
        assertEquals("200 13 True\n200 300000 True\n404 " + output.split("\n")[2].split(" ")[1] + " True\n200 posted\n", output);
    }

    @Test
    void twistedAgentFetchesFromTorsion() throws Exception {
        String script = String.join("\n",
                "import sys",
                "from twisted.internet import task",
                "from twisted.web.client import Agent, readBody, HTTPConnectionPool",
                "def main(reactor, url):",
                "    pool = HTTPConnectionPool(reactor)",
                "    agent = Agent(reactor, pool=pool)",
                "    d = agent.request(b'GET', url.encode())",
                "    d.addCallback(lambda r: readBody(r).addCallback(lambda b: print(r.code, len(b), b[:5])))",
                "    d.addCallback(lambda _: agent.request(b'HEAD', url.encode()))",
                "    d.addCallback(lambda r: print(r.code, r.headers.getRawHeaders(b'content-length')[0].decode()))",
                "    d.addCallback(lambda _: pool.closeCachedConnections())",
                "    return d",
                "task.react(main, sys.argv[1:])");
        String output = run(List.of(PYTHON, "-W", "ignore", "-c", script, url("/hello.txt")));
        assertEquals("200 13 b'Hello'\n200 13\n", output);
    }

    /** Twisted's Agent uploads a file with its FileBodyProducer (Content-Length) to the streamed sink, directly and through the proxy. */
    @Test
    void twistedAgentUploadsToAStreamedResource() throws Exception {
        byte[] upload = new byte[5 << 20];
        new Random(13).nextBytes(upload);
        Path file = temp.resolve("twisted-upload.bin");
        Files.write(file, upload);
        String expected = upload.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        String script = String.join("\n",
                "import sys",
                "from twisted.internet import task, defer",
                "from twisted.web.client import Agent, readBody, FileBodyProducer",
                "@defer.inlineCallbacks",
                "def main(reactor, path, *urls):",
                "    agent = Agent(reactor)",
                "    for url in urls:",
                "        with open(path, 'rb') as f:",
                "            r = yield agent.request(b'PUT', url.encode(), None, FileBodyProducer(f))",
                "            body = yield readBody(r)",
                "            print(r.code, body.decode())",
                "task.react(main, sys.argv[1:])");
        String output = run(List.of(PYTHON, "-W", "ignore", "-c", script, file.toString(), url("/sink"), url("/proxy/sink")));
        assertEquals("200 " + expected + "\n200 " + expected + "\n", output);
    }

    @Test
    void torsionAgentFetchesFromTwistdWeb() throws Exception {
        Programs.require(TWISTD);
        Process twistd = new ProcessBuilder(TWISTD, "-n", "--pidfile", temp.resolve("twistd.pid").toString(), "web",
                "--listen", "tcp:0:interface=127.0.0.1", "--path", www.toString())
                .redirectErrorStream(true).start();
        try {
            int port = awaitTwistdPort(twistd);
            Agent agent = live.call(() -> new Agent(live.reactor));
            byte[] hello = live.await(() -> agent.request("GET", "http://127.0.0.1:" + port + "/hello.txt", null, null)
                    .addCallbackDeferred(Agent::readBody));
            assertEquals("Hello, world!", new String(hello, StandardCharsets.UTF_8));
            byte[] bigBody = live.await(() -> agent.request("GET", "http://127.0.0.1:" + port + "/big.bin", null, null)
                    .addCallbackDeferred(Agent::readBody));
            assertArrayEquals(big, bigBody);
            int open = live.call(() -> agent.openConnections("http", "127.0.0.1", port));
            assertEquals(1, open, "twistd kept the connection alive for both");
            int status = live.await(() -> agent.request("GET", "http://127.0.0.1:" + port + "/nothing", null, null)
                    .addCallback(r -> r.code()));
            assertEquals(404, status);
        } finally {
            twistd.destroy();
            twistd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reads twistd's log until it says which port its site listens on. */
    private static int awaitTwistdPort(Process twistd) throws Exception {
        Pattern starting = Pattern.compile("Site starting on (\\d+)");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                port.complete(readPort(twistd, starting, lines));
            } catch (RuntimeException e) {
                port.completeExceptionally(e);
            }
        }, "twistd log");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("twistd3 did not say where it listens within 60 s; its log:\n" + String.join("\n", lines), e);
        }
    }

    private static int readPort(Process twistd, Pattern starting, List<String> lines) {
        // Not closed on success: the drain thread keeps reading so that twistd never writes into a closed pipe.
        BufferedReader reader = new BufferedReader(new InputStreamReader(twistd.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                Matcher matcher = starting.matcher(line);
                if (matcher.find()) {
                    Thread drain = new Thread(() -> {
                        try {
                            reader.transferTo(Writer.nullWriter());
                        } catch (IOException e) {
                            // twistd is gone
                        }
                    }, "twistd log drain");
                    drain.setDaemon(true);
                    drain.start();
                    return Integer.parseInt(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("twistd ended without listening:\n" + String.join("\n", lines));
    }
}
