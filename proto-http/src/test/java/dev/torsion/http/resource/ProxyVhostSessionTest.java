package dev.torsion.http.resource;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.Response;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.server.Session;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.support.TestResources;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProxyVhostSessionTest {
    private final MemoryNet net = new MemoryNet();

    private String[] fetch(Agent agent, String method, String url, BodyProducer body) {
        Deferred<Response> pending = agent.request(method, url, null, body);
        net.flush();
        Response response = successResultOf(pending);
        Deferred<byte[]> bytes = Agent.readBody(response);
        net.flush();
        return new String[] {Integer.toString(response.code()), new String(successResultOf(bytes), StandardCharsets.ISO_8859_1),
                String.valueOf(response.headers().get("X-Backend")), String.valueOf(response.headers().get("Content-Type"))};
    }

    @Test
    void reverseProxyForwardsBothWays() {
        List<String> seen = new ArrayList<>();
        byte[] big = new byte[700_000];
        new Random(9).nextBytes(big);
        Resource back = new Resource();
        Resource app = new Resource();
        back.putChild("app", app);
        app.putChild("echo", new Resource(true) {
            @Override
            public Rendered render(Request request) {
                seen.add(request.method() + " " + request.uri() + " xff=" + request.getHeader("X-Forwarded-For")
                        + " proto=" + request.getHeader("X-Forwarded-Proto") + " host=" + request.getHeader("Host")
                        + " conn=" + request.getHeader("Connection"));
                request.setHeader("X-Backend", "yes");
                request.setHeader("Content-Type", "text/x-echo");
                return Rendered.body(("echo:" + new String(request.content(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        app.putChild("big", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.write(Arrays.copyOfRange(big, 0, 300_000));
                request.write(Arrays.copyOfRange(big, 300_000, big.length));
                request.finish();
                return NOT_DONE_YET;
            }
        });
        net.serve("back", 8081, new Site(back));
        Agent backendAgent = new Agent(net, net.clock, AgentConfig.DEFAULT);
        Resource front = new Resource();
        front.putChild("proxy", new ReverseProxyResource(backendAgent, "http://back:8081/app"));
        front.putChild("down", new ReverseProxyResource(backendAgent, "http://nowhere:1/"));
        net.serve("front", 80, new Site(front));
        Agent client = new Agent(net, net.clock, AgentConfig.DEFAULT);

        String[] get = fetch(client, "GET", "http://front/proxy/echo?q=a%20b", null);
        assertEquals("200", get[0]);
        assertEquals("echo:", get[1]);
        assertEquals("yes", get[2]);
        assertEquals("text/x-echo", get[3]);
        assertEquals("GET /app/echo?q=a%20b xff=127.0.0.1 proto=http host=back:8081 conn=null", seen.get(0));

        String[] post = fetch(client, "POST", "http://front/proxy/echo", BodyProducer.ofBytes("data".getBytes(StandardCharsets.UTF_8)));
        assertEquals("echo:data", post[1]);

        String[] streamed = fetch(client, "GET", "http://front/proxy/big", null);
        assertArrayEquals(big, streamed[1].getBytes(StandardCharsets.ISO_8859_1));

        assertEquals("502", fetch(client, "GET", "http://front/down/x", null)[0]);
    }

    @Test
    void virtualHostsByName() {
        NameVirtualHost vhost = new NameVirtualHost();
        vhost.addHost("one.example", new TestResources.Text("one"));
        Resource two = new Resource();
        two.putChild("page", new TestResources.Text("two"));
        vhost.addHost("Two.Example", two);
        Site site = new Site(vhost);
        Wire wire = new Wire(site);
        wire.send("GET /anything HTTP/1.1\r\nHost: ONE.example:8080\r\n\r\n"
                + "GET /page HTTP/1.1\r\nHost: two.example\r\n\r\n"
                + "GET /page HTTP/1.1\r\nHost: three.example\r\n\r\n");
        String[] responses = wire.responses();
        assertTrue(responses[0].endsWith("one"), responses[0]);
        assertTrue(responses[1].endsWith("two"), responses[1]);
        assertTrue(responses[2].startsWith("HTTP/1.1 404 "), responses[2]);
    }

    @Test
    void sessionsByCookieExpireWhenUnused() {
        List<Session> sessions = new ArrayList<>();
        Resource counter = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                Session session = request.getSession();
                sessions.add(session);
                Integer count = (Integer) session.getAttribute("count");
                session.setAttribute("count", count == null ? 1 : count + 1);
                return Rendered.text(String.valueOf(session.getAttribute("count")));
            }
        };
        Site site = new Site(counter, ServerConfig.DEFAULT).setSessionTimeout(Duration.ofMinutes(10));
        TestClock clock = new TestClock();
        var factory = site.factory(clock);
        String out = get(factory, null);
        assertTrue(out.contains("Set-Cookie: TORSION_SESSION="), out);
        assertTrue(out.contains("; Path=/; HttpOnly; SameSite=Lax"), out);
        String uid = sessions.get(0).uid();
        assertEquals(32, uid.length());
        String again = get(factory, uid);
        assertTrue(again.endsWith("2"), again);
        assertTrue(!again.contains("Set-Cookie"), "a known session sets no new cookie");
        boolean[] expired = {false};
        sessions.get(0).notifyOnExpire(() -> expired[0] = true);
        clock.advance(Duration.ofMinutes(9));
        assertTrue(get(factory, uid).endsWith("3"), "use keeps the session alive");
        clock.advance(Duration.ofMinutes(9));
        assertTrue(!expired[0]);
        clock.advance(Duration.ofMinutes(2));
        assertTrue(expired[0]);
        assertEquals(0, site.sessions(clock).size());
        assertTrue(get(factory, uid).endsWith("1"), "an expired session starts again");
    }

    /** One GET on a new connection made by the site's factory (so sharing its sessions). */
    private static String get(ProtocolFactory factory, String sessionUid) {
        Protocol channel = factory.buildProtocol(null);
        StringTransport transport = new StringTransport();
        channel.makeConnection(transport);
        String cookie = sessionUid == null ? "" : "Cookie: TORSION_SESSION=" + sessionUid + "\r\n";
        channel.dataReceived(("GET / HTTP/1.1\r\nHost: a\r\n" + cookie + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return transport.valueAsString();
    }
}
