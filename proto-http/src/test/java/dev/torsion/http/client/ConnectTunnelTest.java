package dev.torsion.http.client;

import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.support.TestResources;
import dev.torsion.http.support.TestTls;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https through an HTTP proxy: CONNECT, then TLS with the origin's name verified inside the tunnel. */
class ConnectTunnelTest {
    @TempDir
    Path temp;

    /** A proxy that answers CONNECT and then is the origin itself: TLS and an HTTP server inside. */
    static final class TunnelingProxy extends Protocol {
        final List<String> connects;
        final TlsOptions originTls;
        final Site origin;
        final MemoryNet net;
        StringBuilder head = new StringBuilder();
        TlsProtocol inside;

        TunnelingProxy(List<String> connects, TlsOptions originTls, Site origin, MemoryNet net) {
            this.connects = connects;
            this.originTls = originTls;
            this.origin = origin;
            this.net = net;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (inside != null) {
                inside.dataReceived(data);
                return;
            }
            head.append(new String(data, StandardCharsets.ISO_8859_1));
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            connects.add(requestLine);
            if (!requestLine.startsWith("CONNECT localhost:")) {
                transport().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                transport().loseConnection();
                return;
            }
            transport().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            inside = new TlsProtocol(originTls, new HttpChannel(origin, ServerConfig.DEFAULT, net.clock, true));
            inside.makeConnection(transport());
        }

        @Override
        public void connectionLost(Failure reason) {
            if (inside != null) {
                inside.notifyConnectionLost(reason);
            }
        }
    }

    @Test
    void httpsGoesThroughATunnel() throws Exception {
        Path tls = TestTls.materialize(temp);
        TlsOptions originTls = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null);
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        Resource root = new Resource();
        root.putChild("hello", new TestResources.Text("secret hello"));
        root.putChild("secure", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.text(String.valueOf(request.isSecure()));
            }
        });
        Site origin = new Site(root);
        MemoryNet net = new MemoryNet();
        List<String> connects = new ArrayList<>();
        net.serveRaw("proxy", 3128, () -> new TunnelingProxy(connects, originTls, origin, net));
        Agent agent = new Agent(net, net.clock, AgentConfig.DEFAULT.withProxy("proxy", 3128)
                .withTls(host -> TlsOptions.client(trust, host)));

        assertEquals("secret hello", fetch(net, agent, "https://localhost:8443/hello"));
        assertEquals("true", fetch(net, agent, "https://localhost:8443/secure"));
        assertEquals(List.of("CONNECT localhost:8443 HTTP/1.1"), connects, "one tunnel, kept alive for both");

        Deferred<Response> refused = agent.request("GET", "https://elsewhere.example/", null, null);
        net.flush();
        failureResultOf(refused, ConnectError.class);
    }

    private static String fetch(MemoryNet net, Agent agent, String url) {
        Deferred<Response> response = agent.request("GET", url, null, null);
        net.flush();
        Deferred<byte[]> body = Agent.readBody(successResultOf(response));
        net.flush();
        return new String(successResultOf(body), StandardCharsets.UTF_8);
    }
}
