package dev.torsion.http.websocket.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.Headers;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.client.ReactorHttpConnector;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.TestTls;
import dev.torsion.http.websocket.CloseStatus;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.client.WebSocketClient;
import dev.torsion.http.websocket.server.WebSocketResource;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torsion's WebSocket client against its server over real TCP and TLS sockets on the Netty reactor. */
class WebSocketSocketTest {
    @TempDir
    Path temp;
    LiveReactor live;
    ListeningPort plain;
    ListeningPort secure;
    Path tls;

    /** Echoes every message. */
    static final class Echo implements WebSocketProtocol {
        private WebSocket socket;

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
        }

        @Override
        public void onText(String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(byte[] data) {
            socket.sendBinary(data);
        }
    }

    /** Sends {@code count} messages and a large one, collects the echoes, then closes. */
    static final class Exchange implements WebSocketProtocol {
        final CompletableFuture<String> done = new CompletableFuture<>();
        final byte[] big;
        final int count;
        private WebSocket socket;
        private int texts;
        private byte[] echoed;

        Exchange(int count, byte[] big) {
            this.count = count;
            this.big = big;
        }

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
            for (int i = 0; i < count; i++) {
                socket.sendText("message " + i);
            }
            socket.sendBinary(big);
        }

        @Override
        public void onText(String text) {
            if (!text.equals("message " + texts)) {
                done.completeExceptionally(new AssertionError("out of order: " + text));
            }
            texts++;
        }

        @Override
        public void onBinary(byte[] data) {
            echoed = data;
            socket.close(1000, "thanks");
        }

        @Override
        public void onClose(CloseStatus status) {
            if (echoed != null && Arrays.equals(echoed, big) && texts == count) {
                done.complete(status.code() + " " + status.clean() + " " + socket.isCompressed());
            } else {
                done.completeExceptionally(new AssertionError("ended with " + status + " after " + texts + " texts"));
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        Resource root = new Resource();
        root.putChild("echo", new WebSocketResource(request -> new Echo()));
        Site site = new Site(root);
        live = new LiveReactor();
        plain = live.call(() -> live.reactor.listenTCP(0, site.factory(live.reactor), 50, "127.0.0.1"));
        TlsOptions serverTls = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null);
        secure = live.call(() -> live.reactor.listenSSL(0, site.secureFactory(live.reactor), serverTls, 50, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        live.await(plain::stopListening);
        live.await(secure::stopListening);
        live.close();
    }

    private int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    private WebSocketClient trustingClient(String name) throws Exception {
        SSLContext trust = TlsContexts.context(null, List.of(), PemFiles.readCertificates(tls.resolve("ca.pem")));
        AgentConfig config = AgentConfig.DEFAULT.withTls(host -> TlsOptions.client(trust, name == null ? host : name));
        return live.call(() -> new WebSocketClient(new ReactorHttpConnector(live.reactor), live.reactor, config, WebSocketLimits.DEFAULT));
    }

    private String exchange(WebSocketClient client, String uri, boolean compression) throws Exception {
        byte[] big = new byte[3 << 20];
        new Random(6455).nextBytes(big);
        Exchange exchange = new Exchange(500, big);
        live.await(() -> client.connect(uri, new Headers(), List.of(), compression, exchange));
        return exchange.done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void overTcpWithAndWithoutCompression() throws Exception {
        WebSocketClient client = live.call(() -> new WebSocketClient(live.reactor));
        String uri = "ws://127.0.0.1:" + port(plain) + "/echo";
        assertEquals("1000 true false", exchange(client, uri, false));
        assertEquals("1000 true true", exchange(client, uri, true));
    }

    @Test
    void overTlsWithTheServerNameVerified() throws Exception {
        assertEquals("1000 true true", exchange(trustingClient(null), "wss://localhost:" + port(secure) + "/echo", true));
        WebSocketClient wrongName = trustingClient("wrong.example");
        assertThrows(Exception.class, () -> live.await(() -> wrongName.connect("wss://localhost:" + port(secure) + "/echo", new Echo())));
        WebSocketClient untrusting = live.call(() -> new WebSocketClient(live.reactor));
        assertThrows(Exception.class, () -> live.await(() -> untrusting.connect("wss://localhost:" + port(secure) + "/echo", new Echo())));
    }

    @Test
    void theSameSiteServesHttpAndWebSocket() throws Exception {
        WebSocketClient client = live.call(() -> new WebSocketClient(live.reactor));
        Exception refused = assertThrows(Exception.class,
                () -> live.await(() -> client.connect("ws://127.0.0.1:" + port(plain) + "/missing", new Echo())));
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());
    }
}
