package dev.torsion.http.h2.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.defer.TimeoutError;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
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
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link Agent} over real TLS sockets against Torsion's own servers: one offering {@code h2} and
 * {@code http/1.1} by ALPN (the Agent multiplexes over one connection), one that is HTTP/1.1 only and
 * answers no ALPN (the Agent falls back), one that accepts only {@code http/1.1} by ALPN.
 */
class AgentAlpnSocketTest {
    static Path temp;
    static LiveReactor live;
    static ListeningPort h2;
    static ListeningPort http11;
    static ListeningPort alpnHttp11;
    static SSLContext trust;
    static byte[] big;
    static final List<Request> slow = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("torsion-agent-alpn");
        Path tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        big = new byte[2 << 20];
        new Random(7301).nextBytes(big);
        Resource root = new Resource();
        root.putChild("big", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.body(big);
            }
        });
        root.putChild("slow", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                slow.add(request);
                return NOT_DONE_YET;
            }
        });
        Site site = new Site(root);
        TlsOptions server = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null);
        live = new LiveReactor();
        h2 = live.call(() -> live.reactor.listenSSL(0, Http2ServerFactory.forSite(site, live.reactor, true, Http2Limits.DEFAULT),
                server.withApplicationProtocols("h2", "http/1.1"), 50, "127.0.0.1"));
        http11 = live.call(() -> live.reactor.listenSSL(0, site.secureFactory(live.reactor), server, 50, "127.0.0.1"));
        alpnHttp11 = live.call(() -> live.reactor.listenSSL(0, site.secureFactory(live.reactor),
                server.withApplicationProtocols("http/1.1"), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ListeningPort port : new ListeningPort[] {h2, http11, alpnHttp11}) {
            if (port != null) {
                live.await(port::stopListening);
            }
        }
        if (live != null) {
            live.close();
        }
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    private static Agent agent(AgentConfig config) throws Exception {
        return live.call(() -> new Agent(live.reactor, config.withTls(host -> TlsOptions.client(trust, host))));
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
    void anH2ServerGetsSixRequestsOnOneConnection() throws Exception {
        Agent agent = agent(AgentConfig.DEFAULT);
        String url = "https://localhost:" + port(h2) + "/big";
        for (Response response : fetchSix(agent, url)) {
            assertEquals("HTTP/2", response.version());
            assertArrayEquals(big, live.await(() -> Agent.readBody(response)));
        }
        assertTrue(live.call(() -> agent.speaksHttp2("https", "localhost", port(h2))));
        assertEquals(1, (int) live.call(() -> agent.openConnections("https", "localhost", port(h2))));
    }

    @Test
    void aServerWithoutAlpnIsServedInHttp11() throws Exception {
        Agent agent = agent(AgentConfig.DEFAULT);
        for (ListeningPort port : new ListeningPort[] {http11, alpnHttp11}) {
            String url = "https://localhost:" + port(port) + "/big";
            for (Response response : fetchSix(agent, url)) {
                assertEquals("HTTP/1.1", response.version());
                assertArrayEquals(big, live.await(() -> Agent.readBody(response)));
            }
            assertFalse(live.call(() -> agent.speaksHttp2("https", "localhost", port(port))));
        }
    }

    @Test
    void theResponseTimeoutAppliesToH2Streams() throws Exception {
        Agent agent = agent(AgentConfig.DEFAULT.withResponseTimeout(Duration.ofMillis(500)));
        assertThrows(TimeoutError.class,
                () -> live.await(() -> agent.request("GET", "https://localhost:" + port(h2) + "/slow", null, null)));
        // The connection goes on: the next request shares it.
        Response next = live.await(() -> agent.request("GET", "https://localhost:" + port(h2) + "/big", null, null));
        assertEquals("HTTP/2", next.version());
        assertArrayEquals(big, live.await(() -> Agent.readBody(next)));
        assertEquals(1, (int) live.call(() -> agent.openConnections("https", "localhost", port(h2))));
    }

    @Test
    void aWrongNameFailsTheHandshakeAsBefore() throws Exception {
        Agent wrongName = live.call(() -> new Agent(live.reactor,
                AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, "wrong.example"))));
        assertThrows(Exception.class,
                () -> live.await(() -> wrongName.request("GET", "https://localhost:" + port(h2) + "/big", null, null)));
    }
}
