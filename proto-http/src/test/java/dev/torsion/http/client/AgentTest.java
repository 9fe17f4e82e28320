package dev.torsion.http.client;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.CancelledError;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.defer.TimeoutError;
import dev.torsion.http.Headers;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Cookie;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.support.TestResources;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionRefusedError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AgentTest {
    private final MemoryNet net = new MemoryNet();
    private final Resource root = new Resource();
    private final TestResources.Later later = new TestResources.Later();
    private final List<String> seenTargets = new ArrayList<>();

    AgentTest() {
        root.putChild("hello", new TestResources.Text("Hello, world!"));
        root.putChild("echo", new TestResources.Echo());
        root.putChild("later", later);
        root.putChild("stream", new TestResources.Streamed());
        root.putChild("redirect", redirect(302, "/echo"));
        root.putChild("redirect307", redirect(307, "/echo"));
        root.putChild("loop", redirect(301, "/loop"));
        root.putChild("seen", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                seenTargets.add(request.uri() + " " + request.getHeader("Cookie"));
                return Rendered.empty();
            }
        });
        root.putChild("setcookie", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.addCookie(Cookie.of("session", "abc123").withPath("/"));
                return Rendered.empty();
            }
        });
        root.putChild("gzip", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Encoding", "gzip");
                return Rendered.body(gzip("compressed ".repeat(1000)));
            }
        });
        root.putChild("badgzip", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Encoding", "gzip");
                byte[] data = gzip("compressed ".repeat(1000));
                data[data.length - 5] ^= 0x55;
                return Rendered.body(data);
            }
        });
        net.serve("web", 80, new Site(root));
    }

    private static Resource redirect(int code, String location) {
        return new Resource(true) {
            @Override
            public Rendered render(Request request) {
                request.setResponseCode(code);
                request.setHeader("Location", location);
                return Rendered.text("moved");
            }
        };
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Agent agent(AgentConfig config) {
        return new Agent(net, net.clock, config);
    }

    private Agent agent() {
        return agent(AgentConfig.DEFAULT);
    }

    private String fetch(HttpClient client, String method, String url, BodyProducer body) {
        Deferred<Response> response = client.request(method, url, null, body);
        net.flush();
        Deferred<byte[]> bodyBytes = Agent.readBody(successResultOf(response));
        net.flush();
        return new String(successResultOf(bodyBytes), StandardCharsets.UTF_8);
    }

    @Test
    void getsAResponseAndItsBody() {
        Agent agent = agent();
        Deferred<Response> pending = agent.request("GET", "http://web/hello", null, null);
        net.flush();
        Response response = successResultOf(pending);
        assertEquals(200, response.code());
        assertEquals("OK", response.phrase());
        assertEquals(13, response.length());
        assertEquals("text/plain", response.headers().get("content-type"));
        Deferred<byte[]> body = Agent.readBody(response);
        net.flush();
        assertEquals("Hello, world!", new String(successResultOf(body), StandardCharsets.UTF_8));
    }

    @Test
    void keptAliveConnectionIsReused() {
        Agent agent = agent();
        assertEquals("Hello, world!", fetch(agent, "GET", "http://web/hello", null));
        assertEquals("Hello, world!", fetch(agent, "GET", "http://web/hello", null));
        assertEquals("hello world", fetch(agent, "GET", "http://web/stream", null));
        assertEquals(1, net.connections.size());
        assertEquals(1, agent.idleConnections("http", "web", 80));
    }

    @Test
    void idleConnectionsCloseAfterTheTimeout() {
        Agent agent = agent(AgentConfig.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)));
        fetch(agent, "GET", "http://web/hello", null);
        net.clock.advance(Duration.ofSeconds(6));
        net.flush();
        assertEquals(0, agent.openConnections("http", "web", 80));
    }

    @Test
    void perHostLimitQueuesRequests() {
        Agent agent = agent(AgentConfig.DEFAULT.withMaxConnectionsPerHost(2));
        List<Deferred<Response>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(agent.request("GET", "http://web/later", null, null));
        }
        net.flush();
        assertEquals(2, net.connections.size());
        assertEquals(2, later.pending.size());
        assertNoResult(responses.get(2));
        later.pending.get(0).callback("one".getBytes(StandardCharsets.UTF_8));
        net.flush();
        Deferred<byte[]> first = Agent.readBody(successResultOf(responses.get(0)));
        net.flush();
        assertEquals("one", new String(successResultOf(first), StandardCharsets.UTF_8));
        assertEquals(3, later.pending.size(), "the queued request went out on the freed connection");
        assertEquals(2, net.connections.size());
        later.pending.get(1).callback("two".getBytes(StandardCharsets.UTF_8));
        later.pending.get(2).callback("three".getBytes(StandardCharsets.UTF_8));
        net.flush();
        assertEquals(200, successResultOf(responses.get(2)).code());
    }

    @Test
    void sizedAndChunkedRequestBodies() {
        Agent agent = agent();
        assertEquals("payload", fetch(agent, "POST", "http://web/echo", BodyProducer.ofBytes("payload".getBytes(StandardCharsets.UTF_8))));
        assertEquals("one two three", fetch(agent, "POST", "http://web/echo", BodyProducer.chunked(List.of(
                "one ".getBytes(StandardCharsets.UTF_8), "two ".getBytes(StandardCharsets.UTF_8), "three".getBytes(StandardCharsets.UTF_8)))));
        assertEquals(1, net.connections.size());
    }

    @Test
    void headHasNoBodyAndKeepsTheConnection() {
        Agent agent = agent();
        Deferred<Response> head = agent.request("HEAD", "http://web/hello", null, null);
        net.flush();
        Response headResponse = successResultOf(head);
        assertEquals(13, headResponse.length());
        Deferred<byte[]> body = Agent.readBody(headResponse);
        assertEquals(0, successResultOf(body).length);
        assertEquals("Hello, world!", fetch(agent, "GET", "http://web/hello", null));
        assertEquals(1, net.connections.size());
    }

    @Test
    void redirectsTurnPostIntoGetOn302AndKeepItOn307() {
        RedirectAgent redirects = new RedirectAgent(agent());
        byte[] body = "data".getBytes(StandardCharsets.UTF_8);
        assertEquals("GET /echo []", fetch(redirects, "POST", "http://web/redirect", BodyProducer.ofBytes(body)));
        assertEquals("data", fetch(redirects, "POST", "http://web/redirect307", BodyProducer.ofBytes(body)));
        Deferred<Response> response = redirects.request("GET", "http://web/redirect", null, null);
        net.flush();
        assertEquals(302, successResultOf(response).previousResponse().code());
    }

    @Test
    void redirectLoopHitsTheLimit() {
        RedirectAgent redirects = new RedirectAgent(agent(), 5);
        Deferred<Response> response = redirects.request("GET", "http://web/loop", null, null);
        net.flush();
        failureResultOf(response, RedirectLimitExceeded.class);
    }

    @Test
    void gzipIsDecodedAndCorruptionDetected() {
        ContentDecoderAgent decoding = new ContentDecoderAgent(agent());
        Deferred<Response> response = decoding.request("GET", "http://web/gzip", null, null);
        net.flush();
        Response decoded = successResultOf(response);
        assertNull(decoded.headers().get("Content-Encoding"));
        Deferred<byte[]> body = Agent.readBody(decoded);
        net.flush();
        assertEquals("compressed ".repeat(1000), new String(successResultOf(body), StandardCharsets.UTF_8));
        Deferred<Response> bad = decoding.request("GET", "http://web/badgzip", null, null);
        net.flush();
        Deferred<byte[]> badBody = Agent.readBody(successResultOf(bad));
        net.flush();
        failureResultOf(badBody, ResponseFailed.class);
    }

    @Test
    void cookiesAreStoredAndSentBack() {
        CookieAgent cookies = new CookieAgent(agent(), new CookieJar());
        fetch(cookies, "GET", "http://web/setcookie", null);
        fetch(cookies, "GET", "http://web/seen", null);
        assertEquals(List.of("/seen session=abc123"), seenTargets);
    }

    @Test
    void responseTimeoutFailsAndDropsTheConnection() {
        Agent agent = agent(AgentConfig.DEFAULT.withResponseTimeout(Duration.ofSeconds(10)));
        Deferred<Response> response = agent.request("GET", "http://web/later", null, null);
        net.flush();
        assertNoResult(response);
        net.clock.advance(Duration.ofSeconds(11));
        net.flush();
        failureResultOf(response, TimeoutError.class);
        assertEquals(0, agent.openConnections("http", "web", 80));
        assertTrue(later.requests.get(0).isLost(), "the server saw the client go");
    }

    @Test
    void cancellingDropsTheRequest() {
        Agent agent = agent();
        Deferred<Response> response = agent.request("GET", "http://web/later", null, null);
        net.flush();
        response.cancel();
        net.flush();
        failureResultOf(response, CancelledError.class);
        assertTrue(later.requests.get(0).isLost());
    }

    @Test
    void connectionRefusedFails() {
        Deferred<Response> response = agent().request("GET", "http://nowhere/", null, null);
        failureResultOf(response, ConnectionRefusedError.class);
    }

    @Test
    void staleKeptAliveConnectionIsRetriedOnce() {
        Agent agent = agent();
        fetch(agent, "GET", "http://web/hello", null);
        // The server closes the kept-alive connection, but the client has not heard yet.
        net.pumps.get(0).serverTransport().loseConnection();
        Deferred<Response> response = agent.request("GET", "http://web/hello", null, null);
        net.flush();
        assertEquals(200, successResultOf(response).code());
        assertEquals(2, net.connections.size());
    }

    @Test
    void postIsNotRetried() {
        Agent agent = agent();
        fetch(agent, "GET", "http://web/hello", null);
        net.pumps.get(0).serverTransport().loseConnection();
        Deferred<Response> response = agent.request("POST", "http://web/echo", null, BodyProducer.ofBytes(new byte[] {1}));
        net.flush();
        failureResultOf(response, ResponseNeverReceived.class);
    }

    @Test
    void bodyUntilCloseAndTruncation() {
        net.serveRaw("raw", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write("HTTP/1.1 200 OK\r\n\r\nuntil close".getBytes(StandardCharsets.ISO_8859_1));
                transport().loseConnection();
            }
        });
        net.serveRaw("short", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this".getBytes(StandardCharsets.ISO_8859_1));
                transport().loseConnection();
            }
        });
        Agent agent = agent();
        assertEquals("until close", fetch(agent, "GET", "http://raw/", null));
        Deferred<Response> response = agent.request("GET", "http://short/", null, null);
        net.flush();
        Deferred<byte[]> body = Agent.readBody(successResultOf(response));
        net.flush();
        failureResultOf(body, ResponseFailed.class);
    }

    @Test
    void malformedResponseFails() {
        net.serveRaw("bad", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx".getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        Deferred<Response> response = agent().request("GET", "http://bad/", null, null);
        net.flush();
        failureResultOf(response, ResponseFailed.class);
    }

    @Test
    void proxyGetsAbsoluteFormTargets() {
        net.serve("proxy", 3128, new Site(root));
        Agent agent = agent(AgentConfig.DEFAULT.withProxy("proxy", 3128));
        fetch(agent, "GET", "http://elsewhere:8080/seen?x=1", null);
        assertEquals(List.of("http://elsewhere:8080/seen?x=1 null"), seenTargets);
        assertEquals(List.of("proxy:3128"), net.connections);
    }

    @Test
    void bodyDeliveryPausesTheConnectionWhileTheBodyLasts() {
        Agent agent = agent();
        Deferred<Response> pending = agent.request("GET", "http://web/later", null, null);
        net.flush();
        Request answering = later.requests.get(0);
        answering.write("Hello, ".getBytes(StandardCharsets.UTF_8));
        net.flush();
        List<String> events = new ArrayList<>();
        List<Transport> body = new ArrayList<>();
        successResultOf(pending).deliverBody(new Protocol() {
            @Override
            public void connectionMade() {
                body.add(transport());
                transport().pauseProducing();
                events.add("paused:" + net.pumps.get(0).clientTransport().isReadingPaused());
                transport().resumeProducing();
                events.add("paused:" + net.pumps.get(0).clientTransport().isReadingPaused());
                transport().pauseProducing();
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add(new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add(reason.type().getSimpleName());
            }
        });
        answering.write("world!".getBytes(StandardCharsets.UTF_8));
        answering.finish();
        net.flush();
        assertEquals(List.of("paused:true", "paused:false", "Hello, "), events, "nothing is read while paused");
        body.get(0).resumeProducing();
        net.flush();
        assertEquals(List.of("paused:true", "paused:false", "Hello, ", "world!", "ResponseDone"), events);
        assertEquals(false, net.pumps.get(0).clientTransport().isReadingPaused(), "the pooled connection reads again");
    }

    @Test
    void simpleClientPostsFormsAndFollowsRedirects() {
        SimpleHttpClient http = new SimpleHttpClient(agent());
        Deferred<Response> posted = http.postForm("http://web/echo", Map.of("a", List.of("1 2")));
        net.flush();
        Deferred<String> text = SimpleHttpClient.text(successResultOf(posted));
        net.flush();
        assertEquals("a=1%202", successResultOf(text));
        Deferred<Response> redirected = http.get("http://web/redirect");
        net.flush();
        Deferred<String> redirectedText = SimpleHttpClient.text(successResultOf(redirected));
        net.flush();
        assertEquals("GET /echo []", successResultOf(redirectedText));
        Deferred<Response> head = http.head("http://web/hello");
        net.flush();
        assertEquals(200, successResultOf(head).code());
    }

    @Test
    void requestHeadCarriesHostAndUserAgent() {
        Headers captured = new Headers();
        root.putChild("headers", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.requestHeaders().forEach(captured::add);
                return Rendered.empty();
            }
        });
        net.serve("web", 8080, new Site(root));
        fetch(agent(), "GET", "http://web:8080/headers", null);
        assertEquals("web:8080", captured.get("Host"));
        assertEquals("Torsion", captured.get("User-Agent"));
    }

    @Test
    void fileBodyIsStreamedWithBackpressure(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        byte[] data = new byte[500_000];
        new Random(11).nextBytes(data);
        Path file = temp.resolve("upload.bin");
        Files.write(file, data);
        Agent agent = agent();
        Deferred<Response> response = agent.request("POST", "http://web/echo", null, new FileBodyProducer(file));
        net.flush();
        Deferred<byte[]> echoed = Agent.readBody(successResultOf(response));
        net.flush();
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, successResultOf(echoed));
    }

    @Test
    void connectionCloseFromTheServerIsNotReused() {
        int[] served = {0};
        net.serveRaw("closer", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                served[0]++;
                transport().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                transport().loseConnection();
            }
        });
        Agent agent = agent();
        assertEquals("ok", fetch(agent, "GET", "http://closer/", null));
        assertEquals("ok", fetch(agent, "GET", "http://closer/", null));
        assertEquals(List.of("closer:80", "closer:80"), net.connections);
        assertEquals(0, agent.openConnections("http", "closer", 80));
    }
}
