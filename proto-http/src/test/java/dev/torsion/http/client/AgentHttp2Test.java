package dev.torsion.http.client;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.TimeoutError;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.server.Http2Connection;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.support.TestResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link Agent} choosing HTTP/2 by ALPN, in memory: {@link MemoryNet} answers the ALPN offer as
 * a TLS server that speaks h2 (or not) would, and Torsion's own HTTP/2 or HTTP/1.1 server answers.
 */
class AgentHttp2Test {
    private final MemoryNet net = new MemoryNet();
    private final TestResources.Later later = new TestResources.Later();
    private final List<Http2Connection> h2Servers = new ArrayList<>();
    private final Site site;

    AgentHttp2Test() {
        Resource root = new Resource();
        root.putChild("hello", new TestResources.Text("Hello, world!"));
        root.putChild("echo", new TestResources.Echo());
        root.putChild("later", later);
        site = new Site(root);
        net.serveRaw("h2.example", 443, () -> {
            Http2Connection connection = new Http2Connection(site, site.config(), Http2Limits.DEFAULT, net.clock, true,
                    site.sessions(net.clock));
            h2Servers.add(connection);
            return connection;
        }).choosing("h2.example", 443, "h2");
        net.serveRaw("h1.example", 443, () -> new HttpChannel(site, site.config(), net.clock, true))
                .choosing("h1.example", 443, "http/1.1");
        net.serveRaw("plain.example", 80, () -> new HttpChannel(site, site.config(), net.clock, false));
    }

    private Agent agent(AgentConfig config) {
        return new Agent(net, net.clock, config);
    }

    private void flush() {
        for (int i = 0; i < 5; i++) {
            net.flush();
            net.clock.advance(Duration.ZERO);
        }
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void anOriginThatChoosesH2GetsEveryRequestOnOneConnection() {
        Agent agent = agent(AgentConfig.DEFAULT);
        List<Deferred<Response>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(agent.request("GET", "https://h2.example/hello", null, null));
        }
        flush();
        for (Deferred<Response> response : responses) {
            Response answered = successResultOf(response);
            assertEquals("HTTP/2", answered.version());
            Deferred<byte[]> body = Agent.readBody(answered);
            flush();
            assertEquals("Hello, world!", text(successResultOf(body)));
        }
        assertEquals(List.of("h2.example:443"), net.connections);
        assertEquals(List.of(List.of("h2", "http/1.1")), net.offered);
        assertTrue(agent.speaksHttp2("https", "h2.example", 443));
        assertEquals(1, agent.openConnections("https", "h2.example", 443));
        // Later requests go on the same connection too.
        Deferred<byte[]> again = agent.request("GET", "https://h2.example/hello", null, null).addCallbackDeferred(Agent::readBody);
        flush();
        assertEquals("Hello, world!", text(successResultOf(again)));
        assertEquals(1, net.connections.size());
    }

    @Test
    void uploadsGoAsStreamsWithinTheWindows() {
        Agent agent = agent(AgentConfig.DEFAULT);
        byte[] upload = new byte[600_000];
        new Random(9113).nextBytes(upload);
        Deferred<byte[]> echoed = agent.request("POST", "https://h2.example/echo", null, BodyProducer.ofBytes(upload))
                .addCallbackDeferred(Agent::readBody);
        flush();
        assertArrayEquals(upload, successResultOf(echoed));
    }

    @Test
    void anOriginThatChoosesHttp11IsServedAsBefore() {
        Agent agent = agent(AgentConfig.DEFAULT);
        List<Deferred<Response>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(agent.request("GET", "https://h1.example/later", null, null));
        }
        flush();
        // The first connection said HTTP/1.1: the two requests that waited for its answer get connections of their own.
        assertEquals(List.of("h1.example:443", "h1.example:443", "h1.example:443"), net.connections);
        assertFalse(agent.speaksHttp2("https", "h1.example", 443));
        for (Deferred<byte[]> pending : later.pending) {
            pending.callback("late".getBytes(StandardCharsets.UTF_8));
        }
        flush();
        for (Deferred<Response> response : responses) {
            assertEquals("HTTP/1.1", successResultOf(response).version());
        }
    }

    @Test
    void cleartextAndAgentsWithoutHttp2OfferNoAlpn() {
        Deferred<byte[]> plain = agent(AgentConfig.DEFAULT).request("GET", "http://plain.example/hello", null, null)
                .addCallbackDeferred(Agent::readBody);
        Deferred<Response> onlyHttp11 = agent(AgentConfig.DEFAULT.withHttp2(null)).request("GET", "https://h1.example/hello", null, null);
        flush();
        assertEquals("Hello, world!", text(successResultOf(plain)));
        assertEquals("HTTP/1.1", successResultOf(onlyHttp11).version());
        assertEquals(List.of(List.of(), List.of()), net.offered);
    }

    @Test
    void theResponseTimeoutResetsTheStreamAndTheConnectionGoesOn() {
        Agent agent = agent(AgentConfig.DEFAULT.withResponseTimeout(Duration.ofSeconds(10)));
        Deferred<Response> slow = agent.request("GET", "https://h2.example/later", null, null);
        flush();
        assertNoResult(slow);
        net.clock.advance(Duration.ofSeconds(11));
        flush();
        failureResultOf(slow, TimeoutError.class);
        assertTrue(later.requests.get(0).isLost(), "the server saw the stream reset");
        Deferred<byte[]> next = agent.request("GET", "https://h2.example/hello", null, null).addCallbackDeferred(Agent::readBody);
        flush();
        assertEquals("Hello, world!", text(successResultOf(next)));
        assertEquals(1, net.connections.size());
    }

    @Test
    void afterTheServersGoawayNewRequestsNegotiateANewConnection() {
        Agent agent = agent(AgentConfig.DEFAULT);
        Deferred<Response> inFlight = agent.request("GET", "https://h2.example/later", null, null);
        flush();
        h2Servers.get(0).shutdown();
        flush();
        Deferred<byte[]> after = agent.request("GET", "https://h2.example/hello", null, null).addCallbackDeferred(Agent::readBody);
        flush();
        assertEquals("Hello, world!", text(successResultOf(after)));
        assertEquals(2, net.connections.size());
        later.pending.get(0).callback("finished".getBytes(StandardCharsets.UTF_8));
        flush();
        Deferred<byte[]> body = Agent.readBody(successResultOf(inFlight));
        flush();
        assertEquals("finished", text(successResultOf(body)));
        flush();
        // The first connection closed once its last stream was done: one is open.
        assertEquals(1, agent.openConnections("https", "h2.example", 443));
    }

    @Test
    void closingIdleConnectionsEndsAnIdleHttp2Connection() {
        Agent agent = agent(AgentConfig.DEFAULT);
        Deferred<byte[]> body = agent.request("GET", "https://h2.example/hello", null, null).addCallbackDeferred(Agent::readBody);
        flush();
        successResultOf(body);
        agent.closeIdleConnections();
        flush();
        assertEquals(0, agent.openConnections("https", "h2.example", 443));
        assertFalse(agent.speaksHttp2("https", "h2.example", 443));
    }
}
