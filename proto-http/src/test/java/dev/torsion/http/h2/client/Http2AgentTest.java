package dev.torsion.http.h2.client;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.Response;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.server.Http2Connection;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.MemoryNet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The HTTP/2 client against Torsion's HTTP/2 server, in memory. */
class Http2AgentTest {
    private final MemoryNet net = new MemoryNet();
    private final List<Request> waiting = new ArrayList<>();
    private final List<Http2Connection> servers = new ArrayList<>();
    private final Http2Agent agent = new Http2Agent(net, AgentConfig.DEFAULT, Http2Limits.DEFAULT);

    Http2AgentTest() {
        Resource root = new Resource();
        root.putChild("echo", new Resource() {
            @Override
            protected Rendered renderPOST(Request request) {
                return Rendered.body(request.content());
            }

            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.text(request.uri());
            }
        });
        root.putChild("wait", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                waiting.add(request);
                return NOT_DONE_YET;
            }
        });
        Site site = new Site(root);
        net.serveRaw("example.com", 80, () -> {
            Http2Connection connection = new Http2Connection(site, site.config(), Http2Limits.DEFAULT, net.clock, false,
                    site.sessions(net.clock));
            servers.add(connection);
            return connection;
        });
    }

    private void flush() {
        for (int i = 0; i < 5; i++) {
            net.flush();
            net.clock.advance(Duration.ZERO);
        }
    }

    @Test
    void requestsShareOneConnection() {
        List<Deferred<byte[]>> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(agent.request("GET", "http://example.com/echo?n=" + i, null, null).addCallbackDeferred(Agent::readBody));
        }
        flush();
        for (int i = 0; i < 10; i++) {
            assertEquals("/echo?n=" + i, new String(successResultOf(bodies.get(i)), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("example.com:80"), net.connections);
    }

    @Test
    void aLargeUploadFlowsWithinTheWindows() {
        byte[] upload = new byte[1 << 20];
        new Random(2).nextBytes(upload);
        Deferred<byte[]> echoed = agent.request("POST", "http://example.com/echo", null, BodyProducer.ofBytes(upload))
                .addCallbackDeferred(Agent::readBody);
        flush();
        assertArrayEquals(upload, successResultOf(echoed));
    }

    @Test
    void aServerGoingAwayFinishesTheStreamsItTookAndNewOnesGoElsewhere() {
        Deferred<Response> first = agent.request("GET", "http://example.com/wait", null, null);
        flush();
        // The server shuts down: the stream in flight is answered, new streams are not taken.
        servers.get(0).shutdown();
        flush();
        // A request after the GOAWAY goes on a new connection.
        Deferred<Response> later = agent.request("GET", "http://example.com/echo", null, null);
        flush();
        assertEquals(200, successResultOf(later).code());
        assertEquals(List.of("example.com:80", "example.com:80"), net.connections);
        waiting.get(0).respond("done".getBytes(StandardCharsets.UTF_8));
        flush();
        assertEquals(200, successResultOf(first).code());
    }
}
