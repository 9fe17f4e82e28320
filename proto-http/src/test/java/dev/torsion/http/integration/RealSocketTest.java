package dev.torsion.http.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.Headers;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.Response;
import dev.torsion.http.client.SimpleHttpClient;
import dev.torsion.http.support.TestTls;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server and the Agent over real sockets on the Netty reactor, in the clear and over TLS. */
class RealSocketTest {
    @TempDir
    Path temp;
    LiveReactor live;
    WebServer server;
    int port;
    int tlsPort;
    byte[] big;
    Path accessLog;

    @BeforeEach
    void start() throws Exception {
        Path www = Files.createDirectory(temp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "Hello, world!");
        big = new byte[(1 << 20) + 3];
        new Random(1).nextBytes(big);
        Files.write(www.resolve("big.bin"), big);
        Path tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        accessLog = temp.resolve("access.log");
        WebServerConfig config = WebServerConfig.builder().listen("tcp:0:interface=127.0.0.1")
                .listen("ssl:0:interface=127.0.0.1").tls(tls.resolve("server.pem"), tls.resolve("server-key.pem"))
                .root(www).accessLog(accessLog).build();
        live = new LiveReactor();
        server = live.await(() -> WebServer.start(live.reactor, config));
        port = ((IPv4Address) server.ports().get(0).getHost()).port();
        tlsPort = ((IPv4Address) server.ports().get(1).getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        live.await(() -> server.stop());
        live.close();
    }

    private byte[] fetch(Agent agent, String url) throws Exception {
        return live.await(() -> agent.request("GET", url, null, null).addCallbackDeferred(Agent::readBody));
    }

    private Agent trustingAgent() throws Exception {
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(temp.resolve("tls").resolve("ca.pem")));
        return live.call(() -> new Agent(live.reactor, AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, host))));
    }

    @Test
    void agentFetchesFilesOverTcpWithKeepAlive() throws Exception {
        Agent agent = live.call(() -> new Agent(live.reactor));
        assertEquals("Hello, world!", new String(fetch(agent, "http://127.0.0.1:" + port + "/hello.txt"), StandardCharsets.UTF_8));
        assertArrayEquals(big, fetch(agent, "http://127.0.0.1:" + port + "/big.bin"));
        assertArrayEquals(big, fetch(agent, "http://127.0.0.1:" + port + "/big.bin"));
        int open = live.call(() -> agent.openConnections("http", "127.0.0.1", port));
        assertEquals(1, open, "one kept-alive connection served all three");
        server.flushAccessLog();
        String log = Files.readString(accessLog);
        assertTrue(log.contains("\"GET /big.bin HTTP/1.1\" 200 " + big.length + " \"-\" \"Torsion\""), log);
    }

    @Test
    void agentFetchesOverTlsWithTheTestCa() throws Exception {
        Agent agent = trustingAgent();
        assertEquals("Hello, world!", new String(fetch(agent, "https://localhost:" + tlsPort + "/hello.txt"), StandardCharsets.UTF_8));
        assertArrayEquals(big, fetch(agent, "https://localhost:" + tlsPort + "/big.bin"));
    }

    @Test
    void tlsFailsWithoutTrustOrWithTheWrongName() throws Exception {
        Agent untrusting = live.call(() -> new Agent(live.reactor));
        assertThrows(Exception.class, () -> fetch(untrusting, "https://localhost:" + tlsPort + "/hello.txt"));
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(temp.resolve("tls").resolve("ca.pem")));
        Agent wrongName = live.call(() -> new Agent(live.reactor,
                AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, "wrong.example"))));
        assertThrows(Exception.class, () -> fetch(wrongName, "https://localhost:" + tlsPort + "/hello.txt"));
    }

    @Test
    void rangeAndRedirectThroughTheSimpleClient() throws Exception {
        SimpleHttpClient http = live.call(() -> new SimpleHttpClient(live.reactor));
        Response ranged = live.await(() -> http.get("http://127.0.0.1:" + port + "/big.bin",
                Headers.of("Range", "bytes=10-19")));
        assertEquals(206, ranged.code());
        byte[] body = live.await(() -> Agent.readBody(ranged));
        assertArrayEquals(Arrays.copyOfRange(big, 10, 20), body);
    }

    /**
     * A client that sends a 48 MiB body after a head already refused (405: a file takes no PUT;
     * also over the 10 MiB limit) can send it all and then read the answer: the server lingers, reading and dropping, instead of
     * closing at once, which would reset the connection under the unread answer.
     */
    @Test
    void aRefusedUploadCanBeSentWholeAndItsAnswerRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            int size = 48 << 20;
            out.write(("PUT /upload.bin HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] piece = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += piece.length) {
                out.write(piece);
            }
            out.flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            // A static file takes no PUT at all: 405 before the size (it was 413), answered unread, read whole by lingering.
            assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
            assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
        }
    }

    @Test
    void pipelinedRequestsOnARawSocketAnswerInOrder() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\nHEAD /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String all = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            int first = all.indexOf("HTTP/1.1 200 OK");
            int second = all.indexOf("HTTP/1.1 200 OK", first + 1);
            int third = all.indexOf("HTTP/1.1 404 ");
            assertTrue(first == 0 && second > first && third > second, all);
            assertTrue(all.contains("Hello, world!"));
        }
    }

    @Test
    void chunkedPostToAStaticFileIs405() throws Exception {
        Agent agent = live.call(() -> new Agent(live.reactor));
        Response response = live.await(() -> agent.request("POST", "http://127.0.0.1:" + port + "/hello.txt", null,
                BodyProducer.chunked(List.of("a".getBytes(StandardCharsets.UTF_8)))));
        assertEquals(405, response.code());
        assertTrue(response.headers().get("Allow").contains("GET"));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
